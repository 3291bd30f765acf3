// How many rows of shortcuts to show (1–4), in the panel and on the settings page.
import { ac } from '../../common/actions';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

export const TOP_SITES_ROW_CHOICES = [1, 2, 3, 4] as const;

export function RowsSelect({ className }: { className: string }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const rows = useAppSelector((s) => s.Prefs.values.topSitesRows);
  const shortcutsOn = useAppSelector((s) => s.Prefs.values['feeds.topsites']);
  return (
    <label className={className}>
      <span>{t('prefTopSitesRows')}</span>
      <select
        name="topSitesRows"
        value={rows}
        disabled={!shortcutsOn}
        onChange={(e) => dispatch(ac.SetPref('topSitesRows', Number(e.target.value)))}
      >
        {TOP_SITES_ROW_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
