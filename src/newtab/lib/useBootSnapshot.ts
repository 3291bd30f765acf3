// The React page's side of the boot paint (src/newtab/boot): hands over from
// the boot paint once its own tiles (and their icons) can show,
// and keeps the snapshot the next tab boots from up to date: after each live
// render of the grid (when the page is idle) and when the tab is hidden.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { bootPaint as defaultBootPaint, type BootPaint } from '../boot/bootPaint';
import { prefsFingerprint, snapshotKey, writeSnapshot, type SnapshotImageSource } from '../boot/snapshot';
import { rasterIconSource } from './rasterIcons';

export interface SnapshotEnv {
  storage: Storage;
  document: Document;
  location: { pathname: string; search: string };
  requestIdleCallback(cb: () => void): number;
  cancelIdleCallback(handle: number): void;
  /** What the snapshot keeps of an image (see rasterIcons). */
  imageSource?: SnapshotImageSource;
}

let browserEnvOnce: SnapshotEnv | null | undefined;
const browserEnv = (): SnapshotEnv | null => {
  if (browserEnvOnce !== undefined) return browserEnvOnce;
  // Both browsers have it; elsewhere (jsdom) there is no boot snapshot to keep.
  if (typeof requestIdleCallback !== 'function') return (browserEnvOnce = null);
  try {
    return (browserEnvOnce = {
      storage: localStorage,
      document,
      location,
      requestIdleCallback: (cb) => requestIdleCallback(cb, { timeout: 2000 }),
      cancelIdleCallback: (h) => cancelIdleCallback(h),
      imageSource: rasterIconSource(document),
    });
  } catch {
    return (browserEnvOnce = null);
  }
};

/**
 * `tilesShown`: the grid has tiles (cached or live); `live`: they and the prefs
 * are the background's, so the page may be snapshotted.
 */
export function useBootSnapshot(
  grid: RefObject<HTMLElement | null>,
  tilesShown: boolean,
  live: boolean,
  prefs: object,
  boot: BootPaint = defaultBootPaint,
  env: SnapshotEnv | null = browserEnv(),
) {
  useLayoutEffect(() => {
    if (tilesShown) boot.handOverWhenShown(grid.current?.querySelectorAll('img') ?? []);
  }, [tilesShown, boot, grid]);

  const write = useRef<() => void>(() => {});
  // After every render with live data: the grid, prefs, theme or locale may have changed.
  useEffect(() => {
    write.current = () => {
      const base = grid.current?.closest('.base');
      if (!live || !env || !base) return;
      writeSnapshot(env.storage, snapshotKey(env.location), env.document, base, prefsFingerprint(prefs), env.imageSource);
    };
    if (!live || !env) return;
    let handle = env.requestIdleCallback(() => write.current());
    // An icon that loads later is kept differently (see rasterIcons): write again then.
    const loading = Array.from(grid.current?.querySelectorAll('img') ?? []).filter((img) => !img.complete);
    const writeAgain = () => {
      env.cancelIdleCallback(handle);
      handle = env.requestIdleCallback(() => write.current());
    };
    for (const img of loading) img.addEventListener('load', writeAgain, { once: true });
    return () => {
      env.cancelIdleCallback(handle);
      for (const img of loading) img.removeEventListener('load', writeAgain);
    };
  });
  useEffect(() => {
    if (!env) return;
    const onHidden = () => {
      if (env.document.visibilityState === 'hidden') write.current();
    };
    env.document.addEventListener('visibilitychange', onHidden);
    return () => env.document.removeEventListener('visibilitychange', onHidden);
  }, [env]);
}
