// Import shortcuts and preferences from a file the settings page exported
// (common/onboarding/settingsFile.ts). The file is read here and checked
// field by field; the background checks each pref and pin again.
import { useState, type ChangeEvent } from 'react';
import { ac, action, OnlyToMain } from '../../common/actions';
import { parseSettingsFile, type SettingsFile } from '../../common/onboarding/settingsFile';
import type { PrefName, PrefValues } from '../../common/prefs';
import { useAppDispatch } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { ScreenFrame, type ScreenProps } from './ScreenFrame';

/** The file's text (FileReader: every engine and test DOM has it). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

const ERROR_TEXTS = { unreadable: 'welcomeImportUnreadable', 'not-ours': 'welcomeImportNotOurs', 'too-large': 'welcomeImportTooLarge' } as const;

export function ImportSettingsScreen({ screen, headingRef, report, next }: ScreenProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [file, setFile] = useState<SettingsFile | null>(null);
  const [error, setError] = useState<keyof typeof ERROR_TEXTS | null>(null);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    setFile(null);
    setError(null);
    if (!chosen) return;
    const parsed = parseSettingsFile(await readText(chosen).catch(() => ''));
    if (parsed.ok) setFile(parsed.settings);
    else setError(parsed.error);
  };
  const apply = () => {
    if (!file) return;
    report('primary_button');
    for (const [name, value] of Object.entries(file.prefs) as [PrefName, PrefValues[PrefName]][]) dispatch(ac.SetPref(name, value));
    file.pinned.forEach((site, index) => dispatch(OnlyToMain(action('TOP_SITES_PIN', { site, index }))));
    next();
  };
  const found = file
    ? t('welcomeImportFound').replace('$1', String(Object.keys(file.prefs).length)).replace('$2', String(file.pinned.length))
    : null;
  return (
    <ScreenFrame
      screen={screen}
      headingRef={headingRef}
      texts={{ title: 'welcomeImportTitle', subtitle: 'welcomeImportBody', primary: 'welcomeImport', secondary: 'welcomeNotNow' }}
      onPrimary={apply}
      primaryDisabled={!file}
      onSecondary={() => {
        report('secondary_button');
        next();
      }}
    >
      <label className="welcome-file">
        <span>{t('welcomeImportFile')}</span>
        <input type="file" accept="application/json,.json" onChange={(e) => void choose(e)} aria-describedby="welcome-import-status" />
      </label>
      <p id="welcome-import-status" role="status" className={error ? 'welcome-error' : undefined}>
        {error ? t(ERROR_TEXTS[error]) : found}
      </p>
    </ScreenFrame>
  );
}
