// Marks each swap of the top sites grid: the tiles on screen replaced by
// different ones when a newer source takes over — the boot paint's snapshot by
// React's first tiles, or the cached grid by the background's live answer.
// Each swap sets the performance mark topsites_swapped_ts (detail: from, to),
// a frame and a task after the new tiles are in, as topsites_first_painted_ts
// is timed, so the load benchmark can count swaps per open and time them from
// the first paint. Changes after the live grid (a visit, a pin) are updates,
// not swaps; nothing here changes what the page shows.
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { afterPaint, gridTiles, type BootPaint } from '../boot/bootPaint';
import type { PaintClock } from './useTopSitesPerf';

export const TOPSITES_SWAP_MARK = 'topsites_swapped_ts';

export type TilesSource = 'boot' | 'cache' | 'live';

export interface SwapMarkDetail {
  from: TilesSource;
  to: TilesSource;
}

interface OnScreen {
  source: TilesSource;
  tiles: string;
  /** A frame has shown them: tiles replaced before any frame did were never seen, so that is no swap. */
  painted: boolean;
}

/** `source`: where the grid's tiles come from now (null while it has none). */
export function useTopSitesSwap(grid: RefObject<HTMLElement | null>, source: 'cache' | 'live' | null, clock: PaintClock, boot: BootPaint) {
  const onScreen = useRef<OnScreen | null>(null);
  const settled = useRef(false);
  useLayoutEffect(() => {
    if (settled.current || source === null || !grid.current) return;
    const tiles = gridTiles(grid.current);
    const before = onScreen.current ?? (boot.paintedTiles === null ? null : { source: 'boot' as const, tiles: boot.paintedTiles, painted: true });
    if (before?.source === source && before.tiles === tiles) return;
    const now: OnScreen = { source, tiles, painted: false };
    const detail: SwapMarkDetail | null = before?.painted && before.source !== source && before.tiles !== tiles ? { from: before.source, to: source } : null;
    onScreen.current = now;
    settled.current = source === 'live';
    afterPaint(clock, () => {
      now.painted = true;
      if (detail) clock.mark?.(TOPSITES_SWAP_MARK, clock.now(), detail);
    });
  });
}
