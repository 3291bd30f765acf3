// Telemetry cost, in Node, with the real TelemetryFeed → PingQueue → PingSender
// and transports (src/background/telemetry), through the harness their author
// wrote for tests and benchmarks (testHarness.ts: memoryStorage for
// storage.local and storage.session, a fake clock and timer):
//   1. background time per tracked action: what one page action costs the
//      background, from dispatch until the feed and the sender are idle again
//      (ping build + enqueue + queue persisted + send check);
//   2. a scripted, typical new-tab session sent through the real batch and
//      edge transports (gzip) to a real collector on loopback: pings, requests,
//      bytes per request and per ping on the wire, and whether all were stored;
//   3. queue write cost: µs per PingQueue.enqueue() with its persistence, at
//      several queue depths; and the cost of building one batch request.
// Must come first: the build constants src/ modules read at import time.
import './lib/buildGlobals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '../collector/src/index';
import { ac, type Action } from '../src/common/actions';
import type { PingEnvelope } from '../src/common/pings/types';
import { memoryStorage } from '../src/background/storage';
import { buildUserEventPing } from '../src/background/telemetry/pings';
import { SESSION, testContext } from '../src/test-support/pingSamples';
import { PingQueue, type QueuedPing } from '../src/background/telemetry/PingQueue';
import { createTelemetryHarness, RecordingTransport, type TelemetryHarness } from '../src/test-support/telemetryHarness';
import { batchTransport, edgeTransport, type Delivery, type Transport } from '../src/background/telemetry/transports';
import { fmt } from './lib/format';
import { summarize, type Summary } from './lib/stats';
import { numberFlag, runIfMain, type Suite } from './lib/suite';

const now = () => process.hrtime.bigint();
const us = (from: bigint, to: bigint) => Number(to - from) / 1000;

/** Runs `op` `warmup` + `n` times; returns per-call µs of the last `n`. `between` runs untimed after each call. */
async function timeEach(n: number, warmup: number, op: (i: number) => Promise<void>, between?: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const t0 = now();
    await op(i);
    const t1 = now();
    if (i >= warmup) samples.push(us(t0, t1));
    if (between) await between(i);
  }
  return samples;
}

// ---- A typical new-tab session, as the page reports it ----

const STORY_TILES = Array.from({ length: 9 }, (_, i) => ({ id: 40000 + i, pos: i }));

/**
 * Open, the page's perf reports, sponsored-tile and story impressions, a
 * top-site click, a story click, unload. Returns how many actions it sent.
 */
export async function typicalSession(h: TelemetryHarness, portId: string): Promise<number> {
  const t = h.clock.now;
  const page = (a: Action) => h.fromPage(portId, a);
  const steps: Action[] = [
    ac.PerfData({ visibility_event_rcvd_ts: t + 40 }),
    ac.PerfData({ topsites_first_painted_ts: t + 140 }),
    ac.PerfData({ topsites_icon_stats: { tippytop: 5, rich_icon: 2, no_image: 1 }, topsites_pinned: 1, topsites_search_shortcuts: 0 }),
    ac.SponsoredTileEvent({ type: 'impression', tile_id: 42, position: 1, advertiser: 'example', reporting_url: 'https://example.test/imp?id=1', source: 'newtab' }),
    ac.SponsoredTileEvent({ type: 'impression', tile_id: 43, position: 2, advertiser: 'sample', reporting_url: 'https://example.test/imp?id=2', source: 'newtab' }),
    ac.DiscoveryStreamLoadedContent({ source: 'CARDGRID', tiles: STORY_TILES, window_inner_width: 1280, window_inner_height: 800 }),
    ac.DiscoveryStreamSpocsFill({ spoc_fills: [{ id: 1234, displayed: 1, reason: 'n/a', full_recalc: 1 }] }),
    ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: STORY_TILES.slice(0, 3), window_inner_width: 1280, window_inner_height: 800 }),
    ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: STORY_TILES.slice(3, 6) }),
    ac.UserEvent({ event: 'CLICK', source: 'TOP_SITES', action_position: 2, value: { card_type: 'organic', icon_type: 'tippytop' } }),
    ac.ImpressionStats({ source: 'CARDGRID', tiles: [{ id: 40004, pos: 4 }], click: 0, window_inner_width: 1280, window_inner_height: 800 }),
    ac.UserEvent({ event: 'CLICK', source: 'CARDGRID', action_position: 4, value: { card_type: 'organic' } }),
  ];
  await h.connect(portId);
  for (const step of steps) {
    h.clock.advance(1_500);
    await page(step);
  }
  h.clock.advance(5_000);
  await h.unload(portId);
  return steps.length + 2;
}

