import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from './prefs';
import { sponsoredStoriesOn, sponsoredTopSitesOn } from './sponsored';

describe('sponsored content switches', () => {
  it('are on by default in a build that has sponsored content', () => {
    expect([sponsoredTopSitesOn(PREF_DEFAULTS, true), sponsoredStoriesOn(PREF_DEFAULTS, true)]).toEqual([true, true]);
  });

  it('the one switch turns off both, whatever the detailed ones say', () => {
    const prefs = { ...PREF_DEFAULTS, showSponsoredCheckboxes: false };
    expect([sponsoredTopSitesOn(prefs, true), sponsoredStoriesOn(prefs, true)]).toEqual([false, false]);
  });

  it('each detailed switch turns off its own kind only', () => {
    expect(sponsoredTopSitesOn({ ...PREF_DEFAULTS, showSponsoredTopSites: false }, true)).toBe(false);
    expect(sponsoredStoriesOn({ ...PREF_DEFAULTS, showSponsoredTopSites: false }, true)).toBe(true);
    expect(sponsoredStoriesOn({ ...PREF_DEFAULTS, showSponsored: false }, true)).toBe(false);
  });

  it('the system switch (build setting SPONSORED_CONTENT=off) wins over every pref', () => {
    expect([sponsoredTopSitesOn(PREF_DEFAULTS, false), sponsoredStoriesOn(PREF_DEFAULTS, false)]).toEqual([false, false]);
  });
});
