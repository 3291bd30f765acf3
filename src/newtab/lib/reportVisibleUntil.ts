// Tells the background, while the page is visible, that it still is: at
// every visibility change (leaving visible is the last visible moment) and
// every VISIBLE_HEARTBEAT_MS in between. If the browser quits before the page
// can end its session, the background ends it at the next start with the
// duration up to the last of these moments. Hidden pages stay silent, so a
// suspended background is not woken for them.
import type { VisibilitySource } from './detectUserSessionStart';

export const VISIBLE_HEARTBEAT_MS = 60_000;

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export function reportVisibleUntil(doc: VisibilitySource, timers: IntervalTimers, report: () => void): void {
  let heartbeat: unknown = null;
  const follow = () => {
    if (doc.visibilityState === 'visible') {
      heartbeat ??= timers.setInterval(report, VISIBLE_HEARTBEAT_MS);
    } else if (heartbeat !== null) {
      timers.clearInterval(heartbeat);
      heartbeat = null;
    }
  };
  doc.addEventListener('visibilitychange', () => {
    report();
    follow();
  });
  follow();
}