/** Idle time after each scripted session (fake clock); a session itself spans 12 × 1.5 s + 5 s. */
const SESSION_GAP_MS = 20_000;

const SESSION_SCRIPT =
  'open; 3 perf reports (visibility, top sites painted, icon stats); 2 sponsored-tile impressions; story feed loaded (9 cards); spoc fill; 2 story impression batches; a top-site click; a story click (impression + event); unload';

// ---- 1. Background time per tracked action ----

interface ActionCost {
  label: string;
  what: string;
  summary: Summary | null;
}

async function actionCosts(n: number, warmup: number): Promise<ActionCost[]> {
  const h = createTelemetryHarness({ transport: new RecordingTransport(20) });
  await h.start();
  let port = 0;
  let portId = `bench-${port}`;
  await h.connect(portId);
  await h.fromPage(portId, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));

  // Keep the queue shallow, as it is between flushes: every 10 actions, send (untimed).
  const drainEvery = async (i: number) => {
    if (i % 10 !== 9) return;
    h.clock.advance(61_000);
    await h.feed.sender.flushAll();
    await h.settle();
  };
  const timed = (a: () => Action) => async () => {
    await h.fromPage(portId, a());
    await h.feed.sender.idle();
  };
  const costs: ActionCost[] = [];
  const add = async (label: string, what: string, op: (i: number) => Promise<void>, between = drainEvery) => {
    costs.push({ label, what, summary: summarize(await timeEach(n, warmup, op, between)) });
  };

  await add(
    'User event (top-site click)',
    'events ping built, enqueued, queue persisted',
    timed(() => ac.UserEvent({ event: 'CLICK', source: 'TOP_SITES', action_position: 2, value: { card_type: 'organic', icon_type: 'tippytop' } })),
  );
  await add(
    'Impression stats (story click)',
    'impression-stats ping built, enqueued, persisted',
    timed(() => ac.ImpressionStats({ source: 'CARDGRID', tiles: [{ id: 40004, pos: 4 }], click: 0 })),
  );
  await add(
    'Sponsored tile impression',
    'topsites-impression ping built, enqueued, persisted',
    timed(() => ac.SponsoredTileEvent({ type: 'impression', tile_id: 42, position: 1, advertiser: 'example', reporting_url: 'https://example.test/imp?id=1', source: 'newtab' })),
  );
  await add(
    'Perf data',
    'session record updated, storage.session persisted',
    timed(() => ac.PerfData({ topsites_first_painted_ts: h.clock.now + 140 })),
  );
  // A session gathers a few batches of story impressions, not hundreds: a new session every 10 (untimed).
  await add(
    'Story impressions (gathered)',
    'added to the session, persisted; sent at unload',
    timed(() => ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: STORY_TILES.slice(0, 3) })),
    async (i) => {
      if (i % 10 !== 9) return;
      await h.unload(portId);
      await drainEvery(i);
      portId = `bench-${++port}`;
      await h.connect(portId);
      await h.fromPage(portId, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    },
  );
  // Page open and unload: a fresh session per iteration; only the measured half is timed.
  await add('Page open (NEW_TAB_INIT)', 'session started, persisted', async () => {
    portId = `bench-${++port}`;
    await h.connect(portId);
    await h.feed.sender.idle();
  }, async (i) => {
    await h.unload(portId);
    await drainEvery(i);
  });
  // Each unload ends a session that saw perf data and story impressions, set up untimed.
  const freshSession = async () => {
    portId = `bench-${++port}`;
    await h.connect(portId);
    await h.fromPage(portId, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
    await h.fromPage(portId, ac.DiscoveryStreamImpressionStats({ source: 'CARDGRID', tiles: STORY_TILES.slice(0, 3) }));
    h.clock.advance(3_000);
  };
  await freshSession();
  await add(
    'Unload (NEW_TAB_UNLOAD)',
    'session ping + gathered impression ping built, enqueued, persisted',
    async () => {
      await h.unload(portId);
      await h.feed.sender.idle();
    },
    async (i) => {
      await drainEvery(i);
      await freshSession();
    },
  );
  return costs;
}

