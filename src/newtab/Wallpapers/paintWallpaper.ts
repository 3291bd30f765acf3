// Paints a wallpaper on the page's root element (styles/wallpaper.css draws
// it) and keeps a copy in localStorage. That copy is read synchronously before
// the first render (paintEarlyWallpaper), so the first frame already has the
// wallpaper: the prefs and the user's image arrive asynchronously, later.
import type { Theme } from '../../common/prefs';
import type { ShownWallpaper, WallpaperVariant } from '../../common/wallpapers/catalog';

export const EARLY_WALLPAPER_KEY = 'newtabWallpapers.early';

export interface EarlyWallpaper {
  shown: ShownWallpaper | null;
  /** The theme pref when it was kept, so the first frame picks the right variant. */
  theme: Theme;
}

/** localStorage's part we use. */
export type KeyValueSync = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function paintWallpaper(root: HTMLElement, shown: ShownWallpaper | null, dark: boolean): void {
  if (!shown) {
    delete root.dataset.wallpaper;
    delete root.dataset.wallpaperScheme;
    root.style.removeProperty('--wallpaper-color');
    root.style.removeProperty('--wallpaper-image');
    return;
  }
  const variant = dark ? shown.dark : shown.light;
  root.dataset.wallpaper = shown.id;
  root.dataset.wallpaperScheme = variant.scheme;
  root.style.setProperty('--wallpaper-color', variant.color);
  root.style.setProperty('--wallpaper-image', variant.image ? `url("${variant.image}")` : 'none');
}

/** Whether the page is dark: the theme pref, or the system's when it says "system". */
export const isDark = (theme: Theme, systemDark: boolean) => theme === 'dark' || (theme === 'system' && systemDark);

const COLOR = /^#[0-9a-f]{6}$/;
const IMAGE = /^(\/wallpapers\/[a-z0-9-]+\.svg|data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+)$/;

function isVariant(v: unknown): v is WallpaperVariant {
  const r = v as Partial<WallpaperVariant> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.color === 'string' && COLOR.test(r.color) &&
    (r.scheme === 'light' || r.scheme === 'dark') && (r.image === undefined || (typeof r.image === 'string' && IMAGE.test(r.image)))
  );
}

/** The kept copy, or null when there is none or it is not one we wrote (nothing is painted from it then). */
export function readEarlyWallpaper(storage: KeyValueSync): EarlyWallpaper | null {
  try {
    const parsed = JSON.parse(storage.getItem(EARLY_WALLPAPER_KEY) ?? 'null') as Partial<EarlyWallpaper> | null;
    if (!parsed || !['system', 'light', 'dark'].includes(parsed.theme as string)) return null;
    const shown = parsed.shown;
    if (shown === null) return { shown: null, theme: parsed.theme as Theme };
    if (!shown || typeof shown.id !== 'string' || !isVariant(shown.light) || !isVariant(shown.dark)) return null;
    return { shown, theme: parsed.theme as Theme };
  } catch {
    return null;
  }
}

/**
 * Keeps the copy. An image too big for localStorage is kept as its average
 * colour, which the first frame paints until the image itself is read.
 */
export function keepEarlyWallpaper(storage: KeyValueSync, early: EarlyWallpaper): void {
  const write = (value: EarlyWallpaper) => storage.setItem(EARLY_WALLPAPER_KEY, JSON.stringify(value));
  try {
    write(early);
  } catch {
    try {
      const { shown } = early;
      const colourOnly = (v: WallpaperVariant): WallpaperVariant => ({ color: v.color, scheme: v.scheme });
      write({ ...early, shown: shown && { ...shown, light: colourOnly(shown.light), dark: colourOnly(shown.dark) } });
    } catch {
      storage.removeItem(EARLY_WALLPAPER_KEY);
    }
  }
}

/** Before the first render: paints the kept wallpaper, if any. */
export function paintEarlyWallpaper(root: HTMLElement, storage: KeyValueSync, systemDark: boolean): void {
  const early = readEarlyWallpaper(storage);
  if (early?.shown) paintWallpaper(root, early.shown, isDark(early.theme, systemDark));
}
