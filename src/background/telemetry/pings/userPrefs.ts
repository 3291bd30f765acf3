// Firefox's USER_PREFS_ENCODING: one bit per Activity Stream pref, keyed by
// the pref name under `browser.newtabpage.activity-stream.` (as in prefs.ts).
export const USER_PREF_BITS = {
  showSearch: 1,
  'feeds.topsites': 2,
  'feeds.section.topstories': 4,
  'feeds.section.highlights': 8,
  'feeds.snippets': 16,
  showSponsored: 32,
  'asrouter.userprefs.cfr.addons': 64,
  'asrouter.userprefs.cfr.features': 128,
  showSponsoredTopSites: 256,
  // Ours, after Firefox's nine (README, "user_prefs"): the one "Sponsored content" switch, then
  // the user's widget switches (1024 is WALLPAPER_SHOWN_BIT, below), then "Stories by topic".
  showSponsoredCheckboxes: 512,
  'widgets.enabled': 2048,
  'widgets.lists.enabled': 4096,
  'widgets.focusTimer.enabled': 8192,
  'discoverystream.sections.enabled': 16384,
} as const;

/** Ours: a wallpaper is chosen (pref newtabWallpapers.wallpaper) and shown (newtabWallpapers.show). Which one is never said. */
export const WALLPAPER_SHOWN_BIT = 1024;

/** Our schemas' maximum user_prefs: every bit up to the highest one set. */
export const USER_PREFS_MAX = 2 * Math.max(WALLPAPER_SHOWN_BIT, ...Object.values(USER_PREF_BITS)) - 1;

export type UserPrefKey = keyof typeof USER_PREF_BITS;

type EncodedPrefs = Partial<Record<UserPrefKey | 'newtabWallpapers.show', boolean> & { 'newtabWallpapers.wallpaper': string }>;

/** ORs the bit of every pref that is on; missing prefs count as off. */
export function encodeUserPrefs(prefs: EncodedPrefs): number {
  let bits = 0;
  for (const [key, bit] of Object.entries(USER_PREF_BITS) as [UserPrefKey, number][]) {
    if (prefs[key]) bits |= bit;
  }
  if (prefs['newtabWallpapers.wallpaper'] && prefs['newtabWallpapers.show']) bits |= WALLPAPER_SHOWN_BIT;
  return bits;
}
