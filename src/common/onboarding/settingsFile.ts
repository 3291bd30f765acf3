// The settings file: what the settings page exports and the welcome page's
// import screen reads back (in another profile or browser). It carries the
// page's look (sections, rows, search, sponsored content, theme, widgets,
// wallpaper) and the pinned shortcuts; never telemetry consent nor any server
// address, which a file must not change behind the user's back, nor the user's
// own wallpaper image, which stays in the profile it was uploaded to.
import { isPrefName, prefValueError, type PrefName, type PrefValues } from '../prefs';
import { isWebUrl } from '../urls';
import { MAX_LABEL_LENGTH, MAX_TOP_SITES } from '../topSites/rules';
import type { TopSiteSlot } from '../topSites/types';
import { CUSTOM_IMAGE } from '../wallpapers/catalog';

export const SETTINGS_FILE_FORMAT = 'open-activity-stream-settings';
export const SETTINGS_FILE_VERSION = 1;
/** Larger files are not read. */
export const MAX_SETTINGS_FILE_BYTES = 100_000;

export const IMPORTABLE_PREFS = [
  'showSearch',
  'feeds.topsites',
  'topSitesRows',
  'feeds.section.topstories',
  'feeds.section.highlights',
  'feeds.snippets',
  'showSponsored',
  'showSponsoredTopSites',
  'discoverystream.sections.enabled',
  'showSponsoredCheckboxes',
  'asrouter.userprefs.cfr.addons',
  'asrouter.userprefs.cfr.features',
  'improvesearch.handoffToAwesomebar',
  'theme',
  'widgets.enabled',
  'widgets.lists.enabled',
  'widgets.focusTimer.enabled',
  'widgets.order',
  'widgets.focusTimer.focusSeconds',
  'widgets.focusTimer.breakSeconds',
  'newtabWallpapers.wallpaper',
  'newtabWallpapers.customColor',
  'newtabWallpapers.show',
] as const satisfies readonly PrefName[];

export interface PinnedShortcut {
  url: string;
  label?: string;
}

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: typeof SETTINGS_FILE_VERSION;
  prefs: Partial<PrefValues>;
  pinned: PinnedShortcut[];
}

/** The wallpaper that names the user's own image has no image elsewhere: a file neither writes nor reads it. */
const travels = (name: string, value: unknown) => !(name === 'newtabWallpapers.wallpaper' && value === CUSTOM_IMAGE);

/** The file for these prefs and top-site rows: importable prefs and pinned sites (not search shortcuts). */
export function exportSettings(prefs: PrefValues, rows: readonly TopSiteSlot[]): SettingsFile {
  return {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    prefs: Object.fromEntries(IMPORTABLE_PREFS.filter((name) => travels(name, prefs[name])).map((name) => [name, prefs[name]])) as Partial<PrefValues>,
    pinned: rows.flatMap((site) => (site?.isPinned && !site.searchVendor ? [{ url: site.url, ...(site.label ? { label: site.label } : {}) }] : [])),
  };
}

export type ParsedSettings = { ok: true; settings: SettingsFile } | { ok: false; error: 'unreadable' | 'not-ours' | 'too-large' };

/** Reads a file's text; keeps only importable prefs with valid values and http(s) shortcuts. */
export function parseSettingsFile(text: string): ParsedSettings {
  if (text.length > MAX_SETTINGS_FILE_BYTES) return { ok: false, error: 'too-large' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  const file = raw as Partial<Record<keyof SettingsFile, unknown>> | null;
  if (!file || typeof file !== 'object' || file.format !== SETTINGS_FILE_FORMAT || file.version !== SETTINGS_FILE_VERSION) {
    return { ok: false, error: 'not-ours' };
  }
  const prefs: Record<string, unknown> = {};
  if (file.prefs && typeof file.prefs === 'object') {
    for (const [name, value] of Object.entries(file.prefs)) {
      if ((IMPORTABLE_PREFS as readonly string[]).includes(name) && isPrefName(name) && prefValueError(name, value) === null && travels(name, value)) prefs[name] = value;
    }
  }
  const pinned = (Array.isArray(file.pinned) ? file.pinned : []).flatMap((p: unknown): PinnedShortcut[] => {
    const site = p as { url?: unknown; label?: unknown } | null;
    if (!site || !isWebUrl(site.url)) return [];
    const label = typeof site.label === 'string' && site.label.trim() !== '' ? site.label.slice(0, MAX_LABEL_LENGTH) : undefined;
    return [{ url: site.url, ...(label ? { label } : {}) }];
  });
  return { ok: true, settings: { format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, prefs: prefs as Partial<PrefValues>, pinned: pinned.slice(0, MAX_TOP_SITES) } };
}
