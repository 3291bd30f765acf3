// What the collector's request checks (issue 21) cost on the batch route:
// the writer's Origin and Content-Type checks and the byte outline that counts
// entries and depth before the parse, timed in this process on the very bodies
// that are then sent, one request at a time, to a collector process. The share
// is the checks' median time over the request's median round trip; the round
// trip includes loopback and the client, so the share of the server's own time
// is a little higher, and the table gives both figures to judge by.
import './lib/buildGlobals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { checkWriter, requireJsonContentType, type AccessPolicy } from '../collector/src/access';
import { DEFAULT_LIMITS } from '../collector/src/context';
import { outlineJson, withoutCuts } from '../collector/src/jsonOutline';
import { post, sessionTemplates, startServer, stopServer, type DocTemplate } from './collector';
import { fmt } from './lib/format';
import { summarize } from './lib/stats';
import { listFlag, numberFlag, runIfMain, type Suite } from './lib/suite';

/** Depth the batch route allows: the payload's limit plus the body, array and entry levels. */
const BATCH_DEPTH = DEFAULT_LIMITS.maxJsonDepth + 3;

const EXTENSION_REQUEST = {
  headers: { origin: 'moz-extension://5f0e1f6b-6d1a-4c52-9a43-2b7e1e0a0a51', 'content-type': 'application/json; charset=utf-8' },
} as unknown as IncomingMessage;
const POLICY: AccessPolicy = { extensionIds: null, readHosts: new Set(['127.0.0.1']), token: null, readsNeedToken: false };

function batchBody(templates: DocTemplate[], size: number, offset: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < size; i++) {
    const t = templates[(offset + i) % templates.length] as DocTemplate;
    parts.push(`{"uri":${JSON.stringify(t.prefix + randomUUID())},"payload":${t.payloadJson}}`);
  }
  return gzipSync(`{"documents":[${parts.join(',')}]}`);
}

/** The checks the batch route runs that it did not run before issue 21, in microseconds. */
function timeChecks(gzipped: Buffer): number {
  const bytes = gunzipSync(gzipped);
  const t0 = performance.now();
  checkWriter(EXTENSION_REQUEST, POLICY);
  requireJsonContentType(EXTENSION_REQUEST);
  const outline = outlineJson(bytes, BATCH_DEPTH);
  withoutCuts(bytes, outline.cuts);
  return (performance.now() - t0) * 1000;
}

export const collectorChecksSuite: Suite = {
  name: 'collector-checks',
  title: "Collector: what the request checks cost on the batch route",
  async run(options, out) {
    const requests = numberFlag(options, 'requests', options.quick ? 40 : 400);
    const sizes = listFlag(options, 'batch-sizes', ['20', '100']).map(Number);
    const templates = await sessionTemplates();
    const work = await mkdtemp(join(tmpdir(), 'oas-bench-checks-'));
    const rows: (string | number)[][] = [];
    try {
      for (const size of sizes) {
        const server = await startServer(join(work, `checks-${size}.db`));
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const checks: number[] = [];
        const roundTrips: number[] = [];
        try {
          for (let i = 0; i < requests; i++) {
            const body = batchBody(templates, size, i * size);
            checks.push(timeChecks(body));
            const answer = await post(agent, server.url, '/submit-batch', body);
            if (answer.status !== 200) throw new Error(`batch of ${size}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
            roundTrips.push(answer.ms);
          }
        } finally {
          agent.destroy();
          await stopServer(server);
        }
        const c = summarize(checks)!;
        const r = summarize(roundTrips)!;
        const share = c.median / 1000 / r.median;
        rows.push([`${size} docs`, requests, fmt.int(c.median), fmt.int(c.p95), fmt.ms(r.median), fmt.ms(r.p95), `${(share * 100).toFixed(1)} %`]);
        out.headline.push([`Collector, batch route (${size} docs): request checks' share of a request`, `${(share * 100).toFixed(1)} % (${fmt.int(c.median)} µs of ${fmt.ms(r.median)} ms, median)`]);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    out.tables.push({
      title: 'Request checks on the batch route: time per request against the whole request',
      columns: ['Batch', 'requests', 'checks µs (median)', 'checks µs (p95)', 'round trip ms (median)', 'round trip ms (p95)', 'checks / round trip'],
      rows,
      note: `Checks: the writer's Origin and Content-Type, and the byte outline of the decompressed body (entry count, depth up to ${BATCH_DEPTH}), timed here on each body before it is sent; the round trip is one client, keep-alive, to a collector process with a fresh SQLite file (WAL, synchronous=FULL). The goal is at most 10 % of the throughput lost to the checks.`,
    });
    out.data = { requests, sizes };
  },
};

await runIfMain(import.meta.url, collectorChecksSuite);
