import { describe, expect, it } from 'vitest';
import { parseTopSitesCache } from './cache';

const SITE = { url: 'https://example.org/', label: 'example', hostname: 'example.org' };

describe('parseTopSitesCache', () => {
  it('keeps drawable rows', () => {
    const raw = {
      rows: [
        SITE,
        null,
        { ...SITE, tippyTop: { image: '/tippytop/x.svg', backgroundColor: '#000' } },
        { ...SITE, favicon: 'data:image/png;base64,AA', faviconSize: 16 },
      ],
      canOpenPrivateWindow: true,
    };
    expect(parseTopSitesCache(raw)).toEqual(raw);
  });

  it('turns rows that are not ours into empty slots: no script links, no remote or odd images', () => {
    const parsed = parseTopSitesCache({
      rows: [
        { ...SITE, url: 'javascript:alert(1)' },
        { ...SITE, customScreenshot: 'https://tracker.example/pixel.png' },
        { ...SITE, richIcon: 'javascript:x' },
        { ...SITE, tippyTop: { image: 'https://elsewhere.example/x.svg' } },
        { ...SITE, favicon: 'https://tracker.example/favicon.ico' },
        { url: SITE.url },
        SITE,
      ],
    });
    expect(parsed?.rows).toEqual([null, null, null, null, null, null, SITE]);
    expect(parsed?.canOpenPrivateWindow).toBe(false);
  });

  it('is null when there is no cache', () => {
    for (const raw of [undefined, null, 'x', { rows: 'x' }]) expect(parseTopSitesCache(raw)).toBeNull();
  });
});
