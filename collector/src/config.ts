/**
 * Command-line flags and environment variables → validated collector settings.
 * Precedence: flag, then environment variable, then default.
 */
import { parseFaults, type FaultSettings } from './faults';

export interface CliSettings {
  host: string;
  port: number;
  dbPath: string;
  retentionDays: number;
  faults: FaultSettings | undefined;
  maxDbBytes: number | undefined;
  schemaDir: string | undefined;
  /** Serve /__faults__ (token required). */
  faultRoute: boolean;
  token: string | undefined;
  readHosts: string[];
  extensionIds: string[] | undefined;
  maxConcurrentPerClient: number | undefined;
  /** PostgreSQL connections per collector process. */
  poolSize: number | undefined;
  statementTimeoutMs: number | undefined;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  dbPath: 'data/telemetry.db',
  retentionDays: 30,
} as const;

export class ConfigError extends Error {}

interface FlagSpec {
  key: keyof CliSettings;
  env: string;
  /** Takes no value: present means on (the variable: 1/true). */
  boolean?: boolean;
}

const FLAGS: Record<string, FlagSpec> = {
  '--host': { key: 'host', env: 'COLLECTOR_HOST' },
  '--port': { key: 'port', env: 'COLLECTOR_PORT' },
  '--db': { key: 'dbPath', env: 'COLLECTOR_DB' },
  '--retention-days': { key: 'retentionDays', env: 'COLLECTOR_RETENTION_DAYS' },
  '--faults': { key: 'faults', env: 'COLLECTOR_FAULTS' },
  '--max-db-bytes': { key: 'maxDbBytes', env: 'COLLECTOR_MAX_DB_BYTES' },
  '--schema-dir': { key: 'schemaDir', env: 'COLLECTOR_SCHEMA_DIR' },
  '--fault-route': { key: 'faultRoute', env: 'COLLECTOR_FAULT_ROUTE', boolean: true },
  '--token': { key: 'token', env: 'COLLECTOR_TOKEN' },
  '--read-hosts': { key: 'readHosts', env: 'COLLECTOR_READ_HOSTS' },
  '--extension-ids': { key: 'extensionIds', env: 'COLLECTOR_EXTENSION_IDS' },
  '--max-concurrent-per-client': { key: 'maxConcurrentPerClient', env: 'COLLECTOR_MAX_CONCURRENT_PER_CLIENT' },
  '--pool-size': { key: 'poolSize', env: 'COLLECTOR_POOL_SIZE' },
  '--statement-timeout-ms': { key: 'statementTimeoutMs', env: 'COLLECTOR_STATEMENT_TIMEOUT_MS' },
};

export const USAGE = `Usage: npm run collector -- [options]

  --host <addr>            address to listen on (env COLLECTOR_HOST, default ${DEFAULTS.host})
  --port <n>               TCP port, 0 = any free port (env COLLECTOR_PORT, default ${DEFAULTS.port})
  --db <path|url>          SQLite file, or postgres://user@host/db for PostgreSQL (env COLLECTOR_DB, then
                           DATABASE_URL, default ${DEFAULTS.dbPath})
  --pool-size <n>          PostgreSQL connections per process, at least 2 (env COLLECTOR_POOL_SIZE, default 10)
  --statement-timeout-ms <n>  PostgreSQL statement timeout (env COLLECTOR_STATEMENT_TIMEOUT_MS, default 30000)
  --retention-days <n>     days raw documents are kept before roll-up (env COLLECTOR_RETENTION_DAYS, default ${DEFAULTS.retentionDays})
  --faults <json>          fault injection, e.g. '{"error5xx":0.5,"error413":0,"latencyMs":0,"drop":0}' (env COLLECTOR_FAULTS)
  --max-db-bytes <n>       cap on the database size; submissions get 507 when full (env COLLECTOR_MAX_DB_BYTES, default 2 GiB)
  --schema-dir <dir>       schema directory (env COLLECTOR_SCHEMA_DIR, default src/common/schemas)
  --fault-route            serve PUT|GET /__faults__, token required (env COLLECTOR_FAULT_ROUTE=1)
  --token <secret>         token the read routes need (Authorization: Bearer); generated and printed
                           when bound beyond loopback or with --fault-route (env COLLECTOR_TOKEN)
  --read-hosts <a,b>       more Host names the dashboard and read API answer to (env COLLECTOR_READ_HOSTS)
  --extension-ids <a,b>    only these extension ids may submit (env COLLECTOR_EXTENSION_IDS, default any)
  --max-concurrent-per-client <n>  requests at once per client address, more get 429 (env COLLECTOR_MAX_CONCURRENT_PER_CLIENT, default 16)
  --help                   show this help`;

