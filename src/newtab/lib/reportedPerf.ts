// What this page has reported of its session's perf. A background stopped
// just after acknowledging a report, before saving it, comes back without it:
// without the visibility time the session ping is never sent. The page sends
// it all again on every reconnect; the background keeps the first visibility
// time it has, so a repeat changes nothing.
import { ac, type Action } from '../../common/actions';
import type { SessionPerf } from '../../common/pings/types';

export class ReportedPerf {
  private perf: Partial<SessionPerf> = {};

  /** Notes an outgoing action; only perf reports are kept. */
  note(a: Action): void {
    if (a.type === 'SAVE_SESSION_PERF_DATA') this.perf = { ...this.perf, ...(a.data as Partial<SessionPerf>) };
  }

  /** The report to send again after a reconnect, or null if there is none yet. */
  again(): Action | null {
    return Object.keys(this.perf).length === 0 ? null : ac.PerfData(this.perf);
  }
}
