// Paints the chosen wallpaper once the background's prefs are here (until
// then the copy painted before the first render stays), follows the theme,
// keeps the first-paint copy up to date, and credits a built-in image.
import { useLayoutEffect, useMemo } from 'react';
import { resolveWallpaper, wallpaperLabelKey } from '../../common/wallpapers/catalog';
import { useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { useMediaQuery, type MatchMedia } from '../lib/useMediaQuery';
import { useCustomImage } from './WallpaperContext';
import { isDark, keepEarlyWallpaper, paintWallpaper, type KeyValueSync } from './paintWallpaper';
import './Wallpapers.css';

export interface WallpaperBackgroundProps {
  root?: HTMLElement;
  early?: KeyValueSync;
  matchMedia?: MatchMedia;
}

export function WallpaperBackground({ root = document.documentElement, early = localStorage, matchMedia }: WallpaperBackgroundProps) {
  const { t } = useI18n();
  const prefs = useAppSelector((s) => s.Prefs);
  const { image } = useCustomImage();
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)', matchMedia);
  const wallpaper = prefs.values['newtabWallpapers.wallpaper'];
  const color = prefs.values['newtabWallpapers.customColor'];
  const show = prefs.values['newtabWallpapers.show'];
  const theme = prefs.values.theme;
  const shown = useMemo(
    () =>
      prefs.initialized
        ? resolveWallpaper({ 'newtabWallpapers.wallpaper': wallpaper, 'newtabWallpapers.customColor': color, 'newtabWallpapers.show': show }, image)
        : 'pending',
    [prefs.initialized, wallpaper, color, show, image],
  );
  const dark = isDark(theme, systemDark);
  useLayoutEffect(() => {
    if (shown === 'pending') return;
    paintWallpaper(root, shown, dark);
    keepEarlyWallpaper(early, { shown, theme });
  }, [root, early, shown, dark, theme]);

  const credit = shown !== 'pending' && shown?.credit;
  if (!credit || !shown) return null;
  return (
    <aside className="wallpaper-credit" aria-label={t('wallpapersHeading')}>
      {t('wallpaperCredit').replace('$1', t(wallpaperLabelKey(shown.id))).replace('$2', credit.author).replace('$3', credit.licence)}
    </aside>
  );
}
