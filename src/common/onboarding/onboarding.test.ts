import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../prefs';
import { SEED_ATTRIBUTION } from '../../test-support/pingSamples';
import { parseAttributionCode, validateAttribution } from './attribution';
import { addonListingUrl, rtamoAddonId } from './rtamo';
import { DEFAULT_WELCOME_FLOW, screenMessageId, validateMultistageContent } from './screens';
import { exportSettings, parseSettingsFile } from './settingsFile';

describe('multistage content', () => {
  it('keeps known screens in their order, with their texts', () => {
    const content = { screens: [{ id: 'AW_CHOOSE_THEME', title: 'Colours', primary_button: { label: 'Go', action: { type: 'OPEN_URL' } } }, { id: 'SITES' }], extra: 1 };
    expect(validateMultistageContent(content)).toEqual({ screens: [{ id: 'AW_CHOOSE_THEME', title: 'Colours', primary_button: { label: 'Go' } }, { id: 'SITES' }] });
  });

  it.each([
    ['no screens', { screens: [] }],
    ['an unknown screen', { screens: [{ id: 'AW_SET_DEFAULT' }] }],
    ['the return-to-AMO screen, which only the attribution puts', { screens: [{ id: 'RTAMO' }] }],
    ['a screen twice', { screens: [{ id: 'SITES' }, { id: 'SITES' }] }],
    ['a title that is not text', { screens: [{ id: 'SITES', title: { html: '<b>' } }] }],
    ['a label too long', { screens: [{ id: 'SITES', secondary_button: { label: 'x'.repeat(61) } }] }],
  ])('refuses %s', (_label, content) => {
    expect(() => validateMultistageContent(content as Record<string, unknown>)).toThrow();
  });

  it('names every default screen with one of the seed message ids', () => {
    expect(DEFAULT_WELCOME_FLOW.screens.map((s) => screenMessageId(s.id))).toEqual([
      'DEFAULT_ABOUTWELCOME_AW_GET_STARTED',
      'DEFAULT_ABOUTWELCOME_SITES',
      'DEFAULT_ABOUTWELCOME_AW_IMPORT_SETTINGS',
      'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME',
    ]);
  });
});

describe('attribution', () => {
  it("reads Firefox's URL-encoded attribution code", () => {
    const code = encodeURIComponent(new URLSearchParams(SEED_ATTRIBUTION).toString());
    expect(parseAttributionCode(code)).toEqual({ attribution: SEED_ATTRIBUTION, dropped: [] });
  });

  it('leaves out unknown keys, URLs, paths, long values and repeated keys', () => {
    const code = encodeURIComponent('source=a.org&source=b.org&dltoken=x&campaign=https://evil.example/&content=a/b&medium=' + 'm'.repeat(101) + '&ua=firefox');
    const { attribution, dropped } = parseAttributionCode(code);
    expect(attribution).toEqual({ source: 'a.org', ua: 'firefox' });
    expect(dropped).toHaveLength(5);
  });

  it('gives nothing for an unreadable or oversized code, and checks objects too', () => {
    expect(parseAttributionCode('%E0%A4%A').attribution).toEqual({});
    expect(parseAttributionCode('a'.repeat(1011)).attribution).toEqual({});
    expect(validateAttribution({ source: 'corp.example', medium: 3 }).attribution).toEqual({ source: 'corp.example' });
    expect(validateAttribution('source=x').attribution).toEqual({});
  });
});

describe('settings file', () => {
  it('round-trips the importable prefs and the pinned sites, not search shortcuts, telemetry or addresses', () => {
    const prefs = { ...PREF_DEFAULTS, topSitesRows: 3, theme: 'dark' as const, telemetry: false, 'telemetry.endpoint': 'https://c.example' };
    const rows = [
      { url: 'https://a.example/', label: 'A', hostname: 'a.example', isPinned: true },
      { url: 'https://google.com/', label: 'Google', hostname: 'google.com', isPinned: true, searchVendor: 'google' },
      null,
      { url: 'https://b.example/', label: 'b', hostname: 'b.example' },
    ];
    const file = exportSettings(prefs, rows);
    expect(file.prefs).not.toHaveProperty('telemetry');
    expect(file.prefs).not.toHaveProperty('telemetry.endpoint');
    expect(file.pinned).toEqual([{ url: 'https://a.example/', label: 'A' }]);
    const parsed = parseSettingsFile(JSON.stringify(file));
    expect(parsed).toEqual({ ok: true, settings: file });
  });

  it('carries the widgets and the wallpaper, but not a wallpaper that is the user\'s own image', () => {
    const look = { 'widgets.order': 'focusTimer,lists', 'widgets.lists.enabled': false, 'newtabWallpapers.customColor': '#112233', 'newtabWallpapers.show': false };
    const colour = exportSettings({ ...PREF_DEFAULTS, ...look, 'newtabWallpapers.wallpaper': 'custom-color' }, []);
    expect(colour.prefs).toMatchObject({ ...look, 'newtabWallpapers.wallpaper': 'custom-color' });
    expect(parseSettingsFile(JSON.stringify(colour))).toEqual({ ok: true, settings: colour });

    const own = exportSettings({ ...PREF_DEFAULTS, 'newtabWallpapers.wallpaper': 'custom-image' }, []);
    expect(own.prefs).not.toHaveProperty('newtabWallpapers.wallpaper');
    const forged = { ...own, prefs: { ...own.prefs, 'newtabWallpapers.wallpaper': 'custom-image' } };
    const parsed = parseSettingsFile(JSON.stringify(forged));
    expect(parsed.ok && parsed.settings.prefs).not.toHaveProperty('newtabWallpapers.wallpaper');
  });

  it('keeps only valid values and web addresses from a file', () => {
    const text = JSON.stringify({
      format: 'open-activity-stream-settings',
      version: 1,
      prefs: { topSitesRows: 9, theme: 'light', telemetry: false, 'messaging.remoteServer': 'https://x.example' },
      pinned: [{ url: 'javascript:alert(1)' }, { url: 'https://ok.example/', label: '  ' }, 'x'],
    });
    expect(parseSettingsFile(text)).toEqual({
      ok: true,
      settings: { format: 'open-activity-stream-settings', version: 1, prefs: { theme: 'light' }, pinned: [{ url: 'https://ok.example/' }] },
    });
  });

  it('says why a file cannot be used', () => {
    expect(parseSettingsFile('{')).toEqual({ ok: false, error: 'unreadable' });
    expect(parseSettingsFile('{"format":"other"}')).toEqual({ ok: false, error: 'not-ours' });
    expect(parseSettingsFile(' '.repeat(100_001))).toEqual({ ok: false, error: 'too-large' });
  });
});

describe('return to AMO', () => {
  it("reads the add-on from Firefox's rta: content, base64url or plain, and nothing else", () => {
    const b64 = btoa('test-addon@github.io').replace(/=+$/, '');
    expect(rtamoAddonId({ content: `rta:${b64}` })).toBe('test-addon@github.io');
    expect(rtamoAddonId({ content: 'rta:test-addon@github.io' })).toBe('test-addon@github.io');
    expect(rtamoAddonId({ content: 'test-addon@github.io' })).toBeNull();
    expect(rtamoAddonId({ content: 'rta:not-an-id' })).toBeNull();
    expect(rtamoAddonId({})).toBeNull();
  });

  it('puts the id into the listing page address', () => {
    expect(addonListingUrl('https://addons.mozilla.org/firefox/addon/%ID%/', 'a@b.org')).toBe('https://addons.mozilla.org/firefox/addon/a%40b.org/');
  });
});
