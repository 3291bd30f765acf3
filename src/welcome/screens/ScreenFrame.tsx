// What every welcome screen shares: a heading that takes focus when the
// screen comes, a subtitle, the screen's own controls, and its primary and
// secondary buttons. A message may reword the title, subtitle and buttons.
import type { ReactNode, RefObject } from 'react';
import type { WelcomeFlow, WelcomeScreen } from '../../common/onboarding/screens';
import { useI18n } from '../../newtab/lib/i18nContext';

export interface ScreenProps {
  screen: WelcomeScreen;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Sends the click ping of this screen's button. */
  report(source: 'primary_button' | 'secondary_button'): void;
  /** The next screen, or the end. */
  next(): void;
  openOptionsPage(): void;
  /** Opens a web page in a new tab (the return-to-AMO listing). */
  openUrl(url: string): void;
  consent?: ReactNode;
  addon?: WelcomeFlow['addon'];
}

export interface ScreenFrameProps {
  screen: WelcomeScreen;
  headingRef: ScreenProps['headingRef'];
  /** Locale keys of the default texts. */
  texts: { title: string; subtitle: string; primary: string; secondary: string };
  onPrimary(): void;
  onSecondary(): void;
  primaryDisabled?: boolean;
  children?: ReactNode;
}

export function ScreenFrame({ screen, headingRef, texts, onPrimary, onSecondary, primaryDisabled, children }: ScreenFrameProps) {
  const { t } = useI18n();
  return (
    <section className="welcome-screen" aria-labelledby="welcome-screen-heading">
      <h1 id="welcome-screen-heading" ref={headingRef} tabIndex={-1}>
        {screen.title ?? t(texts.title)}
      </h1>
      <p>{screen.subtitle ?? t(texts.subtitle)}</p>
      {children}
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onPrimary} disabled={primaryDisabled}>
          {screen.primary_button?.label ?? t(texts.primary)}
        </button>
        <button type="button" className="secondary" onClick={onSecondary}>
          {screen.secondary_button?.label ?? t(texts.secondary)}
        </button>
      </div>
    </section>
  );
}