// ---- 2. A scripted session on the wire ----

interface WireRun {
  transport: 'batch' | 'edge';
  sessions: number;
  actions: number;
  pings: number;
  requests: number;
  pingsPerRequest: number[];
  bodyBytes: number[];
  jsonBytes: number[];
  stored: number;
  byType: Record<string, number>;
}

/** A transport that records each request's gzip body size and JSON size, then delegates to the real one. */
class MeasuringTransport extends RecordingTransport {
  readonly bodies: { pings: number; wire: number; json: number }[] = [];
  constructor(private readonly real: Transport) {
    super(real.maxDocuments);
  }
  override async send(endpoint: string, pings: readonly QueuedPing[]): Promise<Delivery> {
    const delivery = await this.real.send(endpoint, pings);
    const json =
      this.real.maxDocuments === 1
        ? JSON.stringify(pings[0]?.payload).length
        : JSON.stringify({ documents: pings.map(({ uri, payload }) => ({ uri, payload })) }).length;
    this.bodies.push({ pings: pings.length, wire: delivery.wireBytes, json });
    this.requests.push({ endpoint, pings: [...pings] });
    return delivery;
  }
}

async function wireRun(kind: 'batch' | 'edge', sessions: number, collectorUrl: string): Promise<WireRun> {
  const real = kind === 'batch' ? batchTransport({ fetch: (url, init) => fetch(url, init) }) : edgeTransport({ fetch: (url, init) => fetch(url, init) });
  const transport = new MeasuringTransport(real);
  const h = createTelemetryHarness({ transport, prefs: { 'telemetry.endpoint': collectorUrl } });
  await h.start();
  await h.settle();
  let actions = 0;
  for (let s = 0; s < sessions; s++) {
    actions += await typicalSession(h, `wire-${kind}-${s}`);
    h.clock.advance(SESSION_GAP_MS);
    await h.settle();
  }
  // Whatever is still queued goes when it is due: let time pass until the queue is empty.
  for (let i = 0; i < 100 && h.feed.queue.size > 0; i++) {
    h.clock.advance(61_000);
    h.timer.fire();
    await h.feed.sender.flushAll();
    await h.settle();
  }
  if (h.feed.queue.size > 0) throw new Error(`${kind}: ${h.feed.queue.size} pings never left the queue`);
  const byType: Record<string, number> = {};
  for (const p of transport.sent) {
    const docType = p.uri.split('/')[3] ?? '?';
    byType[docType] = (byType[docType] ?? 0) + 1;
  }
  const stats = h.feed.sender.stats;
  return {
    transport: kind,
    sessions,
    actions,
    pings: transport.sent.length,
    requests: transport.bodies.length,
    pingsPerRequest: transport.bodies.map((b) => b.pings),
    bodyBytes: transport.bodies.map((b) => b.wire),
    jsonBytes: transport.bodies.map((b) => b.json),
    stored: stats.delivered,
    byType,
  };
}

// ---- 3. Queue writes and request building ----

