import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, parseCliSettings } from '../src/config';
import { cleanupCollectors, rawRequest, startTestCollector, submit } from './support/harness';
import { eventPayload, submitUri, writeSampleSchemas } from './support/sampleSchemas';

const ROOT = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await cleanupCollectors();
});

describe('parseCliSettings', () => {
  it('uses defaults, then environment variables, then flags', () => {
    expect(parseCliSettings([], {})).toEqual({
      ...DEFAULTS,
      faults: undefined,
      maxDbBytes: undefined,
      schemaDir: undefined,
      faultRoute: false,
      token: undefined,
      readHosts: [],
      extensionIds: undefined,
      maxConcurrentPerClient: undefined,
      poolSize: undefined,
      statementTimeoutMs: undefined,
    });
    const secure = {
      COLLECTOR_TOKEN: 'env-token-0123456789',
      COLLECTOR_READ_HOSTS: 'stats.lan, collector.lan',
      COLLECTOR_EXTENSION_IDS: 'abc',
      COLLECTOR_FAULT_ROUTE: '1',
    };
    expect(parseCliSettings(['--extension-ids', 'one,two', '--max-concurrent-per-client', '4'], secure)).toMatchObject({
      token: 'env-token-0123456789',
      readHosts: ['stats.lan', 'collector.lan'],
      extensionIds: ['one', 'two'],
      faultRoute: true,
      maxConcurrentPerClient: 4,
    });
    expect(parseCliSettings(['--fault-route'], {})).toMatchObject({ faultRoute: true });
    const env = { COLLECTOR_PORT: '9000', COLLECTOR_DB: 'env.db', COLLECTOR_RETENTION_DAYS: '7', COLLECTOR_FAULTS: '{"error5xx":0.25}' };
    expect(parseCliSettings([], env)).toMatchObject({ port: 9000, dbPath: 'env.db', retentionDays: 7, faults: { error5xx: 0.25 } });
    expect(parseCliSettings(['--port', '8787', '--db=flag.db', '--retention-days', '30', '--host', '0.0.0.0'], env)).toMatchObject({
      port: 8787,
      dbPath: 'flag.db',
      retentionDays: 30,
      host: '0.0.0.0',
    });
    expect(parseCliSettings(['--help'], {})).toBeNull();
  });

  it('takes a postgres:// URL from --db, COLLECTOR_DB or DATABASE_URL, with pool size and statement timeout', () => {
    const url = 'postgres://collector@db.lan/telemetry';
    expect(parseCliSettings([], { DATABASE_URL: url })).toMatchObject({ dbPath: url });
    expect(parseCliSettings([], { DATABASE_URL: url, COLLECTOR_DB: 'file.db' })).toMatchObject({ dbPath: 'file.db' });
    expect(parseCliSettings(['--db', url, '--pool-size', '4', '--statement-timeout-ms', '5000'], {})).toMatchObject({
      dbPath: url,
      poolSize: 4,
      statementTimeoutMs: 5000,
    });
    expect(() => parseCliSettings(['--pool-size', '1'], {})).toThrow(/--pool-size.*2 to 1000/);
  });

  it('explains bad values', () => {
    const message = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      try {
        parseCliSettings(argv, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(message(['--port', '70000'])).toContain('--port');
    expect(message(['--port', '12ab'])).toContain('expected a port number');
    expect(message([], { COLLECTOR_PORT: '-1' })).toContain('COLLECTOR_PORT');
    expect(message(['--retention-days', '0'])).toContain('--retention-days');
    expect(message(['--faults', '{nope'])).toContain('not JSON');
    expect(message(['--faults', '{"error5xx":3}'])).toContain('error5xx');
    expect(message(['--verbose'])).toContain('Unknown option');
    expect(message(['--db'])).toContain('needs a value');
    expect(message(['--token', 'short'])).toContain('--token');
    expect(message(['--fault-route=yes'])).toContain('takes no value');
    expect(message(['--read-hosts', ' , '])).toContain('comma-separated');
  });
});

interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  // node --import tsx: one process, so signals reach the collector directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function readyUrl(run: CliRun): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const match = /Collector ready at (http:\/\/\S+?) /.exec(run.stdout());
    if (match?.[1]) return match[1];
    if (run.child.exitCode !== null) throw new Error(`collector exited: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`collector did not start: ${run.stdout()} ${run.stderr()}`);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oas-cli-'));
  dirs.push(dir);
  return dir;
}

describe('npm run collector (CLI process)', () => {
  it('starts from flags and env, and on SIGTERM finishes in-flight requests before exiting 0', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'data', 'telemetry.db');
    const run = runCli(['--port', '0', '--db', dbPath, '--schema-dir', writeSampleSchemas(join(dir, 'schemas'))], {
      COLLECTOR_RETENTION_DAYS: '10',
      COLLECTOR_FAULTS: '{"latencyMs":400}',
    });
    const url = await readyUrl(run);
    expect(run.stdout()).toContain('retention 10 days');

    const answers = Array.from({ length: 5 }, () => submit(url, submitUri('activity-stream', 'events'), eventPayload()));
    // The server accepts connections in the order they came: once a later
    // request is answered, the five are in flight (a fixed wait was too short on
    // a busy machine, and a connection not yet accepted is reset at close).
    expect((await rawRequest(url, { method: 'GET', path: '/__lbheartbeat__' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGTERM');
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('stopped');

    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(5);
    db.close();
  });

  it('with --fault-route prints a generated token and a dashboard link holding it; the fault route takes only that token', async () => {
    const run = runCli(['--port', '0', '--db', join(tempDir(), 't.db'), '--fault-route']);
    const url = await readyUrl(run);
    const token = /Read token \(Authorization: Bearer\): (\S+)/.exec(run.stdout())?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(run.stdout()).toContain(`${url}/dashboard#token=${token}`);
    const put = (authorization: string) =>
      rawRequest(url, { method: 'PUT', path: '/__faults__', headers: { Authorization: authorization }, body: '{"latencyMs":1}' });
    expect((await put('Bearer not-the-token-0123456789')).status).toBe(401);
    expect((await put(`Bearer ${token}`)).json()).toMatchObject({ latencyMs: 1 });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stops on SIGINT too', async () => {
    const dir = tempDir();
    const run = runCli(['--port', '0', '--db', join(dir, 't.db')]);
    await readyUrl(run);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const { collector } = await startTestCollector();
    const run = runCli(['--port', String(collector.port), '--db', join(tempDir(), 't.db')]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`Port ${collector.port} on 127.0.0.1 is already in use`);
  });

  it('exits 2 with a clear message for a bad value', async () => {
    const run = runCli(['--retention-days', 'thirty']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Invalid value "thirty" for --retention-days');
  });
});
