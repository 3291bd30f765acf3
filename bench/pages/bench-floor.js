// Marks "top sites painted" after the frame that shows the static tiles, the
// way Firefox's ComponentPerfTimer marks topsites_first_painted_ts
// (requestAnimationFrame, then a task), so the floor and the pages share a
// definition.
requestAnimationFrame(() =>
  setTimeout(() => {
    performance.mark('topsites_first_painted_ts');
    document.body.dataset.ready = '1';
  }, 0),
);