function samplePings(count: number): PingEnvelope[] {
  // The tests' fixed context, with the version numbers of a current build and no experiments.
  const ctx = testContext({ addon_version: '20260101000000', version: '153.8.0', experiments: {} });
  return Array.from({ length: count }, () =>
    buildUserEventPing(ctx, SESSION, { event: 'CLICK', source: 'TOP_SITES', action_position: 2, value: { card_type: 'organic', icon_type: 'tippytop' } }),
  );
}

async function queueCosts(n: number, warmup: number, depths: number[]): Promise<{ depth: number; summary: Summary | null }[]> {
  const results = [];
  for (const depth of depths) {
    const storage = memoryStorage();
    const queue = new PingQueue(storage);
    await queue.load();
    const fill = samplePings(depth + warmup + n);
    await queue.enqueue(fill.slice(0, depth), 0);
    let next = depth;
    const samples = await timeEach(
      n,
      warmup,
      async () => {
        await queue.enqueue([fill[next++] as PingEnvelope], 0);
      },
      // Hold the depth: take the ping back out (untimed).
      async () => {
        await queue.remove([fill[next - 1]?.docId ?? '']);
        await queue.settled();
      },
    );
    results.push({ depth, summary: summarize(samples) });
  }
  return results;
}

async function requestBuildCost(n: number, warmup: number, batchSize: number): Promise<{ batch: Summary | null; edge: Summary | null }> {
  const queue = new PingQueue(memoryStorage());
  await queue.enqueue(samplePings(batchSize), 0);
  const pings = queue.list().slice(0, batchSize);
  const okBatch = JSON.stringify({ results: pings.map((p) => ({ uri: p.uri, status: 200, duplicate: false })) });
  const batch = batchTransport({ fetch: async () => new Response(okBatch, { status: 200 }) });
  const edge = edgeTransport({ fetch: async () => new Response('{"status":200,"duplicate":false}', { status: 200 }) });
  return {
    batch: summarize(await timeEach(n, warmup, async () => void (await batch.send('http://127.0.0.1:1', pings)))),
    edge: summarize(await timeEach(n, warmup, async () => void (await edge.send('http://127.0.0.1:1', pings.slice(0, 1))))),
  };
}

// ---- The suite ----

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

