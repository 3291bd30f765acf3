// Collector throughput: documents per second the collector accepts and stores
// on this machine, through the single-document route and the batch route, with
// 1 and 50 concurrent clients, and the latency of each request (p50, p99).
// Loopback only. The collector runs in its own process with a fresh SQLite
// file per configuration (WAL, synchronous=FULL: every 200 is on disk); the
// clients run here, with keep-alive connections, for a fixed time each.
// Bodies are what the extension sends: gzip JSON, payloads taken from a
// scripted new-tab session run through the real TelemetryFeed.
// A second table puts the engines side by side on the batch route: SQLite in one
// process, PostgreSQL (a throwaway durable server) behind one and three replicas,
// the clients spread over the replicas, stored documents counted in the database.
import './lib/buildGlobals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '../collector/test/support/postgres';
import { createTelemetryHarness } from '../src/test-support/telemetryHarness';
import { fmt } from './lib/format';
import { summarize, type Summary } from './lib/stats';
import { listFlag, numberFlag, ROOT, runIfMain, type Suite } from './lib/suite';
import { typicalSession } from './telemetry';

export interface DocTemplate {
  /** `/submit/<ns>/<docType>/<ver>/` — the docId is appended per document. */
  prefix: string;
  payloadJson: string;
  /** gzip of payloadJson, for the single route (the docId is only in the URL). */
  gzipped: Buffer;
}

/** The payloads of one scripted session, as the real feed builds them. */
export async function sessionTemplates(): Promise<DocTemplate[]> {
  const h = createTelemetryHarness();
  await h.start();
  await typicalSession(h, 'collector-bench');
  await h.settle();
  return h.feed.queue.list().map((p) => {
    const payloadJson = JSON.stringify(p.payload);
    return { prefix: p.uri.slice(0, p.uri.length - p.docId.length), payloadJson, gzipped: gzipSync(payloadJson) };
  });
}

interface Running {
  url: URL;
  child: ChildProcess;
}

export async function startServer(dbPath: string, maxConcurrentPerClient?: number): Promise<Running> {
  // A free port each (port 0), so several replicas can run side by side.
  const extra = maxConcurrentPerClient === undefined ? [] : [String(maxConcurrentPerClient)];
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/lib/collectorServer.ts'), dbPath, ...extra], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('collector did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`collector exited with ${code} before listening`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveUrl((JSON.parse(line) as { url: string }).url);
    });
  });
  return { url: new URL(url), child };
}

export async function stopServer(server: Running): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => server.child.once('exit', () => r()));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Answer {
  status: number;
  ms: number;
  body: string;
}

export function post(agent: Agent, url: URL, path: string, body: Buffer): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': body.length },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

type Route = 'single' | 'batch';

interface ConfigResult {
  route: Route;
  clients: number;
  batchSize: number;
  seconds: number;
  requests: number;
  accepted: number;
  failed: number;
  stored: number;
  /** Median over the trials. */
  docsPerSecond: number;
  requestsPerSecond: number;
  /** docs/s of each trial, to show the spread. */
  trialDocsPerSecond: number[];
  latency: Summary | null;
}

