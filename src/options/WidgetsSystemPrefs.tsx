// The widgets' system switches (Firefox's `widgets.system.*`, set there by
// remote config): whether this profile is offered widgets at all. Shown on
// the settings page apart from the user's own switches, so an administrator
// or tester can see and change them; a build's default comes from WIDGETS.
import { ac } from '../common/actions';
import { WIDGETS } from '../common/widgets/registry';
import { useAppDispatch, useAppSelector } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';

export function WidgetsSystemPrefs() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const rows = [{ pref: 'widgets.system.enabled' as const, label: t('prefWidgetsSystem') }, ...WIDGETS.map((w) => ({ pref: w.systemPref, label: `${t('prefWidgetsSystem')}: ${t(w.label)}` }))];
  return (
    <fieldset className="options-system">
      <legend>{t('widgetsSystemHeading')}</legend>
      {rows.map(({ pref, label }, i) => (
        <label key={pref} className={i === 0 ? 'option-row' : 'option-row indent'}>
          <input
            type="checkbox"
            name={pref}
            checked={prefs[pref]}
            disabled={i > 0 && !prefs['widgets.system.enabled']}
            onChange={(e) => dispatch(ac.SetPref(pref, e.target.checked))}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
