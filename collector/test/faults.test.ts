import { afterEach, describe, expect, it } from 'vitest';
import type { CountsView } from '../src/index';
import { FaultInjector, parseFaults, seededRandom } from '../src/faults';
import { isLoopback } from '../src/http';
import { cleanupCollectors, getJson, rawRequest, startTestCollector, submit, submitBatch } from './support/harness';
import { eventPayload, submitUri } from './support/sampleSchemas';

afterEach(cleanupCollectors);

/** The fault route needs the collector's token; tests pass it as the harness does. */
let token = '';
const bearer = () => ({ Authorization: `Bearer ${token}` });

const putFaults = (url: string, faults: unknown) =>
  rawRequest(url, { method: 'PUT', path: '/__faults__', headers: { ...bearer(), 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });

const getFaults = (url: string) => rawRequest(url, { method: 'GET', path: '/__faults__', headers: bearer() });

/** A collector started with the fault route on, its token remembered for putFaults. */
async function faultCollector(options: Parameters<typeof startTestCollector>[0] = {}) {
  const harness = await startTestCollector({ ...options, faultRoute: true });
  token = harness.collector.token ?? '';
  expect(token.length).toBeGreaterThan(20);
  return harness;
}

/** Status of a submission, or 'dropped' when the socket closed without an answer. */
async function statusOf(url: string): Promise<number | 'dropped'> {
  try {
    return (await submit(url, submitUri('activity-stream', 'events'), eventPayload())).status;
  } catch {
    return 'dropped';
  }
}

describe('fault settings', () => {
  it('validates shares, latency and unknown fields', () => {
    expect(parseFaults({ error5xx: 0.5, error413: 0, latencyMs: 0, drop: 0 })).toMatchObject({ ok: true });
    expect(parseFaults({ error5xx: 1.5 })).toMatchObject({ ok: false });
    expect(parseFaults({ error5xx: 0.6, drop: 0.6 })).toMatchObject({ ok: false });
    expect(parseFaults({ latencyMs: -1 })).toMatchObject({ ok: false });
    expect(parseFaults({ oops: 1 })).toMatchObject({ ok: false, errors: ['unknown field oops'] });
    expect(parseFaults([])).toMatchObject({ ok: false });
  });

  it('is deterministic for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const injector = new FaultInjector({ ...parseFaultsOrThrow({ error5xx: 0.3, error413: 0.2, drop: 0.1, seed: 7 }) });
    const decisions = Array.from({ length: 1000 }, () => injector.decideRequest());
    const share = (d: string) => decisions.filter((x) => x === d).length / decisions.length;
    expect(share('error5xx')).toBeCloseTo(0.3, 1);
    expect(share('error413')).toBeCloseTo(0.2, 1);
    expect(share('drop')).toBeCloseTo(0.1, 1);
  });

  it('only loopback addresses count as loopback', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.2'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.1.2', undefined].some(isLoopback)).toBe(false);
  });
});

function parseFaultsOrThrow(input: unknown) {
  const parsed = parseFaults(input);
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return parsed.faults;
}

