// Who the pings say they come from. Three ids that are never sent together
// except in a deletion request: client_id (events, sessions), impression_id
// (content-level data) and context_id (sponsored tiles). They persist in
// storage.local until the user opts out, when they are replaced. The browser
// session id lives in storage.session, so it changes with each browser start
// but not with each background start.
import type { KeyValueStorage } from '../storage';

export const IDENTITY_KEY = 'telemetry.identity';
export const BROWSER_SESSION_KEY = 'telemetry.browserSessionId';

const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BRACED_UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

export interface TelemetryIds {
  client_id: string;
  impression_id: string;
  context_id: string;
  /** Days since the epoch when the ids were first made: the install, for us. */
  profile_creation_date: number;
}

export interface Identity extends TelemetryIds {
  browser_session_id: string;
}

export class TelemetryIdentity {
  private current: Identity | null = null;
  /** True when load() found no browser session id: the browser (or the extension) has just started. */
  newBrowserSession = false;

  constructor(
    private readonly local: KeyValueStorage,
    private readonly session: KeyValueStorage,
    private readonly uuid: () => string,
    private readonly clock: () => number,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** Reads the stored ids, making and saving any that are missing or corrupt. */
  async load(): Promise<Identity> {
    const [ids, browserSessionId] = await Promise.all([this.loadIds(), this.loadBrowserSessionId()]);
    this.current = { ...ids, browser_session_id: browserSessionId };
    return this.current;
  }

  get ids(): Identity {
    if (!this.current) throw new Error('TelemetryIdentity: read before load()');
    return this.current;
  }

  /** New client, impression and context ids after an opt-out; the profile date stays. */
  async rotate(): Promise<Identity> {
    const ids = { ...this.fresh(), profile_creation_date: this.ids.profile_creation_date };
    this.current = { ...ids, browser_session_id: this.ids.browser_session_id };
    await this.local.set(IDENTITY_KEY, ids);
    return this.current;
  }

  private fresh(): TelemetryIds {
    return {
      client_id: this.uuid(),
      impression_id: `{${this.uuid()}}`,
      context_id: `{${this.uuid()}}`,
      profile_creation_date: Math.floor(this.clock() / DAY_MS),
    };
  }

  private async loadIds(): Promise<TelemetryIds> {
    const stored = await this.read(this.local, IDENTITY_KEY);
    if (isIds(stored)) return stored;
    if (stored !== undefined) this.log.error('TelemetryIdentity: stored ids are corrupt; making new ones');
    const ids = this.fresh();
    await this.local.set(IDENTITY_KEY, ids);
    return ids;
  }

  private async loadBrowserSessionId(): Promise<string> {
    const stored = await this.read(this.session, BROWSER_SESSION_KEY);
    if (typeof stored === 'string' && UUID.test(stored)) return stored;
    this.newBrowserSession = true;
    const id = this.uuid();
    await this.session.set(BROWSER_SESSION_KEY, id);
    return id;
  }

  private async read(storage: KeyValueStorage, key: string): Promise<unknown> {
    try {
      return await storage.get(key);
    } catch (error) {
      this.log.error(`TelemetryIdentity: could not read ${key}`, error);
      return undefined;
    }
  }
}

function isIds(value: unknown): value is TelemetryIds {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.client_id === 'string' &&
    UUID.test(v.client_id) &&
    typeof v.impression_id === 'string' &&
    BRACED_UUID.test(v.impression_id) &&
    typeof v.context_id === 'string' &&
    BRACED_UUID.test(v.context_id) &&
    typeof v.profile_creation_date === 'number' &&
    Number.isInteger(v.profile_creation_date) &&
    v.profile_creation_date >= 0
  );
}
