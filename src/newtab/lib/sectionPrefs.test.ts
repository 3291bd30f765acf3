import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../../common/prefs';
import { sectionToggles, toggleDisabled } from './sectionPrefs';

describe('section toggles', () => {
  it('leave out every sponsored switch in a build without sponsored content (as Firefox)', () => {
    const unsponsored = ['feeds.topsites', 'feeds.section.topstories', 'discoverystream.sections.enabled', 'feeds.section.highlights', 'feeds.snippets'];
    expect(sectionToggles(false).map((t) => t.pref)).toEqual(unsponsored);
    expect(sectionToggles(true).map((t) => t.pref)).toEqual([...unsponsored, 'showSponsoredCheckboxes', 'showSponsoredTopSites', 'showSponsored']);
  });

  it('grey out a detailed sponsored switch while its section or "Sponsored content" is off', () => {
    const toggle = (pref: string) => sectionToggles(true).find((t) => t.pref === pref)!;
    const [master, shortcuts, stories] = [toggle('showSponsoredCheckboxes'), toggle('showSponsoredTopSites'), toggle('showSponsored')];
    expect(toggleDisabled(shortcuts, PREF_DEFAULTS)).toBe(false);
    expect(toggleDisabled(shortcuts, { ...PREF_DEFAULTS, 'feeds.topsites': false })).toBe(true);
    expect(toggleDisabled(stories, { ...PREF_DEFAULTS, showSponsoredCheckboxes: false })).toBe(true);
    expect(toggleDisabled(master, { ...PREF_DEFAULTS, showSponsoredCheckboxes: false })).toBe(false);
  });
});
