// The look of our pages (pref `theme`) and the settings file the welcome
// page's import screen reads (common/onboarding/settingsFile.ts).
import { ac } from '../../common/actions';
import { exportSettings } from '../../common/onboarding/settingsFile';
import { THEMES, type Theme } from '../../common/prefs';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { THEME_LABELS } from '../../newtab/lib/theme';

export const SETTINGS_FILE_NAME = 'open-activity-stream-settings.json';

/** Hands the file to the browser's download (an object URL, revoked once used). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function SettingsBackup({ save = download }: { save?: (name: string, text: string) => void }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const rows = useAppSelector((s) => s.TopSites.rows);
  return (
    <section className="options-group" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('optionsBackupHeading')}</h2>
      <label className="option-row">
        <span>{t('prefTheme')}</span>
        <select name="theme" value={prefs.theme} onChange={(e) => dispatch(ac.SetPref('theme', e.target.value as Theme))}>
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(THEME_LABELS[theme])}
            </option>
          ))}
        </select>
      </label>
      <p id="export-hint" className="explanation">
        {t('optionsExportHint')}
      </p>
      <button type="button" aria-describedby="export-hint" onClick={() => save(SETTINGS_FILE_NAME, `${JSON.stringify(exportSettings(prefs, rows), null, 2)}\n`)}>
        {t('optionsExport')}
      </button>
    </section>
  );
}
