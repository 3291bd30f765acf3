import { describe, expect, it, vi } from 'vitest';
import { imageFetcher } from './fetchImage';

describe('imageFetcher', () => {
  const log = { warn: vi.fn() };
  it('turns an image into a data: URL', async () => {
    const fetchImage = imageFetcher(async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png; charset=binary' } }), log);
    expect(await fetchImage('https://img.example/a.png')).toBe('data:image/png;base64,AQID');
  });

  it('refuses what is not an image, too big, or unreachable', async () => {
    const html = imageFetcher(async () => new Response('<script>', { headers: { 'content-type': 'text/html' } }), log);
    expect(await html('https://img.example/a')).toBeNull();
    const huge = imageFetcher(async () => new Response(new Uint8Array(300 * 1024), { headers: { 'content-type': 'image/png' } }), log);
    expect(await huge('https://img.example/big.png')).toBeNull();
    const down = imageFetcher(async () => {
      throw new TypeError('network');
    }, log);
    expect(await down('https://img.example/a.png')).toBeNull();
  });
});
