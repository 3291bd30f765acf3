/**
 * startCollector: opens storage, loads schemas, runs retention, and serves HTTP.
 * close() stops accepting connections, lets in-flight requests finish (so every
 * document answered 200 is committed), then closes the database.
 */
import { createServer, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { loadSchemaRegistry, type SchemaRegistry } from '../../src/common/schemas/registry';
import { defaultReadHosts, generateToken, isLoopbackHost, type AccessPolicy } from './access';
import { DEFAULT_LIMITS, type CollectorContext, type Limits } from './context';
import { FaultInjector, NO_FAULTS, parseFaults, type FaultSettings } from './faults';
import { runRetention, scheduleRetention, type RetentionReport } from './retention';
import { createRequestHandler, type VersionInfo } from './server';
import { isPostgresUrl, openStore, type PostgresOptions } from './store/open';
import { SummaryCache } from './summary';

export interface CollectorOptions {
  /** SQLite file (created with its directory if missing), or a postgres:// URL (schema migrated at start). */
  dbPath: string;
  /** PostgreSQL only: connections per replica and the statement timeout. */
  postgres?: PostgresOptions;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  retentionDays?: number;
  /** How often retention runs after the run at start (default: just after each UTC midnight). */
  retentionIntervalMs?: number;
  /** Schema directory (default src/common/schemas). Ignored when `registry` is given. */
  schemaDir?: string;
  registry?: SchemaRegistry;
  faults?: Partial<FaultSettings>;
  /** Serve `PUT|GET /__faults__` (token required). Off by default: the route does not exist. */
  faultRoute?: boolean;
  /** Cap on the database file; submissions get 507 when it is full. Default DEFAULT_MAX_DB_BYTES. */
  maxDbBytes?: number;
  /** Extension ids (host of the moz-/chrome-extension:// origin) allowed to submit; default any extension. */
  extensionIds?: readonly string[];
  /** Extra Host names the read routes answer to, besides the loopback names and the bound address. */
  readHosts?: readonly string[];
  /**
   * Token for the read routes (`Authorization: Bearer`) and /__faults__. When given it is always
   * required; when not, one is generated if the collector is bound beyond loopback or faultRoute is on.
   */
  token?: string;
  limits?: Partial<Limits>;
  /** Clock (ms since epoch) for submission timestamps and retention. */
  now?: () => number;
  log?: (line: string) => void;
  /** Longest wait for in-flight requests on close before connections are cut. */
  shutdownTimeoutMs?: number;
}

export interface RunningCollector {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
  /** The token read routes and /__faults__ need, when one is in use. */
  token: string | null;
  /** Runs retention now (it also runs at start and after each UTC midnight). */
  runRetention(): Promise<RetentionReport>;
  setFaults(faults: Partial<FaultSettings>): FaultSettings;
  readonly faults: FaultSettings;
}

/** Default cap on the database file (2 GiB); `maxDbBytes` changes it. */
export const DEFAULT_MAX_DB_BYTES = 2 * 1024 * 1024 * 1024;

function versionInfo(): VersionInfo {
  let version = '0.0.0';
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    version = pkg.version ?? version;
  } catch {
    // Running from an unusual layout: the version is informational only.
  }
  return {
    source: 'open-activity-stream collector',
    version,
    commit: process.env.COLLECTOR_COMMIT ?? 'unknown',
    build: process.env.COLLECTOR_BUILD ?? 'local',
  };
}

function checkedFaults(faults: Partial<FaultSettings>): FaultSettings {
  const parsed = parseFaults({ ...NO_FAULTS, ...faults });
  if (!parsed.ok) throw new Error(`Invalid faults: ${parsed.errors.join('; ')}`);
  return parsed.faults;
}

