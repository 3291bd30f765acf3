// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettingsFile } from '../../common/onboarding/settingsFile';
import { renderForTest } from '../../test-support/renderForTest';
import { SettingsBackup } from './SettingsBackup';

afterEach(cleanup);

describe('SettingsBackup', () => {
  it('sets the theme pref', () => {
    const page = renderForTest(<SettingsBackup save={() => undefined} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'theme', value: 'dark' }]);
  });

  it('exports a file the welcome page can import', () => {
    const saved: [string, string][] = [];
    renderForTest(<SettingsBackup save={(name, text) => saved.push([name, text])} />, { prefs: { topSitesRows: 3 }, locale: 'fr' });
    fireEvent.click(screen.getByRole('button', { name: 'Exporter les réglages' }));
    expect(saved[0]![0]).toBe('open-activity-stream-settings.json');
    const parsed = parseSettingsFile(saved[0]![1]);
    expect(parsed.ok && parsed.settings.prefs.topSitesRows).toBe(3);
  });
});
