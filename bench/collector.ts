// Collector throughput: documents per second the collector accepts and stores
// on this machine, through the single-document route and the batch route, with
// 1 and 50 concurrent clients, and the latency of each request (p50, p99).
// Loopback only. The collector runs in its own process with a fresh SQLite
// file per configuration (WAL, synchronous=FULL: every 200 is on disk); the
// clients run here, with keep-alive connections, for a fixed time each.
// Bodies are what the extension sends: gzip JSON, payloads taken from a
// scripted new-tab session run through the real TelemetryFeed.
import './lib/buildGlobals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
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

export async function startServer(dbPath: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/lib/collectorServer.ts'), dbPath], {
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
  work: string,
): Promise<ConfigResult> {
  const server = await startServer(join(work, `${route}-${clients}.db`));
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
      const client = async () => {
        // Bounded: stops at `end`, or after a request that fails for the run as a whole.
        while (performance.now() < end) {
          const { path, body, docs } = makeRequest();
          const answer = await post(agent, server.url, path, body);
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
    await stopServer(server);
  }
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
    try {
      for (const route of listFlag(options, 'routes', ['single', 'batch']) as Route[]) {
        for (const clients of clientCounts) {
          options.log(`${route} route, ${clients} client(s), ${durationMs} ms`);
          results.push(await runConfig(route, clients, batchSize, durationMs, trials, warmupMs, templates, work));
        }
      }
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
    out.data = { durationMs, warmupMs, batchSize, results };
  },
};

await runIfMain(import.meta.url, collectorSuite);
