// The welcome page's screens in the order the background sent them (a
// `multistage` message, an experiment's branch or the defaults), with back,
// skip and progress dots. Each screen does its own job (screens/); this frame
// reports what is shown and which button was used, and moves along. Focus goes
// to the new screen's heading, so keyboard and screen-reader users follow.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ac } from '../common/actions';
import type { ScreenId, WelcomeFlow, WelcomeScreen } from '../common/onboarding/screens';
import { useAppDispatch } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';
import { ChooseThemeScreen } from './screens/ChooseThemeScreen';
import { GetStartedScreen } from './screens/GetStartedScreen';
import { ImportSettingsScreen } from './screens/ImportSettingsScreen';
import { RtamoScreen } from './screens/RtamoScreen';
import type { ScreenProps } from './screens/ScreenFrame';
import { SitesScreen } from './screens/SitesScreen';
import './Welcome.css';

export interface MultiStageWelcomeProps {
  flow: WelcomeFlow | null;
  openNewTab(): void;
  openOptionsPage(): void;
  openUrl(url: string): void;
  /** Firefox's data-collection consent, on the first screen and at the end. */
  consent?: ReactNode;
}

const SCREENS: Record<ScreenId, (props: ScreenProps) => ReactNode> = {
  AW_GET_STARTED: GetStartedScreen,
  SITES: SitesScreen,
  AW_IMPORT_SETTINGS: ImportSettingsScreen,
  AW_CHOOSE_THEME: ChooseThemeScreen,
  RTAMO: RtamoScreen,
};

export function MultiStageWelcome({ flow, openNewTab, openOptionsPage, openUrl, consent }: MultiStageWelcomeProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const screens: readonly WelcomeScreen[] = flow?.screens ?? [];
  const screen = done ? undefined : screens[index];

  useEffect(() => {
    if (screen) dispatch(ac.WelcomeScreenShown(screen.id));
  }, [dispatch, screen]);
  useEffect(() => {
    // Not on the first screen: a page that opens must not jump.
    if (moved.current) heading.current?.focus();
  }, [index, done]);

  if (!flow) return <main className="welcome" aria-busy="true" />;
  const go = (to: number) => {
    moved.current = true;
    if (to >= screens.length) setDone(true);
    else setIndex(Math.max(0, to));
  };

  if (!screen) {
    return (
      <main className="welcome">
        <h1 ref={heading} tabIndex={-1}>
          {t('welcomeDoneTitle')}
        </h1>
        <p>{t('welcomeDoneBody')}</p>
        <div className="welcome-actions">
          <button type="button" className="primary" onClick={openNewTab}>
            {t('welcomeStart')}
          </button>
          <button type="button" className="secondary" onClick={openOptionsPage}>
            {t('welcomeSettings')}
          </button>
        </div>
        {/* Reachable whatever screens a message chose. */}
        {consent}
      </main>
    );
  }

  const Screen = SCREENS[screen.id];
  const step = t('welcomeStep').replace('$1', String(index + 1)).replace('$2', String(screens.length));
  return (
    <main className="welcome" data-screen={screen.id}>
      <nav className="welcome-nav" aria-label={t('welcomeNavigation')}>
        {index > 0 ? (
          <button type="button" className="welcome-back" onClick={() => go(index - 1)}>
            {t('welcomeBack')}
          </button>
        ) : (
          <span />
        )}
        <ol className="welcome-progress" aria-label={step}>
          {screens.map((s, i) => (
            <li key={s.id} className={i === index ? 'current' : i < index ? 'seen' : ''} aria-current={i === index ? 'step' : undefined} />
          ))}
        </ol>
        <button type="button" className="welcome-skip" onClick={() => go(screens.length)}>
          {t('welcomeSkip')}
        </button>
      </nav>
      <Screen
        key={screen.id}
        screen={screen}
        headingRef={heading}
        report={(source) => dispatch(ac.WelcomeButton(screen.id, source))}
        next={() => go(index + 1)}
        openOptionsPage={openOptionsPage}
        openUrl={openUrl}
        consent={consent}
        addon={flow.addon}
      />
    </main>
  );
}
