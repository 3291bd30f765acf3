// Selects bound to one numeric pref: shortcut rows (personalize panel and
// settings page) and the telemetry batch delay (settings page).
import { ac } from '../../common/actions';
import type { PrefName, PrefValues } from '../../common/prefs';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

type NumberPref = { [N in PrefName]: PrefValues[N] extends number ? N : never }[PrefName];

interface Props {
  pref: NumberPref;
  /** Locale key of the label. */
  label: string;
  choices: readonly number[];
  /** Locale key of a choice, with `{n}` for the number; without it, the bare number. */
  choiceLabel?: string;
  className: string;
  disabled?: boolean;
}

export function NumberPrefSelect({ pref, label, choices, choiceLabel, className, disabled = false }: Props) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const value = useAppSelector((s) => s.Prefs.values[pref]);
  // A value set elsewhere (another build, a test) is shown as it is.
  const options = [...new Set<number>([...choices, value])].sort((a, b) => a - b);
  return (
    <label className={className}>
      <span>{t(label)}</span>
      <select name={pref} value={value} disabled={disabled} onChange={(e) => dispatch(ac.SetPref(pref, Number(e.target.value)))}>
        {options.map((n) => (
          <option key={n} value={n}>
            {choiceLabel ? t(choiceLabel).replace('{n}', String(n)) : n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Rows of shortcuts (1–4), off while shortcuts are. */
export function RowsSelect({ className }: { className: string }) {
  const shortcutsOn = useAppSelector((s) => s.Prefs.values['feeds.topsites']);
  return <NumberPrefSelect pref="topSitesRows" label="prefTopSitesRows" choices={[1, 2, 3, 4]} className={className} disabled={!shortcutsOn} />;
}

/** How long a ping may wait for others to share its request: fewer requests against fresher data. */
export function BatchDelaySelect() {
  return (
    <NumberPrefSelect
      pref="telemetry.batchSeconds"
      label="telemetryBatchSeconds"
      choices={[1, 5, 30, 60, 300]}
      choiceLabel="secondsChoice"
      className="option-row"
    />
  );
}