describe('fault injection over HTTP', () => {
  it('answers the configured share with 503, the same way for the same seed, and stores nothing for them', async () => {
    const { url } = await faultCollector({ faults: { error5xx: 0.5, seed: 3 } });
    const run = async () => {
      const statuses: Array<number | 'dropped'> = [];
      for (let i = 0; i < 40; i++) statuses.push(await statusOf(url));
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(10);
    expect(first.filter((s) => s === 503).length).toBeLessThan(30);
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(first.filter((s) => s === 200).length);

    // Setting the same faults again restarts the sequence.
    expect((await putFaults(url, { error5xx: 0.5, seed: 3 })).status).toBe(200);
    expect(await run()).toEqual(first);
  });

  it('injects 413, latency and dropped connections, set at runtime through PUT /__faults__', async () => {
    const { url } = await faultCollector();
    expect((await putFaults(url, { error413: 1 })).json()).toMatchObject({ error413: 1, error5xx: 0 });
    expect(await statusOf(url)).toBe(413);

    await putFaults(url, { drop: 1 });
    expect(await statusOf(url)).toBe('dropped');
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(0);

    // dropAfterStore: the document is kept but the answer is lost; the retry is a duplicate.
    await putFaults(url, { drop: 1, dropAfterStore: true });
    const uri = submitUri('activity-stream', 'events');
    const payload = eventPayload();
    await expect(submit(url, uri, payload)).rejects.toThrow();
    await putFaults(url, {});
    expect((await submit(url, uri, payload)).json()).toEqual({ status: 200, duplicate: true });

    await putFaults(url, { latencyMs: 200 });
    const started = Date.now();
    expect(await statusOf(url)).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    // Faults never touch the read API or health endpoints.
    await putFaults(url, { error5xx: 1 });
    expect((await rawRequest(url, { method: 'GET', path: '/__heartbeat__' })).status).toBe(200);
    expect((await rawRequest(url, { method: 'GET', path: '/api/counts' })).status).toBe(200);
    expect((await getFaults(url)).json()).toMatchObject({ error5xx: 1 });
  });

  it('fails single documents of a batch with documentError5xx so clients retry only those', async () => {
    const { url } = await faultCollector({ faults: { documentError5xx: 0.5, seed: 11 } });
    const docs = Array.from({ length: 30 }, () => ({ uri: submitUri('activity-stream', 'events'), payload: eventPayload() }));
    const { results } = await submitBatch(url, docs);
    const failed = results.flatMap((r, i) => (r.status === 503 ? [docs[i]!] : []));
    expect(failed.length).toBeGreaterThan(5);
    expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);

    await putFaults(url, {});
    const retry = await submitBatch(url, failed);
    expect(retry.results.every((r) => r.status === 200 && r.duplicate === false)).toBe(true);
    expect((await getJson<CountsView>(url, '/api/counts')).total).toBe(30);
  });

  it('rejects bad fault settings with 400 and keeps the old ones', async () => {
    const { url } = await faultCollector({ faults: { latencyMs: 5 } });
    expect((await putFaults(url, { error5xx: 2 })).status).toBe(400);
    expect((await rawRequest(url, { method: 'PUT', path: '/__faults__', headers: bearer(), body: 'nope' })).status).toBe(400);
    expect((await getFaults(url)).json()).toMatchObject({ latencyMs: 5 });
    expect((await rawRequest(url, { method: 'POST', path: '/__faults__', headers: bearer(), body: '{}' })).status).toBe(405);
  });

  it('has no fault route unless started with it, and then only with the token and a local Host', async () => {
    const plain = await startTestCollector({ faults: { error5xx: 1 } });
    expect((await rawRequest(plain.url, { method: 'GET', path: '/__faults__' })).status).toBe(404);
    expect(plain.collector.token).toBeNull();
    // Reads on loopback need no token when none was configured.
    expect((await rawRequest(plain.url, { method: 'GET', path: '/api/counts' })).status).toBe(200);

    const { url } = await faultCollector();
    const anonymous = await rawRequest(url, { method: 'PUT', path: '/__faults__', body: JSON.stringify({ drop: 1 }) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const wrong = await rawRequest(url, { method: 'PUT', path: '/__faults__', headers: { Authorization: `Bearer ${'x'.repeat(32)}` }, body: '{"drop":1}' });
    expect(wrong.status).toBe(401);
    const rebound = await rawRequest(url, { method: 'PUT', path: '/__faults__', headers: { ...bearer(), Host: 'attacker.example' }, body: '{"drop":1}' });
    expect(rebound.status).toBe(403);
    expect((await getFaults(url)).json()).toMatchObject({ drop: 0 });
    expect(await statusOf(url)).toBe(200);
  });
});
