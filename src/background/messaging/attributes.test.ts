import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../../common/prefs';
import { attributeReaders, keptAnswer, type AttributeSources } from './attributes';

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

describe('keptAnswer', () => {
  const setup = () => {
    let clock = 0;
    const answers: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
    const read = () => new Promise<number>((resolve, reject) => answers.push({ resolve, reject }));
    const kept = keptAnswer(read, 1_000, () => clock);
    return { kept, answers, tick: (ms: number) => (clock += ms) };
  };

  it('waits for the first read only, and reads at the same time share one query', async () => {
    const { kept, answers } = setup();
    const first = kept();
    const second = kept();
    expect(answers).toHaveLength(1);
    answers[0]!.resolve(7);
    expect([await first, await second]).toEqual([7, 7]);
    expect(await kept()).toBe(7);
    expect(answers).toHaveLength(1);
  });

  it('after max age answers at once with the last value and reads again behind it', async () => {
    const { kept, answers, tick } = setup();
    const first = kept();
    answers[0]!.resolve(7);
    await first;
    tick(1_000);
    expect(await kept()).toBe(7);
    expect(answers).toHaveLength(2);
    expect(await kept()).toBe(7);
    expect(answers).toHaveLength(2);
    answers[1]!.resolve(9);
    await Promise.resolve();
    await Promise.resolve();
    expect(await kept()).toBe(9);
    expect(answers).toHaveLength(2);
  });

  it('a failed first read is tried again; a failed later read keeps the last answer', async () => {
    const { kept, answers, tick } = setup();
    const failed = kept();
    answers[0]!.reject(new Error('places busy'));
    await expect(failed).rejects.toThrow('places busy');
    const retried = kept();
    expect(answers).toHaveLength(2);
    answers[1]!.resolve(3);
    expect(await retried).toBe(3);
    tick(5_000);
    expect(await kept()).toBe(3);
    answers[2]!.reject(new Error('places busy'));
    await Promise.resolve();
    await Promise.resolve();
    expect(await kept()).toBe(3);
  });
});

describe('attributeReaders and slow places queries', () => {
  it('top sites are queried once for topSitesCount and topFrecentSites, and the bookmarks once, within the max age', async () => {
    const calls = { topSites: 0, bookmarks: 0 };
    const r = attributeReaders({
      ...sources,
      topSiteUrls: async () => (calls.topSites++, ['https://a.example/']),
      totalBookmarksCount: async () => (calls.bookmarks++, 2),
    });
    for (let i = 0; i < 3; i++) {
      expect(await r.topSitesCount!()).toBe(1);
      expect(await r.topFrecentSites!()).toEqual([{ host: 'a.example' }]);
      expect(await r.totalBookmarksCount!()).toBe(2);
    }
    expect(calls).toEqual({ topSites: 1, bookmarks: 1 });
  });
});
