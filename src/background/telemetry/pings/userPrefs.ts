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
  // Ours, beyond Firefox's: the user's widget switches (README, "user_prefs"). 512 and 1024 are
  // left to the sponsored-content switch and the wallpaper (issue 20's other parts).
  'widgets.enabled': 2048,
  'widgets.lists.enabled': 4096,
  'widgets.focusTimer.enabled': 8192,
} as const;

/** Our schemas' maximum user_prefs: every bit up to the highest one set. */
export const USER_PREFS_MAX = 2 * Math.max(...Object.values(USER_PREF_BITS)) - 1;

export type UserPrefKey = keyof typeof USER_PREF_BITS;

/** ORs the bit of every pref that is on; missing prefs count as off. */
export function encodeUserPrefs(prefs: Partial<Record<UserPrefKey, boolean>>): number {
  let bits = 0;
  for (const [key, bit] of Object.entries(USER_PREF_BITS) as [UserPrefKey, number][]) {
    if (prefs[key]) bits |= bit;
  }
  return bits;
}
