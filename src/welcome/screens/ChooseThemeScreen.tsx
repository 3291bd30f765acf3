// Light, dark or the system's colours for our pages (pref `theme`). The
// choice shows at once, as a preview; the primary button keeps it and the
// secondary one leaves the theme as it was.
import { useEffect, useState } from 'react';
import { ac } from '../../common/actions';
import { THEMES, type Theme } from '../../common/prefs';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { applyTheme, THEME_LABELS } from '../../newtab/lib/theme';
import { ScreenFrame, type ScreenProps } from './ScreenFrame';


export function ChooseThemeScreen({ screen, headingRef, report, next }: ScreenProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const current = useAppSelector((s) => s.Prefs.values.theme);
  const [choice, setChoice] = useState<Theme>(current);
  useEffect(() => {
    applyTheme(document.documentElement, choice);
    return () => applyTheme(document.documentElement, current);
  }, [choice, current]);

  return (
    <ScreenFrame
      screen={screen}
      headingRef={headingRef}
      texts={{ title: 'welcomeThemeTitle', subtitle: 'welcomeThemeBody', primary: 'welcomeThemeUse', secondary: 'welcomeNotNow' }}
      onPrimary={() => {
        report('primary_button');
        dispatch(ac.SetPref('theme', choice));
        next();
      }}
      onSecondary={() => {
        report('secondary_button');
        next();
      }}
    >
      <fieldset className="welcome-themes">
        <legend className="visually-hidden">{t('welcomeThemeTitle')}</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="welcome-choice">
            <input type="radio" name="welcome-theme" value={theme} checked={choice === theme} onChange={() => setChoice(theme)} />
            <span>{t(THEME_LABELS[theme])}</span>
          </label>
        ))}
      </fieldset>
    </ScreenFrame>
  );
}
