import { describe, expect, it } from 'vitest';
import { firstUnpinnedSlots, normalizeSiteUrl, shortLabel, topSiteEventValue, topSiteIcon, topSiteIconType, topSitesStats, withoutImages } from './rules';
import type { TopSite } from './types';

const site = (extra: Partial<TopSite> = {}): TopSite => ({ url: 'https://example.org/', label: 'example', hostname: 'example.org', ...extra });
const TIPPY = { image: '/tippytop/x.svg', backgroundColor: '#000' };

describe('top site rules', () => {
  it('picks the icon type by the first matching rule, and never a screenshot kind', () => {
    expect(topSiteIconType(site({ customScreenshot: 'data:image/png;base64,AA', tippyTop: TIPPY, richIcon: 'data:image/png;base64,BB' }))).toBe(
      'custom_screenshot',
    );
    // A custom image address that could not be loaded is not reported as one.
    expect(topSiteIconType(site({ customScreenshotURL: 'https://img.example/a.png', tippyTop: TIPPY }))).toBe('tippytop');
    expect(topSiteIconType(site({ richIcon: 'data:image/png;base64,BB' }))).toBe('rich_icon');
    expect(topSiteIconType(site())).toBe('no_image');
  });

  it('draws the best image: custom, tippytop, rich icon, favicon, then the letter; a favicon of 96 px or more is a rich icon', () => {
    const favicon = 'data:image/png;base64,FF';
    expect(topSiteIcon(site({ tippyTop: TIPPY, favicon, faviconSize: 128 }))).toEqual({ kind: 'tippytop', image: TIPPY.image, backgroundColor: '#000' });
    expect(topSiteIcon(site({ favicon, faviconSize: 96 }))).toEqual({ kind: 'rich_icon', image: favicon });
    // Firefox reports a small favicon without a screenshot as no_image; it is still drawn.
    expect(topSiteIcon(site({ favicon, faviconSize: 16 }))).toEqual({ kind: 'no_image', image: favicon, small: true });
    expect(topSiteIcon(site({ favicon }))).toEqual({ kind: 'no_image', image: favicon, small: true });
    expect(topSiteIcon(site())).toEqual({ kind: 'no_image' });
    const painted = withoutImages(site({ customScreenshot: 'data:image/png;base64,AA', tippyTop: TIPPY, favicon, faviconSize: 128 }));
    expect(topSiteIcon(painted)).toEqual({ kind: 'no_image' });
    expect(painted).toEqual(site());
  });

  it('reports card_type search over pinned, spoc for sponsored, none for a plain site, and search_vendor only for search', () => {
    const sponsored = { tileId: 1, advertiser: 'a', impressionUrl: 'https://r/i', clickUrl: 'https://r/c' };
    expect(topSiteEventValue(site({ isPinned: true, searchVendor: 'google', tippyTop: TIPPY }))).toEqual({
      card_type: 'search',
      icon_type: 'tippytop',
      search_vendor: 'google',
    });
    expect(topSiteEventValue(site({ isPinned: true }))).toEqual({ card_type: 'pinned', icon_type: 'no_image' });
    expect(topSiteEventValue(site({ sponsored }))).toEqual({ card_type: 'spoc', icon_type: 'no_image' });
    expect(topSiteEventValue(site({ isDefault: true }))).toEqual({ icon_type: 'no_image' });
  });

  it('counts icon types, pins and search shortcuts over the visible slots, with the same keys every time', () => {
    expect(topSitesStats([site({ tippyTop: TIPPY, isPinned: true }), null, site({ searchVendor: 'bing', isPinned: true }), site()])).toEqual({
      topsites_icon_stats: { screenshot_with_icon: 0, screenshot: 0, custom_screenshot: 0, tippytop: 1, rich_icon: 0, no_image: 2 },
      topsites_pinned: 2,
      topsites_search_shortcuts: 1,
    });
    expect(topSitesStats([]).topsites_icon_stats).toEqual({
      screenshot_with_icon: 0,
      screenshot: 0,
      custom_screenshot: 0,
      tippytop: 0,
      rich_icon: 0,
      no_image: 0,
    });
    const favicon = 'data:image/png;base64,FF';
    expect(topSitesStats([site({ favicon, faviconSize: 192 }), site({ favicon, faviconSize: 32 })]).topsites_icon_stats).toMatchObject({
      rich_icon: 1,
      no_image: 1,
    });
  });

  it('labels a site by its short host name', () => {
    expect(shortLabel('www.wikipedia.org')).toBe('wikipedia');
    expect(shortLabel('en.wikipedia.org')).toBe('en.wikipedia');
    expect(shortLabel('www.bbc.co.uk')).toBe('bbc');
    expect(shortLabel('sub.abc.com')).toBe('sub.abc');
    expect(shortLabel('127.0.0.1')).toBe('127.0.0.1');
    expect(shortLabel('localhost')).toBe('localhost');
  });

  it('accepts web addresses, adding http:// when there is no scheme, and refuses anything else', () => {
    expect(normalizeSiteUrl('example.org/start')).toEqual({ ok: true, url: 'http://example.org/start' });
    expect(normalizeSiteUrl('  https://Example.org  ')).toEqual({ ok: true, url: 'https://example.org/' });
    expect(normalizeSiteUrl('localhost:3000/x')).toEqual({ ok: true, url: 'http://localhost:3000/x' });
    expect(normalizeSiteUrl('127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/' });
    for (const bad of ['', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/', 'intranet', 'data:text/html,x']) {
      expect(normalizeSiteUrl(bad), bad).toEqual({ ok: false });
    }
  });

  it('puts new search shortcuts into the first slots nobody pinned', () => {
    expect(firstUnpinnedSlots([true, false, true, false], 3)).toEqual([1, 3, 4]);
    expect(firstUnpinnedSlots([], 2)).toEqual([0, 1]);
    expect(firstUnpinnedSlots(Array.from({ length: 32 }, () => true), 1)).toEqual([]);
  });
});
