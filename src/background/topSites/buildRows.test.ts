import { describe, expect, it } from 'vitest';
import { blockKey, buildTopSiteRows, type SponsoredCandidate } from './buildRows';

const DEFAULTS = [{ url: 'https://www.wikipedia.org/' }, { url: 'https://github.com/' }, { url: 'https://www.reddit.com/' }];
const urls = (rows: ReturnType<typeof buildTopSiteRows>) => rows.map((r) => r?.url ?? null);

function tile(id: number, name: string, url: string, extra: Partial<SponsoredCandidate> = {}): SponsoredCandidate {
  return { tileId: id, name, advertiser: name.toLowerCase(), url, clickUrl: `https://r.example/c${id}`, impressionUrl: `https://r.example/i${id}`, ...extra };
}

const build = (input: Partial<Parameters<typeof buildTopSiteRows>[0]>) =>
  buildTopSiteRows({ frecent: [], pinned: [], blocked: new Set(), sponsored: [], defaults: DEFAULTS, slots: 8, ...input });

describe('buildTopSiteRows', () => {
  it('fills with the most visited sites, then the defaults, one tile per site, web pages only', () => {
    const rows = build({
      frecent: ['https://news.example/', 'https://www.github.com/trending', 'file:///home/me', 'https://news.example/other'],
    });
    expect(urls(rows)).toEqual(['https://news.example/', 'https://www.github.com/trending', 'https://www.wikipedia.org/', 'https://www.reddit.com/']);
    expect(rows[0]).toEqual({ url: 'https://news.example/', label: 'news', hostname: 'news.example' });
    // A known site gets its bundled icon, visited or default.
    expect(rows[1]?.tippyTop?.image).toBe('/tippytop/github.svg');
    expect(rows[2]).toMatchObject({ isDefault: true, label: 'wikipedia', tippyTop: { image: '/tippytop/wikipedia.svg' } });
  });

  it('keeps pinned sites in their slots, fills around them and leaves holes as empty slots', () => {
    const rows = build({
      frecent: ['https://a.example/'],
      defaults: [],
      pinned: [null, null, null, { url: 'https://pinned.example/', label: 'Mine', customScreenshotURL: 'https://img/x.png', customScreenshot: 'data:image/png;base64,AA' }],
    });
    expect(urls(rows)).toEqual(['https://a.example/', null, null, 'https://pinned.example/']);
    expect(rows[3]).toMatchObject({ isPinned: true, label: 'Mine', customScreenshot: 'data:image/png;base64,AA' });
  });

  it('never shows blocked URLs, nor a second tile for a pinned site', () => {
    const rows = build({
      frecent: ['https://a.example/', 'https://b.example/page'],
      blocked: new Set([blockKey('https://a.example/'), blockKey('https://www.wikipedia.org/')]),
      pinned: [{ url: 'https://www.reddit.com/r/x' }],
    });
    expect(urls(rows)).toEqual(['https://www.reddit.com/r/x', 'https://b.example/page', 'https://github.com/']);
  });

  it('makes pinned search shortcuts search tiles with the engine’s name', () => {
    const [google] = build({ pinned: [{ url: 'https://www.google.com/', searchVendor: 'google' }] });
    expect(google).toMatchObject({ searchVendor: 'google', label: 'Google', isPinned: true, tippyTop: { image: '/tippytop/google.svg' } });
  });

  it('places at most two sponsored tiles where they ask, around pinned sites, minus duplicates and blocked URLs', () => {
    const rows = build({
      frecent: ['https://shop.example/deals'],
      pinned: [{ url: 'https://pinned.example/' }],
      sponsored: [
        tile(1, 'Shop', 'https://shop.example/', { position: 1, image: 'data:image/png;base64,AA', imageSize: 128 }),
        tile(2, 'Pinned Co', 'https://pinned.example/landing'),
        tile(3, 'Blocked', 'https://blocked.example/'),
        tile(4, 'Travel', 'https://travel.example/', { position: 3, image: 'data:image/png;base64,BB', imageSize: 32 }),
        tile(5, 'Third', 'https://third.example/'),
      ],
      blocked: new Set([blockKey('https://blocked.example/')]),
    });
    expect(urls(rows).slice(0, 4)).toEqual(['https://pinned.example/', 'https://shop.example/', 'https://travel.example/', 'https://www.wikipedia.org/']);
    expect(rows[1]).toEqual({
      url: 'https://shop.example/',
      label: 'Shop',
      hostname: 'shop.example',
      richIcon: 'data:image/png;base64,AA',
      sponsored: { tileId: 1, advertiser: 'shop', impressionUrl: 'https://r.example/i1', clickUrl: 'https://r.example/c1' },
    });
    // A small icon is not drawn: that tile is a letter tile.
    expect(rows[2]).not.toHaveProperty('richIcon');
    expect(rows.filter((r) => r?.sponsored)).toHaveLength(2);
  });

  it('is empty when there is nothing at all', () => {
    expect(build({ defaults: [] })).toEqual([]);
  });
});
