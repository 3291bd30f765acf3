// Load-benchmark helper, added only to the temporary copy of the extension the
// benchmark loads (never to dist/): newtab.html and the floor page get it as
// their first script. It watches every animation frame from the start of the
// page for the first top-site tile with data (`.top-site`; empty slots are
// `.top-site-placeholder`) and notes the time after the frame that shows it
// (a frame, then a task: the definition of topsites_first_painted_ts), for
// pages that do not set that performance mark themselves. It also keeps the
// page's layout shifts ([startTime, value], without those right after input)
// where the browser reports them; `shifts` is null where it does not.
(() => {
  const supported = typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes.includes('layout-shift');
  const state = { tileAt: null, frames: 0, shifts: supported ? [] : null };
  window.__oasBenchWatch = state;
  const look = () => {
    state.frames += 1;
    if (document.querySelector('.top-site')) setTimeout(() => (state.tileAt = performance.now()), 0);
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  if (supported) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) state.shifts.push([e.startTime, e.value]);
    }).observe({ type: 'layout-shift', buffered: true });
  }
})();
