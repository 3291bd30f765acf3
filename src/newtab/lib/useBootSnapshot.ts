// The React page's side of the boot paint (src/newtab/boot): hands over from
// the boot paint once its own tiles are in the DOM (before the next paint),
// and keeps the snapshot the next tab boots from up to date: after each live
// render of the grid (when the page is idle) and when the tab is hidden.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { bootPaint as defaultBootPaint, type BootPaint } from '../boot/bootPaint';
import { prefsFingerprint, snapshotKey, writeSnapshot } from '../boot/snapshot';

export interface SnapshotEnv {
  storage: Storage;
  document: Document;
  location: { pathname: string; search: string };
  requestIdleCallback(cb: () => void): number;
  cancelIdleCallback(handle: number): void;
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
    if (tilesShown) boot.handOver();
  }, [tilesShown, boot]);

  const write = useRef<() => void>(() => {});
  // After every render with live data: the grid, prefs, theme or locale may have changed.
  useEffect(() => {
    write.current = () => {
      const base = grid.current?.closest('.base');
      if (!live || !env || !base) return;
      writeSnapshot(env.storage, snapshotKey(env.location), env.document, base, prefsFingerprint(prefs));
    };
    if (!live || !env) return;
    const handle = env.requestIdleCallback(() => write.current());
    return () => env.cancelIdleCallback(handle);
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
