// The time base of the session ping's `*_ts` fields. The seed measures them
// from the time origin of Firefox's hidden chrome window, i.e. from the start
// of the browser session; an extension cannot read that, so we measure from
// the start of the browser session as the extension first saw it: the first
// background start after the browser started (or after the extension was
// installed or updated). That moment is kept in storage.session, which
// outlives background suspensions but not the browser session, so every
// page of one browser session shares the same zero.
//
// Pages and the background record absolute (epoch) milliseconds; they are
// turned into session time only when the session ping is built.
import type { SessionPerf } from '../../common/pings/types';
import type { KeyValueStorage } from '../storage';

export const BROWSER_SESSION_START_KEY = 'telemetry.browserSessionStart';

/** The perf fields that are points in time, not durations or counts. */
export const PERF_TIMESTAMP_KEYS = ['load_trigger_ts', 'visibility_event_rcvd_ts', 'topsites_first_painted_ts'] as const satisfies readonly (keyof SessionPerf)[];

export class BrowserSessionClock {
  private startedAt: number | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly clock: () => number,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** Reads the browser session's start, or records now as its start when this is the first background of the session. */
  async load(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.storage.get(BROWSER_SESSION_START_KEY);
    } catch (error) {
      this.log.error('BrowserSessionClock: could not read the browser session start', error);
    }
    if (typeof stored === 'number' && Number.isFinite(stored)) {
      this.startedAt = stored;
      return;
    }
    this.startedAt = this.clock();
    await this.storage.set(BROWSER_SESSION_START_KEY, this.startedAt);
  }

  /** Epoch ms of the browser session's start. */
  get start(): number {
    if (this.startedAt === null) throw new Error('BrowserSessionClock: read before load()');
    return this.startedAt;
  }
}

/**
 * The perf object with its timestamps in milliseconds since the browser
 * session's start. A time from before that start (a page left from before an
 * extension update) is 0, never negative.
 */
export function perfInSessionTime(perf: SessionPerf, sessionStart: number): SessionPerf {
  const out: SessionPerf = { ...perf };
  for (const key of PERF_TIMESTAMP_KEYS) {
    const at = perf[key];
    if (at !== undefined) out[key] = Math.max(0, at - sessionStart);
  }
  return out;
}
