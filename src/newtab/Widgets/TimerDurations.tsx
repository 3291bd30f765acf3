// The Focus timer's two durations on the settings page: minutes and seconds
// each (1 s to 24 h), saved as seconds when the number is valid; and its notification.
import { ac } from '../../common/actions';
import { prefValueError, type PrefName } from '../../common/prefs';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { TimerNotify } from './TimerNotify';

type DurationPref = Extract<PrefName, 'widgets.focusTimer.focusSeconds' | 'widgets.focusTimer.breakSeconds'>;

function DurationField({ pref, label }: { pref: DurationPref; label: string }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const value = useAppSelector((s) => s.Prefs.values[pref]);
  const minutes = Math.floor(value / 60);
  const seconds = value % 60;
  const set = (m: number, s: number) => {
    const next = m * 60 + s;
    if (Number.isInteger(next) && prefValueError(pref, next) === null) dispatch(ac.SetPref(pref, next));
  };
  return (
    <fieldset className="option-row duration-field" name={pref}>
      <legend>{t(label)}</legend>
      <label>
        <input type="number" name={`${pref}.minutes`} min={0} max={1440} value={minutes} onChange={(e) => set(Number(e.target.value), seconds)} />
        <span>{t('widgetTimerMinutes')}</span>
      </label>
      <label>
        <input type="number" name={`${pref}.seconds`} min={0} max={59} value={seconds} onChange={(e) => set(minutes, Number(e.target.value))} />
        <span>{t('widgetTimerSeconds')}</span>
      </label>
    </fieldset>
  );
}

export function TimerDurations() {
  return (
    <>
      <DurationField pref="widgets.focusTimer.focusSeconds" label="widgetTimerFocusLength" />
      <DurationField pref="widgets.focusTimer.breakSeconds" label="widgetTimerBreakLength" />
      <TimerNotify className="option-row" />
    </>
  );
}