export const telemetrySuite: Suite = {
  name: 'telemetry',
  title: 'Telemetry cost in the background',
  async run(options, out) {
    const n = numberFlag(options, 'n', options.quick ? 200 : 2_000);
    const warmup = Math.min(500, Math.ceil(n / 4));
    const sessions = numberFlag(options, 'sessions', 10);

    options.log(`timing ${n} of each action`);
    const costs = await actionCosts(n, warmup);
    out.tables.push({
      title: 'Background time per tracked action (real TelemetryFeed + PingQueue, memoryStorage)',
      columns: ['Action', 'What runs', 'median µs', 'p95 µs', 'mean µs'],
      align: ['left', 'left', 'right', 'right', 'right'],
      rows: costs.map((c) => [c.label, c.what, fmt.us(c.summary?.median), fmt.us(c.summary?.p95), fmt.us(c.summary?.mean)]),
      note: `${n} timed calls each after ${warmup} warm-up calls; from dispatch until the feed and the sender are idle again. The queue is drained (untimed) every 10 actions, so it stays as shallow as it is between flushes.`,
    });

    options.log('scripted sessions through the real transports to a local collector');
    const dir = await mkdtemp(join(tmpdir(), 'oas-bench-telemetry-'));
    const collector = await startCollector({ port: 0, dbPath: join(dir, 'telemetry.db'), shutdownTimeoutMs: 2_000 });
    const runs: WireRun[] = [];
    try {
      for (const kind of ['batch', 'edge'] as const) {
        runs.push(await wireRun(kind, 1, collector.url));
        runs.push(await wireRun(kind, sessions, collector.url));
      }
      const counts = (await (await fetch(`${collector.url}/api/counts`)).json()) as { total: number; errors: number };
      out.data.collectorCounts = counts;
      out.notes.push(
        `Every wire run went to a real collector on loopback: ${counts.total} documents stored, ${counts.errors} rejected by schema validation.`,
      );
    } finally {
      await collector.close();
      await rm(dir, { recursive: true, force: true });
    }
    out.tables.push({
      title: 'A typical new-tab session on the wire (gzip bodies, as sent)',
      columns: ['Transport', 'sessions', 'pings', 'requests', 'pings / request', 'bytes / request (gzip)', 'bytes / ping (gzip)', 'bytes / ping (JSON, before gzip)', 'stored'],
      rows: runs.map((r) => [
        r.transport === 'batch' ? 'batch (/submit-batch)' : 'edge (/submit/… per ping)',
        r.sessions,
        r.pings,
        r.requests,
        r.requests ? (r.pings / r.requests).toFixed(1) : '–',
        r.requests ? fmt.int(sum(r.bodyBytes) / r.requests) : '–',
        r.pings ? fmt.int(sum(r.bodyBytes) / r.pings) : '–',
        r.pings ? fmt.int(sum(r.jsonBytes) / r.pings) : '–',
        `${r.stored}/${r.pings}`,
      ]),
      note: `One session = ${SESSION_SCRIPT}. Pings per session: ${Object.entries(runs[0]?.byType ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. Sessions follow each other every ${(12 * 1.5 + 5 + SESSION_GAP_MS / 1000).toFixed(0)} s of (fake) time. Request bodies only (HTTP headers not counted). Batch requests go when 20 pings wait or the oldest has waited 30 s (PingSender defaults), at most 40 requests a minute.`,
    });

    options.log('queue writes');
    const depths = [0, 20, 100, 499];
    const queue = await queueCosts(n, warmup, depths);
    const build = await requestBuildCost(Math.max(50, n / 10), 20, 20);
    out.tables.push({
      title: 'Queue write and request build',
      columns: ['Operation', 'median µs', 'p95 µs', 'mean µs'],
      rows: [
        ...queue.map((q) => [`PingQueue.enqueue(1 ping) + persist, ${q.depth} already queued`, fmt.us(q.summary?.median), fmt.us(q.summary?.p95), fmt.us(q.summary?.mean)]),
        ['Batch request of 20 pings: JSON + gzip + response check', fmt.us(build.batch?.median), fmt.us(build.batch?.p95), fmt.us(build.batch?.mean)],
        ['Edge request of 1 ping: JSON + gzip + response check', fmt.us(build.edge?.median), fmt.us(build.edge?.p95), fmt.us(build.edge?.mean)],
      ],
      note: 'Persistence here is memoryStorage (a structured clone of the whole queue per write), so this is the CPU floor of a write; in the browser, storage.local also serialises across processes and writes to disk. The queue holds at most 500 pings / 2 MiB.',
    });
    const click = costs[0]?.summary;
    const unload = costs.find((c) => c.label.startsWith('Unload'))?.summary;
    if (click) out.headline.push(['Background time per tracked click (build + enqueue + persist)', `${fmt.us(click.median)} µs median, ${fmt.us(click.p95)} µs p95`]);
    if (unload) out.headline.push(['Background time per page unload (session ping)', `${fmt.us(unload.median)} µs median, ${fmt.us(unload.p95)} µs p95`]);
    const batchOne = runs.find((r) => r.transport === 'batch' && r.sessions === 1);
    const edgeOne = runs.find((r) => r.transport === 'edge' && r.sessions === 1);
    if (batchOne && edgeOne) {
      out.headline.push([
        'One new-tab session on the wire',
        `${batchOne.pings} pings: batch ${batchOne.requests} request(s), ${fmt.int(sum(batchOne.bodyBytes))} B gzip (${fmt.int(sum(batchOne.bodyBytes) / batchOne.pings)} B/ping); edge ${edgeOne.requests} requests, ${fmt.int(sum(edgeOne.bodyBytes))} B`,
      ]);
    }
    out.data = { ...out.data, n, warmup, actionCosts: costs, wire: runs, queue, requestBuild: build, sessionScript: SESSION_SCRIPT };
  },
};

await runIfMain(import.meta.url, telemetrySuite);
