import { describe, expect, it } from 'vitest';
import { safeImageUrl } from './imageUrl';

const PAGE = 'moz-extension://0b9d2c51-aaaa-4bbb-8ccc-123456789abc/newtab/newtab.html?locale=fr';

describe('safeImageUrl', () => {
  it('resolves a path against the extension’s root, not the page’s folder', () => {
    expect(safeImageUrl('icons/icon-48.png', PAGE)).toBe('moz-extension://0b9d2c51-aaaa-4bbb-8ccc-123456789abc/icons/icon-48.png');
    expect(safeImageUrl('icons/icon-48.png', 'chrome-extension://abcdefgh/newtab/newtab.html')).toBe('chrome-extension://abcdefgh/icons/icon-48.png');
  });

  it('keeps https', () => {
    expect(safeImageUrl('https://cdn.example/a.png', PAGE)).toBe('https://cdn.example/a.png');
  });

  it.each([
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'http://cdn.example/a.png',
    'moz-extension://another-extension/icons/x.png',
    'blob:https://evil.example/1',
    '//evil.example/a.png',
  ])('refuses %s', (url) => {
    expect(safeImageUrl(url, PAGE)).toBeNull();
  });

  it('refuses nothing given', () => {
    expect(safeImageUrl(undefined, PAGE)).toBeNull();
    expect(safeImageUrl('', PAGE)).toBeNull();
  });
});
