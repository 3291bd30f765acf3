// The telemetry pipeline in Node, with fakes for everything the browser
// gives it: in-memory storage areas, a clock the caller moves, a timer the
// caller fires, a transport that records what it was asked to send. Used by
// the unit tests and by the benchmarks (time `await harness.fromPage(...)`
// for "ping build + enqueue", `queue.enqueue` + `queue.settled()` for the
// queue write).
import { action, AlsoToMain, type Action, type NewTabInitData } from '../common/actions';
import { PREF_DEFAULTS, type PrefName, type PrefValues } from '../common/prefs';
import type { FeedStore } from '../background/feeds/Feed';
import { memoryStorage, type KeyValueStorage } from '../background/storage';
import type { BackgroundState } from '../background/store';
import type { QueuedPing, QueueLimits } from '../background/telemetry/PingQueue';
import type { FlushTimer, SenderPolicy } from '../background/telemetry/PingSender';
import { TelemetryFeed } from '../background/telemetry/TelemetryFeed';
import type { Delivery, Transport, TransportResult } from '../background/telemetry/transports';

export const TEST_BUILD = { buildId: '20260101000000', releaseChannel: 'default', telemetryEndpoint: 'https://collector.test' };

/** A clock that only moves when told to. */
export class FakeClock {
  constructor(public now = Date.UTC(2026, 0, 1, 12)) {}
  advance(ms: number): number {
    this.now += ms;
    return this.now;
  }
}

/** Remembers the wake time the sender asked for; `fire()` runs it. */
export class FakeTimer implements FlushTimer {
  at: number | null = null;
  private wake: (() => void) | null = null;
  set(atMs: number, wake: () => void): void {
    this.at = atMs;
    this.wake = wake;
  }
  clear(): void {
    this.at = null;
    this.wake = null;
  }
  fire(): void {
    const wake = this.wake;
    this.clear();
    wake?.();
  }
}

/**
 * Records each request; answers with `respond` (default: every document
 * delivered), or hands the request to `inner` (a real transport over a fake fetch).
 */
export class RecordingTransport implements Transport {
  readonly requests: { endpoint: string; pings: QueuedPing[] }[] = [];
  respond: (pings: readonly QueuedPing[]) => TransportResult = (pings) => ({ kind: 'documents', statuses: pings.map(() => 'delivered') });

  constructor(
    readonly maxDocuments = 20,
    private readonly inner?: Transport,
  ) {}

  async send(endpoint: string, pings: readonly QueuedPing[]): Promise<Delivery> {
    this.requests.push({ endpoint, pings: structuredClone([...pings]) });
    return this.inner ? this.inner.send(endpoint, pings) : { result: this.respond(pings), wireBytes: 100 * pings.length };
  }

  /** Every document sent, in order, retries included. */
  get sent(): QueuedPing[] {
    return this.requests.flatMap((r) => r.pings);
  }
}

export class RecordingLog {
  readonly errors: unknown[][] = [];
  readonly warnings: unknown[][] = [];
  error = (...args: unknown[]) => void this.errors.push(args);
  warn = (...args: unknown[]) => void this.warnings.push(args);
}

export interface HarnessOptions {
  prefs?: Partial<PrefValues>;
  /** Firefox's data-collection permission (default granted). */
  consent?: boolean;
  /** Reuse storage areas to model a background restart. */
  local?: KeyValueStorage & { data: Record<string, unknown> };
  session?: KeyValueStorage & { data: Record<string, unknown> };
  clock?: FakeClock;
  transport?: RecordingTransport;
  senderPolicy?: Partial<SenderPolicy>;
  queueLimits?: QueueLimits;
}

export function createTelemetryHarness(options: HarnessOptions = {}) {
  const clock = options.clock ?? new FakeClock();
  const local = options.local ?? memoryStorage();
  const session = options.session ?? memoryStorage();
  const transport = options.transport ?? new RecordingTransport();
  const timer = new FakeTimer();
  const log = new RecordingLog();
  const deferred: (() => void)[] = [];
  let prefs: PrefValues = { ...PREF_DEFAULTS, ...options.prefs };
  let consent = options.consent ?? true;
  const store: FeedStore = {
    dispatch: () => undefined,
    getState: () => ({ Prefs: { initialized: true, values: prefs } }) as unknown as BackgroundState,
  };
  const feed = new TelemetryFeed({
    local,
    session,
    transport,
    timer,
    consent: { isGranted: async () => consent },
    environment: { browserVersion: async () => '153.8.0', locale: () => 'en-US', experiments: async () => ({}) },
    build: TEST_BUILD,
    clock: () => clock.now,
    random: () => 0.5,
    defer: (fn) => void deferred.push(fn),
    log,
    senderPolicy: options.senderPolicy,
    queueLimits: options.queueLimits,
  });

  const dispatch = (a: Action) => feed.onAction(a, store);
  return {
    feed,
    clock,
    timer,
    transport,
    log,
    local,
    session,
    /** What the orphan sweep timer would run. */
    deferred,
    dispatch,
    /** The background's start: INIT, then the prefs. */
    start: async () => {
      await dispatch(action('INIT', undefined));
      await dispatch(action('PREFS_INITIAL_VALUES', prefs));
    },
    /** A page connecting, as MessageChannel reports it. */
    connect: (portId: string, data: Partial<Omit<NewTabInitData, 'portId'>> = {}) =>
      dispatch(action('NEW_TAB_INIT', { page: 'about:newtab', reconnected: false, tabId: 1, windowId: 1, incognito: false, ...data, portId })),
    unload: (portId: string) => dispatch(action('NEW_TAB_UNLOAD', { portId })),
    /** An action sent by the page on `portId`, tagged as MessageChannel tags it. */
    fromPage: (portId: string, a: Action) => dispatch(AlsoToMain(a, portId)),
    setPref: async <N extends PrefName>(name: N, value: PrefValues[N]) => {
      prefs = { ...prefs, [name]: value };
      await dispatch(action('PREF_CHANGED', { name, value } as Action<'PREF_CHANGED'>['data']));
    },
    setConsent: async (granted: boolean) => {
      consent = granted;
      await feed.consentChanged();
    },
    /** Waits until the sender is done with what it started. */
    settle: async () => {
      await feed.sender.idle();
      await feed.queue.settled();
    },
  };
}

export type TelemetryHarness = ReturnType<typeof createTelemetryHarness>;
