/**
 * A throwaway PostgreSQL server for tests: initdb in a temp folder, started on 127.0.0.1
 * on a free port (as the `postgres` user when run as root), removed after. One server per
 * test file; each test takes a fresh database on it.
 *
 * Without PostgreSQL binaries the tests that need them skip with one line, except in CI
 * (env CI set), where .ci/run installs them and their absence is a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const INSTALL_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or null. */
export function findPostgresBin(): string | null {
  if (!existsSync(INSTALL_ROOT)) return null;
  const versions = readdirSync(INSTALL_ROOT)
    .filter((version) => existsSync(join(INSTALL_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(INSTALL_ROOT, versions[0], 'bin');
}

/**
 * Whether this file's PostgreSQL tests run. Throws in CI when the binaries are missing;
 * elsewhere says once why they do not run.
 */
export function postgresAvailable(file: string): boolean {
  if (findPostgresBin() !== null) return true;
  if (process.env.CI) throw new Error(`PostgreSQL binaries not found under ${INSTALL_ROOT}/*/bin (CI installs the postgresql package)`);
  console.warn(`[${file}] PostgreSQL tests skipped: no initdb under ${INSTALL_ROOT}/*/bin (apt-get install postgresql)`);
  return false;
}

export interface TestPostgres {
  port: number;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StartOptions {
  /** Extra server settings (-c name=value); tests turn durability off for speed, the bench keeps it. */
  settings?: Record<string, string>;
}

const FAST_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

export async function startTestPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error(`PostgreSQL binaries not found under ${INSTALL_ROOT}`);
  const dir = mkdtempSync(join(tmpdir(), 'oas-postgres-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir, max_connections: '200', ...(options.settings ?? FAST_SETTINGS) };
  const logFile = join(dir, 'server.log');
  const serverLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const fail = (error: unknown): never => {
    const log = serverLog();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-locale', '-E', 'UTF8', '--no-sync']);
  } catch (error) {
    fail(error);
  }
  // A port free when probed can be taken before the server binds it (on a busy machine the
  // outgoing connections' local ports come from the same range): that start is made again on
  // another port, and said so.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    // The log is appended to: only what this attempt wrote tells why it failed.
    const logBefore = serverLog().length;
    try {
      run('pg_ctl', [
        '-D', data, '-l', logFile, '-w', '-t', '60',
        '-o', [`-p ${port}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' '),
        'start',
      ]);
      break;
    } catch (error) {
      if (!serverLog().slice(logBefore).includes('Address already in use') || attempt === 3) fail(error);
      console.warn(`PostgreSQL for tests: port ${port} was taken before the server bound it; starting it on another port`);
    }
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(adminUrl);
  let databases = 0;
  return {
    port,
    async createDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function waitUntilAccepting(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
