// A page session starts when the user first sees the page (Firefox's
// DetectUserSessionStart): at once if the page loads visible, else at its
// first change to visible, which is how a page opened in the background
// starts its session only when the user switches to it. Reported once, as an
// absolute timestamp (timeOrigin + now) the background can compare with its
// own clock.

export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface PerfClock {
  readonly timeOrigin: number;
  now(): number;
}

export function detectUserSessionStart(doc: VisibilitySource, perf: PerfClock, report: (visibleAt: number) => void): void {
  const reportNow = () => report(perf.timeOrigin + perf.now());
  if (doc.visibilityState === 'visible') {
    reportNow();
    return;
  }
  const onChange = () => {
    if (doc.visibilityState !== 'visible') return;
    doc.removeEventListener('visibilitychange', onChange);
    reportNow();
  };
  doc.addEventListener('visibilitychange', onChange);
}
