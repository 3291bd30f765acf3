import { describe, expect, it } from 'vitest';
import { parsePageMessage } from './messages';

const ok = (type: string, data: unknown) => parsePageMessage({ type, data }).ok;

describe('page messages for top sites', () => {
  it('pins only web pages into a real slot, with a short label and an http(s) image or none', () => {
    const site = { url: 'https://example.org/', label: 'Example' };
    expect(ok('TOP_SITES_PIN', { site, index: 3 })).toBe(true);
    expect(ok('TOP_SITES_PIN', { site, index: -1 })).toBe(true);
    expect(ok('TOP_SITES_PIN', { site: { ...site, customScreenshotURL: 'https://img.example/a.png' }, index: 0 })).toBe(true);
    expect(ok('TOP_SITES_PIN', { site: { ...site, customScreenshotURL: null }, index: 0 })).toBe(true);
    for (const index of [-2, 32, 1.5, '1']) expect(ok('TOP_SITES_PIN', { site, index }), String(index)).toBe(false);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'moz-extension://x/y', 42]) {
      expect(ok('TOP_SITES_PIN', { site: { url }, index: 0 }), String(url)).toBe(false);
    }
    expect(ok('TOP_SITES_PIN', { site: { ...site, label: 'x'.repeat(101) }, index: 0 })).toBe(false);
    expect(ok('TOP_SITES_PIN', { site: { ...site, customScreenshotURL: 'data:image/png;base64,AA' }, index: 0 })).toBe(false);
    expect(ok('TOP_SITES_PIN', { index: 0 })).toBe(false);
  });

  it('unpin, block, delete and preview name a web page', () => {
    for (const type of ['TOP_SITES_UNPIN', 'BLOCK_URL', 'PREVIEW_REQUEST']) {
      expect(ok(type, { url: 'https://example.org/' }), type).toBe(true);
      expect(ok(type, { url: 'javascript:void(0)' }), type).toBe(false);
      expect(ok(type, undefined), type).toBe(false);
    }
  });

  it('a sponsor is blocked by a short plain name', () => {
    expect(ok('TOP_SITES_BLOCK_SPONSOR', { advertiser: 'example shop' })).toBe(true);
    for (const advertiser of ['', ' ', 'x'.repeat(65), 'a\nb', 7]) expect(ok('TOP_SITES_BLOCK_SPONSOR', { advertiser }), String(advertiser)).toBe(false);
  });

  it('search shortcuts name known engines only, and a shortcut search has real text', () => {
    expect(ok('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: ['google'], deleted: ['bing'] })).toBe(true);
    expect(ok('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: ['evil'], deleted: [] })).toBe(false);
    expect(ok('UPDATE_PINNED_SEARCH_SHORTCUTS', { added: 'google', deleted: [] })).toBe(false);
    expect(ok('SEARCH_WITH_SHORTCUT', { vendor: 'duckduckgo', text: 'owls' })).toBe(true);
    expect(ok('SEARCH_WITH_SHORTCUT', { vendor: 'duckduckgo', text: '  ' })).toBe(false);
    expect(ok('SEARCH_WITH_SHORTCUT', { vendor: 'nope', text: 'owls' })).toBe(false);
  });

  it('the grid and previews only ever come from the background', () => {
    expect(ok('TOP_SITES_UPDATED', { rows: [], canOpenPrivateWindow: true })).toBe(false);
    expect(ok('PREVIEW_RESPONSE', { url: 'https://example.org/', dataUrl: null })).toBe(false);
  });
});