async function runConfig(
  route: Route,
  clients: number,
  batchSize: number,
  durationMs: number,
  trials: number,
  warmupMs: number,
  templates: DocTemplate[],
  /** The database every replica opens (a SQLite file or a postgres:// URL) and how many replicas. */
  target: { db: string; replicas: number; maxConcurrentPerClient?: number },
): Promise<ConfigResult> {
  const servers = await Promise.all(Array.from({ length: target.replicas }, () => startServer(target.db, target.maxConcurrentPerClient)));
  const server = servers[0] as Running;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  let next = 0;
  const makeRequest = (): { path: string; body: Buffer; docs: number } => {
    if (route === 'single') {
      const t = templates[next++ % templates.length] as DocTemplate;
      return { path: t.prefix + randomUUID(), body: t.gzipped, docs: 1 };
    }
    const parts: string[] = [];
    for (let i = 0; i < batchSize; i++) {
      const t = templates[next++ % templates.length] as DocTemplate;
      parts.push(`{"uri":${JSON.stringify(t.prefix + randomUUID())},"payload":${t.payloadJson}}`);
    }
    return { path: '/submit-batch', body: gzipSync(`{"documents":[${parts.join(',')}]}`), docs: batchSize };
  };
  const accepted = { warm: 0, measured: 0 };
  let failed = 0;
  let requests = 0;
  const latencies: number[] = [];
  try {
    const phase = async (ms: number, record: boolean) => {
      const end = performance.now() + ms;
      // Clients are spread over the replicas, as a load balancer would.
      const client = async (_: unknown, index: number) => {
        const replica = servers[index % servers.length] as Running;
        // Bounded: stops at `end`, or after a request that fails for the run as a whole.
        while (performance.now() < end) {
          const { path, body, docs } = makeRequest();
          const answer = await post(agent, replica.url, path, body);
          const ok = answer.status === 200 && (route === 'single' || !answer.body.includes('"status":5') && !answer.body.includes('"status":4'));
          if (!ok) {
            failed += docs;
            if (answer.status >= 500 || answer.status === 0) throw new Error(`${route}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
            continue;
          }
          if (record) {
            requests++;
            accepted.measured += docs;
            latencies.push(answer.ms);
          } else {
            accepted.warm += docs;
          }
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, client));
      return (performance.now() - t0) / 1000;
    };
    await phase(warmupMs, false);
    // Several shorter trials and their median: a burst of other work on the machine spoils one trial, not the figure.
    const trialRates: number[] = [];
    const trialRequestRates: number[] = [];
    let seconds = 0;
    for (let t = 0; t < trials; t++) {
      const before = { docs: accepted.measured, requests };
      const s = await phase(durationMs / trials, true);
      seconds += s;
      trialRates.push((accepted.measured - before.docs) / s);
      trialRequestRates.push((requests - before.requests) / s);
    }
    const counts = (await (await fetch(new URL('/api/counts', server.url))).json()) as { total: number };
    return {
      route,
      clients,
      batchSize: route === 'single' ? 1 : batchSize,
      seconds,
      requests,
      accepted: accepted.measured,
      failed,
      stored: counts.total - accepted.warm,
      docsPerSecond: summarize(trialRates)?.median ?? 0,
      requestsPerSecond: summarize(trialRequestRates)?.median ?? 0,
      trialDocsPerSecond: trialRates.map(Math.round),
      latency: summarize(latencies),
    };
  } finally {
    agent.destroy();
    await Promise.all(servers.map(stopServer));
  }
}

interface EngineResult extends ConfigResult {
  engine: string;
}

/** Batch route at each size: SQLite, then PostgreSQL with one and with three replicas (each on a fresh database). */
async function runEngines(
  batchSizes: number[],
  clients: number,
  durationMs: number,
  trials: number,
  warmupMs: number,
  templates: DocTemplate[],
  work: string,
  log: (line: string) => void,
): Promise<EngineResult[]> {
  const results: EngineResult[] = [];
  let postgres: TestPostgres | null = null;
  if (findPostgresBin() === null) log('PostgreSQL binaries not found: engine rows for SQLite only');
  // Durable like the SQLite rows (fsync, synchronous commit): an acknowledged document is on disk.
  else postgres = await startTestPostgres({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } });
  try {
    for (const batchSize of batchSizes) {
      const targets: Array<{ engine: string; db: () => Promise<string>; replicas: number }> = [
        { engine: 'SQLite, 1 process', db: async () => join(work, `engines-${batchSize}.db`), replicas: 1 },
      ];
      if (postgres) {
        const server = postgres;
        targets.push({ engine: 'PostgreSQL, 1 replica', db: () => server.createDatabase(), replicas: 1 });
        targets.push({ engine: 'PostgreSQL, 3 replicas', db: () => server.createDatabase(), replicas: 3 });
      }
      for (const target of targets) {
        log(`engines: ${target.engine}, batch of ${batchSize}, ${clients} clients`);
        const result = await runConfig('batch', clients, batchSize, durationMs, trials, warmupMs, templates, {
          db: await target.db(),
          replicas: target.replicas,
          maxConcurrentPerClient: clients,
        });
        results.push({ ...result, engine: target.engine });
      }
    }
  } finally {
    postgres?.stop();
  }
  return results;
}

export const collectorSuite: Suite = {
  name: 'collector',
  title: 'Collector throughput on loopback',
  async run(options, out) {
    const durationMs = numberFlag(options, 'duration-ms', options.quick ? 1_500 : 6_000);
    const trials = Math.max(1, Math.round(numberFlag(options, 'trials', 3)));
    const warmupMs = numberFlag(options, 'warmup-ms', options.quick ? 500 : 1_500);
    const batchSize = numberFlag(options, 'batch-size', 20);
    const clientCounts = listFlag(options, 'clients', ['1', '50']).map(Number);
    const templates = await sessionTemplates();
    const work = await mkdtemp(join(tmpdir(), 'oas-bench-collector-'));
    const results: ConfigResult[] = [];
    let engines: EngineResult[] = [];
    const engineClients = numberFlag(options, 'engine-clients', 50);
    try {
      for (const route of listFlag(options, 'routes', ['single', 'batch']) as Route[]) {
        for (const clients of clientCounts) {
          options.log(`${route} route, ${clients} client(s), ${durationMs} ms`);
          results.push(await runConfig(route, clients, batchSize, durationMs, trials, warmupMs, templates, { db: join(work, `${route}-${clients}.db`), replicas: 1 }));
        }
      }
      engines = await runEngines(
        listFlag(options, 'engine-batch-sizes', ['20', '100']).map(Number),
        engineClients,
        durationMs,
        trials,
        warmupMs,
        templates,
        work,
        options.log,
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    out.tables.push({
      title: 'Documents accepted and stored per second',
      columns: ['Route', 'clients', 'docs/s (median of trials)', 'trials, docs/s', 'requests/s', 'latency p50 ms', 'latency p99 ms', 'accepted', 'stored', 'failed'],
      rows: results.map((r) => [
        r.route === 'single' ? 'POST /submit/… (1 doc)' : `POST /submit-batch (${r.batchSize} docs)`,
        r.clients,
        fmt.int(r.docsPerSecond),
        r.trialDocsPerSecond.map((x) => fmt.int(x)).join(' · '),
        fmt.int(r.requestsPerSecond),
        fmt.ms(r.latency?.median),
        fmt.ms(r.latency?.p99),
        fmt.int(r.accepted),
        fmt.int(r.stored),
        r.failed,
      ]),
      note: `Each row: a fresh collector process and SQLite file (WAL, synchronous=FULL), ${warmupMs} ms warm-up, then ${trials} trials of ${Math.round(durationMs / trials)} ms (latency percentiles pool all trials); each client sends its next request when the previous answer arrives (keep-alive). "stored" is the collector's own count of documents in the database after the run, minus the warm-up's. Bodies are gzip JSON of the ${templates.length} pings of one scripted new-tab session, each with a fresh docId. Client and collector share the machine's 2 cores.`,
    });
    for (const r of results) {
      if (r.clients !== Math.max(...clientCounts) && r.route === 'batch') continue;
      out.headline.push([
        `Collector, ${r.route === 'single' ? 'single-document route' : `batch route (${r.batchSize} docs)`}, ${r.clients} client${r.clients === 1 ? '' : 's'}`,
        `${fmt.int(r.docsPerSecond)} docs/s stored, p99 ${fmt.ms(r.latency?.p99)} ms`,
      ]);
    }
    out.tables.push({
      title: 'Engines side by side: batch route, SQLite vs PostgreSQL with 1 and 3 replicas',
      columns: ['Engine', 'docs per request', 'clients', 'docs/s stored (median of trials)', 'trials, docs/s', 'latency p50 ms', 'latency p99 ms', 'accepted', 'stored (counted in the DB)', 'failed'],
      rows: engines.map((r) => [
        r.engine,
        r.batchSize,
        r.clients,
        fmt.int(r.docsPerSecond),
        r.trialDocsPerSecond.map((x) => fmt.int(x)).join(' · '),
        fmt.ms(r.latency?.median),
        fmt.ms(r.latency?.p99),
        fmt.int(r.accepted),
        fmt.int(r.stored),
        r.failed,
      ]),
      note: `Each row: fresh collector process(es) and a fresh database; PostgreSQL is a throwaway server on loopback with fsync and synchronous_commit on (as durable as SQLite's synchronous=FULL), each replica with the default pool of 10 connections. ${engineClients} keep-alive clients, spread round-robin over the replicas; the per-address limit is lifted to ${engineClients}, since the load generator is one address, so no request is refused with 429. "stored" is the documents in the database after the run (read through /api/counts), minus the warm-up's. Replicas, PostgreSQL and the load generator all share the machine's 2 cores, so three replicas here measure contention, not added hardware.`,
    });
    for (const r of engines.filter((e) => e.batchSize === 100)) {
      out.headline.push([`Collector, batch route (100 docs), ${r.engine}`, `${fmt.int(r.docsPerSecond)} docs/s stored, p99 ${fmt.ms(r.latency?.p99)} ms`]);
    }
    out.data = { durationMs, warmupMs, batchSize, results, engines };
  },
};

await runIfMain(import.meta.url, collectorSuite);
