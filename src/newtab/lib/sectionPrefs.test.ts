import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../../common/prefs';
import { sectionToggles, toggleDisabled } from './sectionPrefs';

describe('section toggles', () => {
  it('leave out every sponsored switch in a build without sponsored content (as Firefox)', () => {
    expect(sectionToggles(false).map((t) => t.pref)).toEqual(['feeds.topsites', 'feeds.section.topstories', 'feeds.section.highlights', 'feeds.snippets']);
    expect(sectionToggles(true).map((t) => t.pref).slice(4)).toEqual(['showSponsoredCheckboxes', 'showSponsoredTopSites', 'showSponsored']);
  });

  it('grey out a detailed sponsored switch while its section or "Sponsored content" is off', () => {
    const [, , , , master, shortcuts, stories] = sectionToggles(true) as [never, never, never, never, never, never, never];
    expect(toggleDisabled(shortcuts, PREF_DEFAULTS)).toBe(false);
    expect(toggleDisabled(shortcuts, { ...PREF_DEFAULTS, 'feeds.topsites': false })).toBe(true);
    expect(toggleDisabled(stories, { ...PREF_DEFAULTS, showSponsoredCheckboxes: false })).toBe(true);
    expect(toggleDisabled(master, { ...PREF_DEFAULTS, showSponsoredCheckboxes: false })).toBe(false);
  });
});
