import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../storage';
import { REFRESH_MS, SPONSORED_CACHE_KEY, SponsoredTiles } from './SponsoredTiles';

/** The bundled sample, configured explicitly by its extension URL as `npm start` and the tests do. */
const SAMPLE = 'chrome-extension://id/topsites/sponsored-tiles.json';
const FEED = {
  tiles: [
    { id: 1, name: 'Shop', url: 'https://shop.example/', click_url: 'https://r.example/c', impression_url: 'https://r.example/i', image_url: 'shop.svg', image_size: 192 },
    { id: 2, name: 'Tiny', url: 'https://tiny.example/', click_url: 'https://r.example/c2', impression_url: 'https://r.example/i2', image_url: 'tiny.png', image_size: 16 },
  ],
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

function setup(fetchImpl: (url: string) => Promise<Response>) {
  let now = 1_000_000;
  const storage = memoryStorage();
  const fetchFn = vi.fn((input: RequestInfo | URL) => fetchImpl(String(input)));
  const fetchImage = vi.fn(async (url: string) => `data:image/svg+xml;base64,${btoa(url)}`);
  const source = new SponsoredTiles({ storage, fetch: fetchFn as unknown as typeof fetch, fetchImage, now: () => now });
  return { source, storage, fetchFn, fetchImage, advance: (ms: number) => (now += ms) };
}

describe('SponsoredTiles', () => {
  it('has no tiles and fetches nothing when no feed is set', async () => {
    const { source, storage, fetchFn, fetchImage } = setup(async () => json(FEED));
    expect(await source.tiles('')).toEqual([]);
    expect(fetchFn).not.toHaveBeenCalled();
    expect(fetchImage).not.toHaveBeenCalled();
    expect(storage.data[SPONSORED_CACHE_KEY]).toBeUndefined();
  });

  it('never shows the bundled sample an earlier version cached for an empty pref', async () => {
    const { source, storage, fetchFn } = setup(async () => json({ tiles: [] }));
    await storage.set(SPONSORED_CACHE_KEY, { url: '', fetchedAt: 1_000_000, tiles: [{ url: 'https://shop.example/' }] });
    expect(await source.tiles('')).toEqual([]);
    expect(await source.tiles('https://tiles.example/feed')).toEqual([]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('loads the configured feed (here the bundled sample by its extension URL), fetching only large icons, and keeps it in storage', async () => {
    const { source, storage, fetchFn, fetchImage } = setup(async () => json(FEED));
    const tiles = await source.tiles(SAMPLE);
    expect(fetchFn).toHaveBeenCalledWith(SAMPLE, expect.objectContaining({ credentials: 'omit', referrerPolicy: 'no-referrer' }));
    expect(fetchImage).toHaveBeenCalledTimes(1);
    expect(fetchImage).toHaveBeenCalledWith('chrome-extension://id/topsites/shop.svg');
    expect(tiles.map((t) => [t.advertiser, Boolean(t.image)])).toEqual([
      ['shop', true],
      ['tiny', false],
    ]);
    expect(storage.data[SPONSORED_CACHE_KEY]).toMatchObject({ url: SAMPLE, tiles });
  });

  it('reuses a fresh load, reloads after REFRESH_MS or for another feed, and keeps the last good tiles when a load fails', async () => {
    let fail = false;
    const { source, fetchFn, advance } = setup(async (url) => (fail ? new Response('', { status: 503 }) : json(url === SAMPLE ? FEED : { tiles: [] })));
    await source.tiles(SAMPLE);
    await source.tiles(SAMPLE);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    advance(REFRESH_MS + 1);
    fail = true;
    expect(await source.tiles(SAMPLE)).toHaveLength(2);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    // A failing server is not asked again on every new tab.
    await source.tiles(SAMPLE);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    fail = false;
    expect(await source.tiles('https://tiles.example/feed')).toEqual([]);
  });

  it('starts from the stored tiles after a background restart', async () => {
    const first = setup(async () => json(FEED));
    await first.source.tiles(SAMPLE);
    const fetchFn = vi.fn();
    const again = new SponsoredTiles({
      storage: first.storage,
      fetch: fetchFn as unknown as typeof fetch,
      fetchImage: vi.fn(),
      now: () => 1_000_000 + 60_000,
    });
    expect(await again.tiles(SAMPLE)).toHaveLength(2);
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
