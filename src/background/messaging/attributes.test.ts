import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../../common/prefs';
import { attributeReaders, type AttributeSources } from './attributes';

const sources: AttributeSources = {
  locale: () => 'pt-BR',
  browserVersion: async () => '140.0.2',
  addonVersion: '0.1.0',
  releaseChannel: 'beta',
  now: () => Date.UTC(2026, 0, 2),
  firstRunAt: () => Date.UTC(2025, 0, 1),
  previousSessionEnd: () => undefined,
  topSiteUrls: async () => ['https://www.example.com/', 'https://news.example.org/a', 'not a url'],
  totalBookmarksCount: async () => 7,
  countPinnedTabs: async () => 0,
  prefs: () => ({ ...PREF_DEFAULTS, 'asrouter.userprefs.cfr.addons': false }),
  messageImpressions: () => ({ A: [1, 2] }),
  providerCohorts: () => ({ 'remote-messages': '' }),
  newTabPage: async () => ({ value: 'moz-extension://x/newtab.html', levelOfControl: 'controlled_by_this_extension' }),
  homepage: async () => null,
};

describe('attributeReaders', () => {
  it('reads each attribute with its documented type', async () => {
    const r = attributeReaders(sources);
    const read = async (name: string) => r[name]!();
    expect(await read('locale')).toBe('pt-BR');
    expect(await read('localeLanguageCode')).toBe('pt');
    expect(await read('browserVersion')).toBe(140);
    expect(await read('addonVersion')).toBe('0.1.0');
    expect(await read('currentDate')).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(await read('profileAgeCreated')).toBe(Date.UTC(2025, 0, 1));
    expect(await read('topSitesCount')).toBe(3);
    expect(await read('topFrecentSites')).toEqual([{ host: 'example.com' }, { host: 'news.example.org' }]);
    expect(await read('totalBookmarksCount')).toBe(7);
    expect(await read('hasPinnedTabs')).toBe(false);
    expect(await read('userPrefs')).toMatchObject({ cfrAddons: false, cfrFeatures: true, snippets: true });
    expect(await read('messageImpressions')).toEqual({ A: [1, 2] });
    expect(await read('releaseChannel')).toBe('beta');
    expect(await read('isDefaultNewtab')).toBe(true);
    expect(await read('isDefaultHomepage')).toBeUndefined();
  });
});