export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  const host = options.host ?? '127.0.0.1';
  const retentionDays = options.retentionDays ?? 30;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('retentionDays must be a whole number ≥ 1');
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const faults = new FaultInjector(checkedFaults(options.faults ?? {}));
  const registry = options.registry ?? loadSchemaRegistry(options.schemaDir);
  if (registry.keys.size === 0) log(`warning: no schemas found in ${registry.dir}; every submission will get 404`);

  const store = await openStore(options.dbPath, { maxDbBytes: options.maxDbBytes ?? DEFAULT_MAX_DB_BYTES, postgres: options.postgres });
  const ctx: CollectorContext = {
    store,
    registry,
    faults,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    access: accessPolicy(options, host),
    summary: new SummaryCache(store),
    faultRoute: options.faultRoute ?? false,
    retentionDays,
    now,
    log,
  };

  const forgetDay = (day: string) => ctx.summary.forgetDay(day);
  const logRetention = (report: RetentionReport) => {
    if (report.documentsRolledUp > 0 || report.errorsRolledUp > 0) {
      log(`retention: rolled up ${report.documentsRolledUp} documents and ${report.errorsRolledUp} errors from ${report.days.join(', ')}`);
    }
  };
  const retention = async (): Promise<RetentionReport> => {
    const report = await runRetention(store, now(), retentionDays, forgetDay);
    logRetention(report);
    return report;
  };
  let stopRetention = () => {};
  try {
    await retention();
    stopRetention = scheduleRetention(
      async () => {
        try {
          await retention();
        } catch (error) {
          log(`retention failed: ${(error as Error).message}`);
        }
      },
      now,
      options.retentionIntervalMs,
    );
    // Read before serving, so no dashboard call has to wait for it.
    await ctx.summary.load();
  } catch (error) {
    stopRetention();
    await store.close();
    throw error;
  }

  const handleRequest = createRequestHandler(ctx, versionInfo());
  const inFlight = new Set<Promise<void>>();
  const openResponses = new Set<ServerResponse>();
  let closing = false;

  const server = createServer();
  server.on('request', (req, res) => {
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    if (closing) res.setHeader('Connection', 'close');
    const task = handleRequest(req, res).finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  // Malformed requests never reach 'request'; answer them without crashing (431 for oversized headers).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? overflowStatus(error) : error.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopRetention();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${options.port} on ${host} is already in use.`, { cause: error });
    if (code === 'EADDRNOTAVAIL') throw new Error(`Cannot listen on ${host}: address not available.`, { cause: error });
    if (code === 'EACCES') throw new Error(`No permission to listen on ${host}:${options.port}.`, { cause: error });
    throw error;
  }

  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log(`listening on http://${urlHost}:${port} (db ${describeDb(options.dbPath)}, ${registry.keys.size} schemas, retention ${retentionDays} days)`);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      stopRetention();
      // Answers still to be written close their connection instead of keeping it alive.
      for (const res of openResponses) if (!res.headersSent) res.setHeader('Connection', 'close');
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
      await Promise.race([Promise.allSettled([...inFlight]), delay(timeoutMs)]);
      // Give finished answers a moment to flush before cutting whatever is left.
      server.closeIdleConnections();
      await Promise.race([serverClosed, delay(Math.min(1000, timeoutMs))]);
      server.closeAllConnections();
      await serverClosed;
      await store.close();
      log('stopped');
    })();
    return closed;
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    token: ctx.access.token,
    close,
    runRetention: retention,
    setFaults(next) {
      const settings = checkedFaults(next);
      faults.set(settings);
      return settings;
    },
    get faults() {
      return faults.settings;
    },
  };
}

function accessPolicy(options: CollectorOptions, host: string): AccessPolicy {
  const beyondLoopback = !isLoopbackHost(host);
  const token = options.token ?? (beyondLoopback || options.faultRoute ? generateToken() : null);
  return {
    extensionIds: options.extensionIds ? new Set(options.extensionIds) : null,
    readHosts: defaultReadHosts(host, options.readHosts),
    token,
    readsNeedToken: beyondLoopback || options.token !== undefined,
  };
}

/**
 * Node reports a request line longer than its header limit as a header overflow; when the
 * line that overflowed is the request line (no line break yet), it is a URL too long: 414.
 */
function overflowStatus(error: Error & { rawPacket?: Buffer }): 414 | 431 {
  const packet = error.rawPacket;
  if (!packet) return 431;
  const firstLineEnd = packet.indexOf('\r\n');
  const looksLikeRequestLine = /^[A-Z]+ \//.test(packet.subarray(0, 16).toString('latin1'));
  return looksLikeRequestLine && (firstLineEnd === -1 || firstLineEnd > DEFAULT_LIMITS.maxPathLength) ? 414 : 431;
}

/** The database as logged: a URL's password is not. */
function describeDb(dbPath: string): string {
  if (!isPostgresUrl(dbPath)) return dbPath;
  const url = new URL(dbPath);
  if (url.password) url.password = '***';
  return url.toString();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
