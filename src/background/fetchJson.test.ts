import { describe, expect, it, vi } from 'vitest';
import { fetchJsonCapped } from './fetchJson';

const options = { maxBytes: 100, timeoutMs: 5000 };
const fetchOf = (response: Response) => vi.fn(async () => response) as unknown as typeof fetch;

describe('fetchJsonCapped', () => {
  it('parses JSON and sends no cookies or referrer', async () => {
    const fetchFn = fetchOf(new Response('{"a":1}'));
    await expect(fetchJsonCapped(fetchFn, 'https://feed.example/', options)).resolves.toEqual({ a: 1 });
    expect(fetchFn).toHaveBeenCalledWith('https://feed.example/', expect.objectContaining({ credentials: 'omit', referrerPolicy: 'no-referrer' }));
  });

  it('refuses a body over the cap, whether declared or streamed', async () => {
    const declared = new Response('{}', { headers: { 'content-length': '5000' } });
    await expect(fetchJsonCapped(fetchOf(declared), 'https://f/', options)).rejects.toThrow('5000 bytes is over the 100-byte cap');
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(60).fill(32));
      },
    });
    await expect(fetchJsonCapped(fetchOf(new Response(chunks)), 'https://f/', options)).rejects.toThrow('over the 100-byte cap');
  });

  it('refuses errors and non-JSON', async () => {
    await expect(fetchJsonCapped(fetchOf(new Response('x', { status: 503 })), 'https://f/', options)).rejects.toThrow('HTTP 503');
    await expect(fetchJsonCapped(fetchOf(new Response('<html>')), 'https://f/', options)).rejects.toThrow('not JSON');
  });
});
