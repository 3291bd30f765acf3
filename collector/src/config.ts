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
}

const FLAGS: Record<string, FlagSpec> = {
  '--host': { key: 'host', env: 'COLLECTOR_HOST' },
  '--port': { key: 'port', env: 'COLLECTOR_PORT' },
  '--db': { key: 'dbPath', env: 'COLLECTOR_DB' },
  '--retention-days': { key: 'retentionDays', env: 'COLLECTOR_RETENTION_DAYS' },
  '--faults': { key: 'faults', env: 'COLLECTOR_FAULTS' },
  '--max-db-bytes': { key: 'maxDbBytes', env: 'COLLECTOR_MAX_DB_BYTES' },
  '--schema-dir': { key: 'schemaDir', env: 'COLLECTOR_SCHEMA_DIR' },
};

export const USAGE = `Usage: npm run collector -- [options]

  --host <addr>            address to listen on (env COLLECTOR_HOST, default ${DEFAULTS.host})
  --port <n>               TCP port, 0 = any free port (env COLLECTOR_PORT, default ${DEFAULTS.port})
  --db <path>              SQLite file (env COLLECTOR_DB, default ${DEFAULTS.dbPath})
  --retention-days <n>     days raw documents are kept before roll-up (env COLLECTOR_RETENTION_DAYS, default ${DEFAULTS.retentionDays})
  --faults <json>          fault injection, e.g. '{"error5xx":0.5,"error413":0,"latencyMs":0,"drop":0}' (env COLLECTOR_FAULTS)
  --max-db-bytes <n>       cap on the database size; submissions get 507 when full (env COLLECTOR_MAX_DB_BYTES)
  --schema-dir <dir>       schema directory (env COLLECTOR_SCHEMA_DIR, default src/common/schemas)
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
    dbPath: text('dbPath')?.value ?? DEFAULTS.dbPath,
    retentionDays: parseInteger(text('retentionDays'), DEFAULTS.retentionDays, 1, 36500, 'a whole number of days (1 or more)'),
    faults: parseFaultsSetting(text('faults')),
    maxDbBytes: optionalInteger(text('maxDbBytes'), 65536, Number.MAX_SAFE_INTEGER, 'a byte count (at least 65536)'),
    schemaDir: text('schemaDir')?.value,
  };
}

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
