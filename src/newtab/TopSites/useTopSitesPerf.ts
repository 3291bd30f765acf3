// The top sites' session perf fields (Firefox's ComponentPerfTimer and
// _dispatchTopSitesStats), all measured here and sent with ac.PerfData:
// - topsites_data_late_by_ms: only if the section first rendered empty;
// - topsites_first_painted_ts: the first frame painted with tiles (one
//   animation frame, then a task, after they rendered), in absolute ms;
// - icon stats, pinned and search-shortcut counts over the visible tiles,
//   sent again whenever they change (the background keeps the last).
// When the boot script painted the tiles (src/newtab/boot), that paint is the
// first: its time is reported, and the section never rendered empty.
import { useCallback, useEffect, useRef } from 'react';
import { ac, type Action } from '../../common/actions';
import { topSitesStats } from '../../common/topSites/rules';
import type { TopSiteSlot } from '../../common/topSites/types';
import { useDataLateBy } from '../lib/useDataLateBy';
import { afterPaint, TOPSITES_MARK } from '../boot/bootPaint';

export interface PaintClock {
  /** performance.timeOrigin: with now(), an absolute time. */
  timeOrigin: number;
  now(): number;
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
  /** Sets a performance mark at `at`: the first paint with tiles (as the boot script and Firefox do), or a swap. */
  mark?(name: string, at: number, detail?: unknown): void;
}

export const browserPaintClock: PaintClock = {
  timeOrigin: performance.timeOrigin,
  now: () => performance.now(),
  requestAnimationFrame: (cb) => void requestAnimationFrame(cb),
  setTimeout: (cb, ms) => void setTimeout(cb, ms),
  mark: (name, at, detail) => void performance.mark(name, { startTime: at, detail }),
};

export function useTopSitesPerf(
  hasData: boolean,
  visible: readonly TopSiteSlot[],
  dispatch: (a: Action) => void,
  clock: PaintClock,
  /** The boot paint's time, when the boot script painted tiles. */
  bootPainted: Promise<number> | null = null,
) {
  const reportLate = useCallback((lateByMs: number) => dispatch(ac.PerfData({ topsites_data_late_by_ms: lateByMs })), [dispatch]);
  const now = useCallback(() => clock.now(), [clock]);
  useDataLateBy(hasData || bootPainted !== null, reportLate, now);

  const painted = useRef(false);
  useEffect(() => {
    if (bootPainted && !painted.current) {
      painted.current = true;
      void bootPainted.then((ts) => dispatch(ac.PerfData({ topsites_first_painted_ts: ts })));
    }
    if (!hasData || painted.current) return;
    painted.current = true;
    afterPaint(clock, () => {
      const at = clock.now();
      clock.mark?.(TOPSITES_MARK, at);
      dispatch(ac.PerfData({ topsites_first_painted_ts: Math.round(clock.timeOrigin + at) }));
    });
  }, [hasData, clock, dispatch, bootPainted]);

  const stats = JSON.stringify(topSitesStats(visible));
  useEffect(() => {
    if (hasData) dispatch(ac.PerfData(JSON.parse(stats) as ReturnType<typeof topSitesStats>));
  }, [hasData, stats, dispatch]);
}
