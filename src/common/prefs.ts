// Typed prefs with their defaults. Names follow Firefox's
// `browser.newtabpage.activity-stream.*` branch so telemetry reads the same.

export interface PrefValues {
  showSearch: boolean;
  'feeds.topsites': boolean;
  topSitesRows: number;
  'feeds.section.topstories': boolean;
  'feeds.section.highlights': boolean;
  'feeds.snippets': boolean;
  showSponsored: boolean;
  showSponsoredTopSites: boolean;
  /** Stories grouped in topic sections when the feed has them (the feed is the system switch); off shows one grid. */
  'discoverystream.sections.enabled': boolean;
  /** The one "Sponsored content" switch (Firefox's "Support Firefox"): off, no sponsored shortcut or story is fetched or shown, whatever the two above say. */
  showSponsoredCheckboxes: boolean;
  'asrouter.userprefs.cfr.addons': boolean;
  'asrouter.userprefs.cfr.features': boolean;
  'improvesearch.handoffToAwesomebar': boolean;
  telemetry: boolean;
  /** Collector base URL; empty means the build setting. */
  'telemetry.endpoint': string;
  /** How long a ping may wait for others to share its request. */
  'telemetry.batchSeconds': number;
  /** Feed URL for stories; empty means no stories (the page says none is set up). */
  'discoverystream.feedUrl': string;
  /** Feed URL for sponsored tiles; empty means no sponsored tiles. */
  'topsites.sponsoredFeedUrl': string;
  /** Base URL of the Remote Settings server for messages; empty means local messages only. */
  'messaging.remoteServer': string;
  /** The collection of messages read from that server. */
  'messaging.remoteCollection': string;
  /** A badge on the toolbar button when a what's-new message is new (the popup's "Show notifications for new features"). */
  'messaging.whatsNewNotifications': boolean;
  /** Colours of our pages: the system's, or always light or dark. */
  theme: Theme;
  /** Experiments (studies) may enroll this profile; off unenrolls from every one. */
  'studies.enabled': boolean;
  /** The collection of experiment recipes on the messaging server. */
  'experiments.collection': string;
  /** An add-on's listing page, `%ID%` standing for its id (the welcome page's return-to-AMO button). */
  'onboarding.addonListingUrl': string;
  /** System switch: may this profile have widgets at all (build setting WIDGETS, Firefox's `widgets.system.enabled`). */
  'widgets.system.enabled': boolean;
  /** System switches of each widget (src/common/widgets/registry.ts). */
  'widgets.system.lists.enabled': boolean;
  'widgets.system.focusTimer.enabled': boolean;
  /** The user's master switch: off hides every widget. */
  'widgets.enabled': boolean;
  /** The user's switch of each widget. */
  'widgets.lists.enabled': boolean;
  'widgets.focusTimer.enabled': boolean;
  /** Widget ids in the user's order, comma-separated; unknown ids are dropped, missing ones go last. */
  'widgets.order': string;
  /** Focus timer durations in seconds (1 s to 24 h): Firefox's 25 and 5 minutes by default. */
  'widgets.focusTimer.focusSeconds': number;
  'widgets.focusTimer.breakSeconds': number;
  /** A browser notification when a timer ends (needs the optional `notifications` permission). */
  'widgets.focusTimer.notify': boolean;
  /** The chosen wallpaper: a built-in id (src/common/wallpapers/catalog.ts), 'custom-color', 'custom-image', or '' for none. */
  'newtabWallpapers.wallpaper': string;
  /** The colour of 'custom-color', #rrggbb. */
  'newtabWallpapers.customColor': string;
  /** Off hides the wallpaper and keeps the choice. */
  'newtabWallpapers.show': boolean;
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export type PrefName = keyof PrefValues;

export const PREF_DEFAULTS: PrefValues = {
  showSearch: true,
  'feeds.topsites': true,
  topSitesRows: 1,
  'feeds.section.topstories': true,
  'feeds.section.highlights': true,
  'feeds.snippets': true,
  showSponsored: true,
  showSponsoredTopSites: true,
  'discoverystream.sections.enabled': true,
  showSponsoredCheckboxes: true,
  'asrouter.userprefs.cfr.addons': true,
  'asrouter.userprefs.cfr.features': true,
  'improvesearch.handoffToAwesomebar': false,
  telemetry: true,
  'telemetry.endpoint': '',
  'telemetry.batchSeconds': 30,
  // Empty except in a build made with STORIES_FEED_URL / SPONSORED_FEED_URL (`npm start`).
  'discoverystream.feedUrl': __STORIES_FEED_URL__,
  'topsites.sponsoredFeedUrl': __SPONSORED_FEED_URL__,
  'messaging.remoteServer': __MESSAGING_SERVER__,
  'messaging.remoteCollection': 'nimbus-messages',
  'messaging.whatsNewNotifications': true,
  theme: 'system',
  'studies.enabled': true,
  'experiments.collection': 'nimbus-desktop-experiments',
  'onboarding.addonListingUrl': 'https://addons.mozilla.org/firefox/addon/%ID%/',
  'widgets.system.enabled': __WIDGETS_SYSTEM_ENABLED__,
  'widgets.system.lists.enabled': true,
  'widgets.system.focusTimer.enabled': true,
  'widgets.enabled': true,
  'widgets.lists.enabled': true,
  'widgets.focusTimer.enabled': true,
  'widgets.order': 'lists,focusTimer',
  'widgets.focusTimer.focusSeconds': 25 * 60,
  'widgets.focusTimer.breakSeconds': 5 * 60,
  'widgets.focusTimer.notify': false,
  'newtabWallpapers.wallpaper': '',
  'newtabWallpapers.customColor': '#5b3a8c',
  'newtabWallpapers.show': true,
};

export const PREF_NAMES = Object.keys(PREF_DEFAULTS) as PrefName[];

export function isPrefName(value: unknown): value is PrefName {
  return typeof value === 'string' && Object.hasOwn(PREF_DEFAULTS, value);
}

/** Checks a value against the pref's type and range; returns an error message or null. */
export function prefValueError(name: PrefName, value: unknown): string | null {
  const expected = typeof PREF_DEFAULTS[name];
  if (typeof value !== expected) return `pref ${name} expects a ${expected}, got ${typeof value}`;
  if (name === 'topSitesRows' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 4)) {
    return `pref topSitesRows must be an integer from 1 to 4`;
  }
  if (name === 'telemetry.batchSeconds' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 300)) {
    return `pref telemetry.batchSeconds must be an integer from 1 to 300`;
  }
  if (name === 'telemetry.endpoint' && value !== '' && !isAllowedEndpoint(value as string)) {
    return `pref telemetry.endpoint must be an https URL, or http on loopback`;
  }
  // Feeds carry what the page shows, so they follow the collector address's rule, plus the extension's own files.
  if ((name === 'discoverystream.feedUrl' || name === 'topsites.sponsoredFeedUrl') && value !== '' && !isAllowedFeedUrl(value as string)) {
    return `pref ${name} must be an https URL, http on loopback, or a file of this extension`;
  }
  if (name === 'messaging.remoteServer' && value !== '' && !isAllowedEndpoint(value as string)) {
    return `pref messaging.remoteServer must be an https URL, or http on loopback`;
  }
  if ((name === 'messaging.remoteCollection' || name === 'experiments.collection') && !/^[a-z0-9_-]{1,64}$/i.test(value as string)) {
    return `pref ${name} must be 1 to 64 letters, digits, - or _`;
  }
  if (name === 'onboarding.addonListingUrl' && !((value as string).includes('%ID%') && isAllowedEndpoint((value as string).replace('%ID%', 'id')))) {
    return `pref onboarding.addonListingUrl must be an https URL (http on loopback) with %ID% for the add-on id`;
  }
  if ((name === 'widgets.focusTimer.focusSeconds' || name === 'widgets.focusTimer.breakSeconds') && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 86400)) {
    return `pref ${name} must be an integer from 1 to 86400 (seconds)`;
  }
  if (name === 'widgets.order' && !/^[A-Za-z]{1,32}(,[A-Za-z]{1,32}){0,15}$/.test(value as string)) {
    return `pref widgets.order must be widget ids separated by commas`;
  }
  if (name === 'newtabWallpapers.wallpaper' && !/^([a-z0-9-]{1,40})?$/.test(value as string)) {
    return `pref newtabWallpapers.wallpaper must be empty or an id of lower-case letters, digits and -`;
  }
  if (name === 'newtabWallpapers.customColor' && !/^#[0-9a-f]{6}$/.test(value as string)) {
    return `pref newtabWallpapers.customColor must be a colour #rrggbb (lower case)`;
  }
  if (name === 'theme' && !(THEMES as readonly unknown[]).includes(value)) return `pref theme must be one of ${THEMES.join(', ')}`;
  return null;
}

