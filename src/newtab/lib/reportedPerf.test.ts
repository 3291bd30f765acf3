import { describe, expect, it } from 'vitest';
import { ac } from '../../common/actions';
import { ReportedPerf } from './reportedPerf';

describe('ReportedPerf', () => {
  it('has nothing to send again before the page reported anything', () => {
    const perf = new ReportedPerf();
    perf.note(ac.StateRequest());
    expect(perf.again()).toBeNull();
  });

  it('merges every perf report into one to send again, later values winning', () => {
    const perf = new ReportedPerf();
    perf.note(ac.PerfData({ visibility_event_rcvd_ts: 100 }));
    perf.note(ac.PerfData({ topsites_first_painted_ts: 150, topsites_data_late_by_ms: 3 }));
    perf.note(ac.PerfData({ topsites_data_late_by_ms: 7 }));
    expect(perf.again()).toEqual(ac.PerfData({ visibility_event_rcvd_ts: 100, topsites_first_painted_ts: 150, topsites_data_late_by_ms: 7 }));
  });
});
