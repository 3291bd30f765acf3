// The built-in wallpapers, in categories, and how a choice becomes what is
// painted. Every variant says which colour scheme its text needs: the page
// then takes that scheme (light-dark() colours follow), so text stays readable
// on any wallpaper. Images are our own (public/wallpapers, CC0), each with a
// light and a dark variant picked by the page's theme.
import type { PrefValues } from '../prefs';

export type Scheme = 'light' | 'dark';

/** What one theme of a wallpaper paints: a colour, and an image over it. */
export interface WallpaperVariant {
  /** #rrggbb: the whole wallpaper for a colour; for an image, its average colour, painted under it. */
  color: string;
  /** Extension path (/wallpapers/…) or a data: URL of the user's own image. */
  image?: string;
  scheme: Scheme;
}

export interface WallpaperCredit {
  author: string;
  licence: string;
}

export const WALLPAPER_CATEGORIES = ['solid', 'abstract'] as const;
export type WallpaperCategory = (typeof WALLPAPER_CATEGORIES)[number];

export interface BuiltInWallpaper {
  id: string;
  category: WallpaperCategory;
  light: WallpaperVariant;
  dark: WallpaperVariant;
  credit?: WallpaperCredit;
}

/** A wallpaper ready to paint: the variants of both themes, so the page can follow a theme change. */
export interface ShownWallpaper {
  id: string;
  light: WallpaperVariant;
  dark: WallpaperVariant;
  credit?: WallpaperCredit;
}

export const CUSTOM_COLOR = 'custom-color';
export const CUSTOM_IMAGE = 'custom-image';

/** Relative luminance of #rrggbb (WCAG 2). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

// The page's body text in each scheme (styles/theme.css --text).
const DARK_TEXT = luminance('#15141a');
const LIGHT_TEXT = luminance('#fbfbfe');

/** The scheme whose text contrasts most with this colour: dark text (light scheme) or light text. */
export function schemeForColor(hex: string): Scheme {
  const l = luminance(hex);
  return (l + 0.05) / (DARK_TEXT + 0.05) >= (LIGHT_TEXT + 0.05) / (l + 0.05) ? 'light' : 'dark';
}

const OUR_CREDIT: WallpaperCredit = { author: 'Open Activity Stream contributors', licence: 'CC0 1.0' };

const solid = (id: string, color: string): BuiltInWallpaper => {
  const variant = { color, scheme: schemeForColor(color) };
  return { id: `solid-${id}`, category: 'solid', light: variant, dark: variant };
};

const image = (id: string, lightColor: string, darkColor: string): BuiltInWallpaper => ({
  id,
  category: 'abstract',
  light: { color: lightColor, image: `/wallpapers/${id}-light.svg`, scheme: 'light' },
  dark: { color: darkColor, image: `/wallpapers/${id}-dark.svg`, scheme: 'dark' },
  credit: OUR_CREDIT,
});

export const BUILT_IN_WALLPAPERS: readonly BuiltInWallpaper[] = [
  solid('mist', '#e8eef4'),
  solid('sand', '#efe4d2'),
  solid('sage', '#cfe0c8'),
  solid('midnight', '#1f2a44'),
  solid('plum', '#3d2645'),
  solid('forest', '#1e3b2f'),
  image('dunes', '#f4e3cb', '#1d1a2c'),
  image('waves', '#dcebf5', '#12243d'),
  image('aurora', '#eef2f6', '#131628'),
];

/** The user's own image as kept in storage.local; it never leaves the browser. */
export interface CustomImage {
  dataUrl: string;
  color: string;
  scheme: Scheme;
}

/** Locale key of a built-in wallpaper's name (browsers allow only letters, digits and _ in keys). */
export const wallpaperLabelKey = (id: string) => `wallpaper_${id.replace(/-/g, '_')}`;

export const builtInWallpaper = (id: string) => BUILT_IN_WALLPAPERS.find((w) => w.id === id);

type WallpaperPrefs = Pick<PrefValues, 'newtabWallpapers.wallpaper' | 'newtabWallpapers.customColor' | 'newtabWallpapers.show'>;

/**
 * What the prefs ask to paint: null for nothing (none chosen, hidden, or an
 * unknown id), 'pending' while the user's image has not been read yet.
 */
export function resolveWallpaper(prefs: WallpaperPrefs, custom: CustomImage | null | undefined, system: boolean = __SYSTEM_WALLPAPERS__): ShownWallpaper | null | 'pending' {
  const id = prefs['newtabWallpapers.wallpaper'];
  if (!system || !prefs['newtabWallpapers.show'] || !id) return null;
  if (id === CUSTOM_COLOR) {
    const color = prefs['newtabWallpapers.customColor'];
    const variant = { color, scheme: schemeForColor(color) };
    return { id, light: variant, dark: variant };
  }
  if (id === CUSTOM_IMAGE) {
    if (custom === undefined) return 'pending';
    if (!custom) return null;
    const variant = { color: custom.color, image: custom.dataUrl, scheme: custom.scheme };
    return { id, light: variant, dark: variant };
  }
  const builtIn = builtInWallpaper(id);
  return builtIn ? { id, light: builtIn.light, dark: builtIn.dark, credit: builtIn.credit } : null;
}