/** Telemetry goes over HTTPS only; plain HTTP is allowed to loopback for local collectors. */
export function isAllowedEndpoint(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

const EXTENSION_PROTOCOLS = ['moz-extension:', 'chrome-extension:'];

/** `scheme://host` of an extension URL. URL.origin is "null" for these schemes outside the browser. */
const extensionOriginOf = (url: { protocol: string; host: string }) => `${url.protocol}//${url.host}`;

/** This extension's own origin (moz-extension://<id> or chrome-extension://<id>), or null outside it. */
function ownExtensionOrigin(): string | null {
  const location = (globalThis as { location?: { protocol: string; host: string } }).location;
  return location && EXTENSION_PROTOCOLS.includes(location.protocol) ? extensionOriginOf(location) : null;
}

/**
 * A feed may also be one of the extension's own files: the bundled samples
 * that `npm start`, the tests and the benchmarks set up explicitly. Another
 * extension's files never are.
 */
export function isAllowedFeedUrl(url: string, extensionOrigin: string | null = ownExtensionOrigin()): boolean {
  if (isAllowedEndpoint(url)) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    extensionOrigin !== null &&
    EXTENSION_PROTOCOLS.includes(parsed.protocol) &&
    !parsed.username &&
    !parsed.password &&
    extensionOriginOf(parsed) === extensionOrigin
  );
}

/** Merges stored values over the defaults, dropping unknown or ill-typed entries. */
export function sanitizePrefs(stored: unknown): PrefValues {
  const prefs: PrefValues = { ...PREF_DEFAULTS };
  if (!stored || typeof stored !== 'object') return prefs;
  for (const [name, value] of Object.entries(stored)) {
    if (isPrefName(name) && prefValueError(name, value) === null) {
      (prefs as unknown as Record<string, unknown>)[name] = value;
    }
  }
  return prefs;
}
