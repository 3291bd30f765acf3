// Whether sponsored shortcuts and sponsored stories are on: the build's
// system switch (SPONSORED_CONTENT), the one "Sponsored content" switch
// (pref showSponsoredCheckboxes) and the detailed switch must all be on. The
// feeds ask these before fetching anything sponsored, and the page before
// showing it, so off means neither requested nor shown.
import type { PrefValues } from './prefs';

type SponsoredPrefs = Pick<PrefValues, 'showSponsoredCheckboxes' | 'showSponsoredTopSites' | 'showSponsored'>;

/** Prefs that change what sponsored content is fetched or shown. */
export const SPONSORED_PREFS = ['showSponsoredCheckboxes', 'showSponsoredTopSites', 'showSponsored'] as const;

/** The system switch: false, this build has no sponsored content and its switches are not shown. */
export const SPONSORED_CONTENT_AVAILABLE: boolean = __SYSTEM_SPONSORED_CONTENT__;

export function sponsoredTopSitesOn(prefs: SponsoredPrefs, system: boolean = __SYSTEM_SPONSORED_CONTENT__): boolean {
  return system && prefs.showSponsoredCheckboxes && prefs.showSponsoredTopSites;
}

export function sponsoredStoriesOn(prefs: SponsoredPrefs, system: boolean = __SYSTEM_SPONSORED_CONTENT__): boolean {
  return system && prefs.showSponsoredCheckboxes && prefs.showSponsored;
}
