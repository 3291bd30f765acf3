import { useEffect, useRef, useState } from 'react';

const performanceNow = () => performance.now();

/**
 * Firefox's `<section>_data_late_by_ms`: if a section first renders before its
 * data is there, reports once how long after that first render the data came.
 * A section that had its data from the start reports nothing.
 */
export function useDataLateBy(initialized: boolean, report: (lateByMs: number) => void, now: () => number = performanceNow) {
  const [firstEmptyRender] = useState(() => (initialized ? null : now()));
  const reported = useRef(false);
  useEffect(() => {
    if (!initialized || firstEmptyRender === null || reported.current) return;
    reported.current = true;
    report(Math.round(now() - firstEmptyRender));
  }, [initialized, firstEmptyRender, report, now]);
}
