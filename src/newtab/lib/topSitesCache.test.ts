import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../../common/prefs';
import { readTopSitesCache } from './topSitesCache';

const UPDATE = { rows: [{ url: 'https://example.org/', label: 'example', hostname: 'example.org' }], canOpenPrivateWindow: true };

describe('readTopSitesCache', () => {
  it('reads the grid the background kept, with the stored prefs', async () => {
    const stored: Record<string, unknown> = { topSitesCache: UPDATE, prefs: { topSitesRows: 3, showSponsoredTopSites: false, bogus: 1 } };
    const cached = await readTopSitesCache({ get: async (keys) => Object.fromEntries(keys.map((k) => [k, stored[k]])) });
    expect(cached).toEqual({ ...UPDATE, prefs: { ...PREF_DEFAULTS, topSitesRows: 3, showSponsoredTopSites: false } });
  });

  it('is null when there is none or storage fails: the tiles then wait for the background', async () => {
    expect(await readTopSitesCache({ get: async () => ({ prefs: {} }) })).toBeNull();
    expect(
      await readTopSitesCache({
        get: async () => {
          throw new Error('storage unavailable');
        },
      }),
    ).toBeNull();
  });
});
