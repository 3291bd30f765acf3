// One session per page connection (port), as Firefox keeps one per tab. A
// session holds what its session ping needs (page, perf) and the Discovery
// Stream impressions gathered until it ends. Sessions live in storage.local:
// a session in progress survives a background suspension (the page
// reconnects with the same port id), and one still open when the browser
// quits is found at the next start and ended then (TelemetryFeed).
import type { ImpressionSource, ImpressionTile, SessionPerf } from '../../common/pings/types';
import type { KeyValueStorage } from '../storage';
import { CoalescingWriter } from './CoalescingWriter';

export const SESSIONS_KEY = 'telemetry.sessions';

/** Tiles kept per source and session; a page that keeps scrolling cannot grow a session without bound. */
export const MAX_TILES_PER_SOURCE = 500;

export type SessionPage = 'about:newtab' | 'about:home' | 'about:welcome' | 'unknown';

export interface ImpressionSet {
  tiles: ImpressionTile[];
  /** Window size at the first impression of this source. */
  window_inner_width?: number;
  window_inner_height?: number;
}

export type ImpressionSets = Partial<Record<ImpressionSource, ImpressionSet>>;

export interface PageSessionRecord {
  session_id: string;
  page: SessionPage;
  perf: SessionPerf;
  impressionSets: ImpressionSets;
  loadedContentSets: ImpressionSets;
  /**
   * The settings page's only: the session and page of the page whose link
   * opened it, which its OPEN_NEWTAB_PREFS and CLOSE_NEWTAB_PREFS report (as
   * Firefox reports them from the new tab). Kept here, so it outlives the
   * opener's own session.
   */
  openedFrom?: { session_id: string; page: SessionPage };
  /** Epoch ms of the last moment the page was known to be visible: what a session ended after a browser quit lasts until. */
  lastVisibleAt?: number;
}

export class SessionStore {
  private sessions: Record<string, PageSessionRecord> = {};
  private loaded: Promise<void> | null = null;
  private readonly writer: CoalescingWriter;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly log: Pick<Console, 'error'> = console,
  ) {
    this.writer = new CoalescingWriter(storage, SESSIONS_KEY, () => this.sessions, log);
  }

  load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  get(portId: string): PageSessionRecord | undefined {
    return this.sessions[portId];
  }

  portIds(): string[] {
    return Object.keys(this.sessions);
  }

  /** Saves a new or changed session. */
  put(portId: string, session: PageSessionRecord): Promise<void> {
    this.sessions[portId] = session;
    return this.writer.write();
  }

  /** Forgets a session and hands it back. */
  async take(portId: string): Promise<PageSessionRecord | undefined> {
    const session = this.sessions[portId];
    if (!session) return undefined;
    delete this.sessions[portId];
    await this.writer.write();
    return session;
  }

  /** Forgets every session (opt-out). */
  clear(): Promise<void> {
    this.sessions = {};
    return this.writer.write();
  }

  private async read(): Promise<void> {
    let stored: unknown;
    try {
      stored = await this.storage.get(SESSIONS_KEY);
    } catch (error) {
      this.log.error('SessionStore: could not read sessions; starting with none', error);
      return;
    }
    if (stored === undefined) return;
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) {
      this.log.error('SessionStore: stored sessions are corrupt; starting with none');
      return;
    }
    for (const [portId, session] of Object.entries(stored)) {
      if (isSession(session)) this.sessions[portId] = session;
      else this.log.error(`SessionStore: dropped a corrupt session for page ${portId}`);
    }
  }
}

/** Appends tiles to the set of `source`, keeping the first window size and at most MAX_TILES_PER_SOURCE tiles. */
export function addImpressions(
  sets: ImpressionSets,
  source: ImpressionSource,
  tiles: readonly ImpressionTile[],
  window?: { window_inner_width?: number; window_inner_height?: number },
): void {
  const set = (sets[source] ??= {
    tiles: [],
    ...(window?.window_inner_width === undefined ? {} : { window_inner_width: window.window_inner_width }),
    ...(window?.window_inner_height === undefined ? {} : { window_inner_height: window.window_inner_height }),
  });
  const room = MAX_TILES_PER_SOURCE - set.tiles.length;
  if (room <= 0) return;
  for (const { id, pos, shim } of tiles.slice(0, room)) {
    set.tiles.push({ id, ...(pos === undefined ? {} : { pos }), ...(shim === undefined ? {} : { shim }) });
  }
}

function isSession(value: unknown): value is PageSessionRecord {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  const perf = s.perf as Record<string, unknown> | undefined;
  return (
    typeof s.session_id === 'string' &&
    typeof s.page === 'string' &&
    !!perf &&
    typeof perf === 'object' &&
    typeof perf.load_trigger_type === 'string' &&
    !!s.impressionSets &&
    typeof s.impressionSets === 'object' &&
    !!s.loadedContentSets &&
    typeof s.loadedContentSets === 'object'
  );
}
