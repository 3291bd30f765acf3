// The new tab's boot script: paints the last resting top of the page (search
// box and top sites) from localStorage before React, Redux and the polyfill
// load. It is a classic script at the end of newtab.html's body, built on its
// own (scripts/build.mjs): it runs while the page parses, so its tiles are in
// the page's first frame. A module script runs only after parsing, once its
// files have come: at Chromium's first tab after a start that was a later
// frame (25 ms later at the median). Keep it tiny and free of the app's
// dependencies: other early paints (the wallpaper) belong here.
import { afterPaint, bootPaint, type BootEnv } from './bootPaint';
import { holdApp, releaseApp } from './appGate';
import { WALLPAPERS_AVAILABLE } from '../../common/wallpapers/available';
import { paintEarlyWallpaper } from '../Wallpapers/paintWallpaper';

/** The app is let in at the latest this long after the boot paint, frame or not. */
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
// The app's modules are evaluated on the main thread: let in at once, they
// ran before the browser showed the frame with the boot paint's tiles. So the
// app waits for that frame, but never long (a hidden tab gets no frames).
if (bootPaint.paint(env) && document.visibilityState === 'visible') {
  holdApp();
  afterPaint(env, () => releaseApp());
  env.setTimeout(() => releaseApp(), APP_AFTER_BOOT_PAINT_AT_LATEST_MS);
}