/** Returns null when --help was asked for. Throws ConfigError with a user-facing message otherwise. */
export function parseCliSettings(argv: readonly string[], env: NodeJS.ProcessEnv): CliSettings | null {
  const raw = new Map<keyof CliSettings, { value: string; source: string }>();
  for (const spec of Object.values(FLAGS)) {
    const value = env[spec.env];
    if (value !== undefined && value !== '') raw.set(spec.key, { value, source: spec.env });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return null;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const spec = FLAGS[name];
    if (!spec) throw new ConfigError(`Unknown option ${JSON.stringify(arg)}.\n\n${USAGE}`);
    if (spec.boolean) {
      if (eq !== -1) throw new ConfigError(`Option ${name} takes no value.`);
      raw.set(spec.key, { value: '1', source: name });
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new ConfigError(`Option ${name} needs a value.`);
    raw.set(spec.key, { value, source: name });
  }

  const text = (key: keyof CliSettings) => raw.get(key);
  return {
    host: text('host')?.value ?? DEFAULTS.host,
    port: parseInteger(text('port'), DEFAULTS.port, 0, 65535, 'a port number (0-65535)'),
    dbPath: text('dbPath')?.value ?? nonEmpty(env.DATABASE_URL) ?? DEFAULTS.dbPath,
    retentionDays: parseInteger(text('retentionDays'), DEFAULTS.retentionDays, 1, 36500, 'a whole number of days (1 or more)'),
    faults: parseFaultsSetting(text('faults')),
    maxDbBytes: optionalInteger(text('maxDbBytes'), 65536, Number.MAX_SAFE_INTEGER, 'a byte count (at least 65536)'),
    schemaDir: text('schemaDir')?.value,
    faultRoute: parseSwitch(text('faultRoute')),
    token: parseToken(text('token')),
    readHosts: parseList(text('readHosts')) ?? [],
    extensionIds: parseList(text('extensionIds')),
    maxConcurrentPerClient: optionalInteger(text('maxConcurrentPerClient'), 1, 100_000, 'a whole number of requests (1 or more)'),
    poolSize: optionalInteger(text('poolSize'), 2, 1000, 'a number of connections (2 to 1000)'),
    statementTimeoutMs: optionalInteger(text('statementTimeoutMs'), 1, 86_400_000, 'milliseconds (1 or more)'),
  };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

function parseInteger(
  raw: { value: string; source: string } | undefined,
  fallback: number,
  min: number,
  max: number,
  what: string,
): number {
  return optionalInteger(raw, min, max, what) ?? fallback;
}

function optionalInteger(
  raw: { value: string; source: string } | undefined,
  min: number,
  max: number,
  what: string,
): number | undefined {
  if (!raw) return undefined;
  const n = Number(raw.value);
  if (!/^\d+$/.test(raw.value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`Invalid value ${JSON.stringify(raw.value)} for ${raw.source}: expected ${what}.`);
  }
  return n;
}

function parseFaultsSetting(raw: { value: string; source: string } | undefined): FaultSettings | undefined {
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw.value);
  } catch {
    throw new ConfigError(`Invalid value for ${raw.source}: not JSON (${raw.value}).`);
  }
  const parsed = parseFaults(json);
  if (!parsed.ok) throw new ConfigError(`Invalid value for ${raw.source}: ${parsed.errors.join('; ')}`);
  return parsed.faults;
}

function parseSwitch(raw: { value: string; source: string } | undefined): boolean {
  if (!raw) return false;
  if (/^(1|true|yes|on)$/i.test(raw.value)) return true;
  if (/^(0|false|no|off)$/i.test(raw.value)) return false;
  throw new ConfigError(`Invalid value ${JSON.stringify(raw.value)} for ${raw.source}: expected 1 or 0.`);
}

function parseToken(raw: { value: string; source: string } | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^[A-Za-z0-9._~+/=-]{16,256}$/.test(raw.value)) {
    throw new ConfigError(`Invalid value for ${raw.source}: a token is 16 to 256 characters of letters, digits and ._~+/=-.`);
  }
  return raw.value;
}

function parseList(raw: { value: string; source: string } | undefined): string[] | undefined {
  if (!raw) return undefined;
  const items = raw.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) throw new ConfigError(`Invalid value for ${raw.source}: expected a comma-separated list.`);
  return items;
}
