// How long a ping may wait for others to share its request
// (telemetry.batchSeconds): fewer requests against fresher data.
import { ac } from '../../common/actions';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';

export const BATCH_SECONDS_CHOICES = [1, 5, 30, 60, 300] as const;

export function BatchDelaySelect() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const seconds = useAppSelector((s) => s.Prefs.values['telemetry.batchSeconds']);
  // A value set elsewhere (another build, a test) is shown as it is.
  const choices = [...new Set<number>([...BATCH_SECONDS_CHOICES, seconds])].sort((a, b) => a - b);
  return (
    <label className="option-row">
      <span>{t('telemetryBatchSeconds')}</span>
      <select
        name="telemetry.batchSeconds"
        value={seconds}
        onChange={(e) => dispatch(ac.SetPref('telemetry.batchSeconds', Number(e.target.value)))}
      >
        {choices.map((n) => (
          <option key={n} value={n}>
            {t('secondsChoice').replace('{n}', String(n))}
          </option>
        ))}
      </select>
    </label>
  );
}
