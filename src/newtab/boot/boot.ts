// The new tab's module entry: paints the last resting top of the page
// (search box and top sites) from localStorage in its first frame, before
// React, Redux and the polyfill load, then loads the app. Keep it tiny and
// free of the app's dependencies: other early paints (the wallpaper) belong
// here, before the app's import.
// The styles the snapshot needs come with this entry, so the boot paint is the page's look.
import '../Base/Base.css';
import '../Search/Search.css';
import '../TopSites/TopSites.css';
import '../LinkMenu/LinkMenu.css';
import '../Wallpapers/Wallpapers.css';
import { afterPaint, bootPaint, type BootEnv } from './bootPaint';
import { WALLPAPERS_AVAILABLE } from '../../common/wallpapers/catalog';
import { paintEarlyWallpaper } from '../Wallpapers/paintWallpaper';

/** The app is asked for at the latest this long after the boot paint, frame or not. */
const APP_AFTER_BOOT_PAINT_AT_LATEST_MS = 100;

const storage = (() => {
  try {
    return localStorage;
  } catch {
    return null;
  }
})();
// The wallpaper is in the first frame, before any render or storage answer.
if (WALLPAPERS_AVAILABLE && storage) paintEarlyWallpaper(document.documentElement, storage, matchMedia('(prefers-color-scheme: dark)').matches);
const env: BootEnv = {
  document,
  storage,
  location,
  performance,
  requestAnimationFrame: (cb) => void requestAnimationFrame(cb),
  setTimeout: (cb, ms) => void setTimeout(cb, ms),
};
let appRequested = false;
const loadApp = () => {
  if (appRequested) return;
  appRequested = true;
  void import('../index');
};
// The app's modules are evaluated on the main thread: asked for at once, they
// ran before the browser showed the frame with the boot paint's tiles. So the
// app waits for that frame, but never long (a hidden tab gets no frames).
if (bootPaint.paint(env) && document.visibilityState === 'visible') {
  afterPaint(env, loadApp);
  env.setTimeout(loadApp, APP_AFTER_BOOT_PAINT_AT_LATEST_MS);
} else loadApp();
