import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS } from '../prefs';
import { BUILT_IN_WALLPAPERS, WALLPAPER_CATEGORIES, luminance, resolveWallpaper, schemeForColor, wallpaperLabelKey } from './catalog';

const prefs = (wallpaper: string, extra: Partial<typeof PREF_DEFAULTS> = {}) => ({ ...PREF_DEFAULTS, 'newtabWallpapers.wallpaper': wallpaper, ...extra });

describe('wallpaper catalog', () => {
  it('has unique ids, every category filled, and a credit and both variants for each image', () => {
    expect(new Set(BUILT_IN_WALLPAPERS.map((w) => w.id)).size).toBe(BUILT_IN_WALLPAPERS.length);
    for (const category of WALLPAPER_CATEGORIES) expect(BUILT_IN_WALLPAPERS.some((w) => w.category === category)).toBe(true);
    for (const w of BUILT_IN_WALLPAPERS.filter((w) => w.light.image)) {
      expect(w.credit).toBeDefined();
      expect([w.light.image, w.dark.image]).toEqual([`/wallpapers/${w.id}-light.svg`, `/wallpapers/${w.id}-dark.svg`]);
      expect([w.light.scheme, w.dark.scheme]).toEqual(['light', 'dark']);
    }
  });

  it('names every wallpaper in every locale, under keys the browsers accept', () => {
    for (const locale of ['en', 'fr', 'ar']) {
      const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../locales/${locale}/messages.json`), 'utf8')) as Record<string, unknown>;
      // Chromium refuses to load an extension with any other character in a key.
      expect(Object.keys(messages).filter((k) => !/^[A-Za-z0-9_@]+$/.test(k)), locale).toEqual([]);
      for (const w of BUILT_IN_WALLPAPERS) expect(messages[wallpaperLabelKey(w.id)], `${locale} ${w.id}`).toBeDefined();
    }
  });

  it('gives each colour the scheme whose text contrasts most, at least 4.5:1 for the solid ones', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000000')).toBe(0);
    expect(schemeForColor('#efe4d2')).toBe('light');
    expect(schemeForColor('#1f2a44')).toBe('dark');
    expect(schemeForColor('#8a8a8a')).toBe('light');
    expect(schemeForColor('#777777')).toBe('dark');
    const text = { light: luminance('#15141a'), dark: luminance('#fbfbfe') };
    for (const w of BUILT_IN_WALLPAPERS.filter((w) => !w.light.image)) {
      const [a, b] = [luminance(w.light.color), text[w.light.scheme]].sort((x, y) => y - x) as [number, number];
      expect((a + 0.05) / (b + 0.05), w.id).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('resolves the prefs: none, hidden, unknown, built-in, custom colour, the user’s image', () => {
    const image = { dataUrl: 'data:image/webp;base64,AAAA', color: '#102030', scheme: 'dark' as const };
    expect(resolveWallpaper(prefs(''), image, true)).toBeNull();
    expect(resolveWallpaper(prefs('dunes', { 'newtabWallpapers.show': false }), image, true)).toBeNull();
    expect(resolveWallpaper(prefs('gone-away'), image, true)).toBeNull();
    expect(resolveWallpaper(prefs('dunes'), image, false)).toBeNull();
    expect(resolveWallpaper(prefs('dunes'), null, true)).toMatchObject({ id: 'dunes', credit: { licence: 'CC0 1.0' } });
    expect(resolveWallpaper(prefs('custom-color', { 'newtabWallpapers.customColor': '#fafafa' }), null, true)).toEqual({
      id: 'custom-color',
      light: { color: '#fafafa', scheme: 'light' },
      dark: { color: '#fafafa', scheme: 'light' },
    });
    expect(resolveWallpaper(prefs('custom-image'), undefined, true)).toBe('pending');
    expect(resolveWallpaper(prefs('custom-image'), null, true)).toBeNull();
    expect(resolveWallpaper(prefs('custom-image'), image, true)).toMatchObject({ light: { image: image.dataUrl, scheme: 'dark' } });
  });
});
