// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { builtInWallpaper, type ShownWallpaper } from '../../common/wallpapers/catalog';
import { EARLY_WALLPAPER_KEY, keepEarlyWallpaper, paintEarlyWallpaper, paintWallpaper, readEarlyWallpaper } from './paintWallpaper';

const dunes = builtInWallpaper('dunes')! as ShownWallpaper;

function memory(limit = Infinity) {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > limit) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('painting a wallpaper', () => {
  it('sets the variant of the theme on the root, and clears it all for none', () => {
    const root = document.createElement('html');
    paintWallpaper(root, dunes, true);
    expect(root.dataset).toMatchObject({ wallpaper: 'dunes', wallpaperScheme: 'dark' });
    expect(root.style.getPropertyValue('--wallpaper-image')).toBe('url("/wallpapers/dunes-dark.svg")');
    paintWallpaper(root, dunes, false);
    expect(root.style.getPropertyValue('--wallpaper-color')).toBe(dunes.light.color);
    paintWallpaper(root, null, false);
    expect(root.dataset.wallpaper).toBeUndefined();
    expect(root.getAttribute('style') ?? '').toBe('');
  });

  it('paints the kept copy before the first render, with the kept theme or the system’s', () => {
    const storage = memory();
    keepEarlyWallpaper(storage, { shown: dunes, theme: 'system' });
    const root = document.createElement('html');
    paintEarlyWallpaper(root, storage, true);
    expect(root.dataset.wallpaperScheme).toBe('dark');
    keepEarlyWallpaper(storage, { shown: dunes, theme: 'light' });
    paintEarlyWallpaper(root, storage, true);
    expect(root.dataset.wallpaperScheme).toBe('light');
  });

  it('keeps an image too big for localStorage as its colour', () => {
    const storage = memory(2000);
    const big = { id: 'custom-image', light: { color: '#123456', image: `data:image/webp;base64,${'A'.repeat(5000)}`, scheme: 'dark' as const } };
    keepEarlyWallpaper(storage, { shown: { ...big, dark: big.light }, theme: 'system' });
    expect(readEarlyWallpaper(storage)?.shown).toEqual({ id: 'custom-image', light: { color: '#123456', scheme: 'dark' }, dark: { color: '#123456', scheme: 'dark' } });
  });

  it('paints nothing from a copy it did not write', () => {
    const storage = memory();
    for (const bad of ['{', '{"theme":"system","shown":{"id":"x","light":{"color":"red","scheme":"light"}}}', JSON.stringify({ theme: 'system', shown: { ...dunes, light: { ...dunes.light, image: 'https://tracker.example/x.png' } } })]) {
      storage.data.set(EARLY_WALLPAPER_KEY, bad);
      expect(readEarlyWallpaper(storage)).toBeNull();
    }
  });
});
