// Helpers for the stories end-to-end tests: test feeds served over HTTP on
// 127.0.0.1, opening a new tab once the background has the test feed, and
// reading the stories pings back from the real collector.
import type { Page } from '@playwright/test';
import { expect, LAUNCH_TIMEOUT_MS, test } from './fixtures';
import { withExtensionApi, type BrowserName, type ExtensionBrowser } from './extension';
import { createCollector, DELIVERY_MS, type CollectorForTest, type DocumentView } from './collector';
import { launchForTelemetry, telemetryPrefs, type TelemetryBrowser } from './telemetry';
import { json, startStoriesFeedServer, type StoriesFeedServer } from '../../scripts/storiesFeedServer.mjs';

export { json, startStoriesFeedServer, type StoriesFeedServer };


export interface StoriesHarness {
  /** A browser allowed to send telemetry (Firefox's optional data collection granted). */
  telemetry: TelemetryBrowser;
  ext: ExtensionBrowser;
  collector: CollectorForTest;
  server: StoriesFeedServer;
}

/**
 * One browser, collector and feed server for a spec file. Tests use unique
 * story ids, so pings that arrive late (they are sent in batches) never mix.
 */
export function storiesHarness(): StoriesHarness {
  const h = {} as StoriesHarness;
  test.beforeAll(async ({ browserName }) => {
    test.setTimeout(LAUNCH_TIMEOUT_MS);
    h.server = await startStoriesFeedServer({ port: 0 });
    h.collector = await createCollector();
    h.telemetry = await launchForTelemetry(browserName as BrowserName);
    h.ext = h.telemetry.ext;
  });
  test.afterAll(async () => {
    await h.telemetry?.dispose();
    await h.collector?.stop();
    await h.server?.close();
  });
  return h;
}

/** Sections above the stories are switched off so the grid's geometry is the same in every run. */
export const STORIES_ONLY = { showSearch: false, 'feeds.topsites': false, 'feeds.section.highlights': false } as const;

export interface TestSpoc {
  id: number;
  flightId: string;
  score?: number;
  sponsor?: string;
  caps?: { lifetime: number; period: { count: number; seconds: number } };
}

export interface TestFeedOptions {
  /** Story ids are base+1 … base+count, unique per test so pings never mix. */
  base: number;
  count: number;
  spocs?: TestSpoc[];
  settings?: Record<string, unknown>;
  topics?: string[];
}

/** Story and spoc links point at the feed server, so opening one really navigates. */
export function testFeed(server: StoriesFeedServer, options: TestFeedOptions) {
  const stories = Array.from({ length: options.count }, (_, i) => {
    const id = options.base + i + 1;
    return {
      id,
      url: `${server.origin}/article/${id}`,
      title: `Story ${id}`,
      excerpt: `Excerpt of story ${id}.`,
      publisher: 'Test Publisher',
      image: 'images/waves.svg',
    };
  });
  const spocs = (options.spocs ?? []).map((s) => ({
    id: s.id,
    url: `${server.origin}/ad/${s.id}`,
    title: `Sponsored ${s.id}`,
    excerpt: 'An offer.',
    sponsor: s.sponsor ?? `Sponsor ${s.id}`,
    image: 'images/coins.svg',
    flightId: s.flightId,
    score: s.score ?? 0.9,
    caps: s.caps ?? { lifetime: 100, period: { count: 100, seconds: 3600 } },
    shim: { impression: `imp-${s.id}`, click: `click-${s.id}`, save: `save-${s.id}`, delete: `delete-${s.id}` },
  }));
  const topics = (options.topics ?? []).map((topic) => ({ topic, url: `${server.origin}/topic/${topic}` }));
  return { settings: { spocPositions: [], ...options.settings }, stories, spocs, topics };
}

/**
 * Points the extension at `feedUrl` (and the collector) from the options
 * page, which shows no stories (so it records no impression), waits until
 * the background has loaded that feed, and opens the new tab under test.
 */
export async function openStories(
  ext: ExtensionBrowser,
  prefs: Record<string, unknown> & { 'discoverystream.feedUrl': string },
  expectedSource: 'feed' | 'cache' | 'failed' = 'feed',
): Promise<Page> {
  await loadFeed(ext, prefs, expectedSource);
  const page = await ext.openPage('newtab/newtab.html');
  await expect(page.locator('.stories')).toHaveAttribute('data-feed-source', expectedSource);
  return page;
}

/** openStories on a test feed built from `options`, served by the harness's feed server. */
export async function openStoriesWithFeed(
  h: Pick<StoriesHarness, 'server' | 'collector' | 'ext'>,
  options: TestFeedOptions,
): Promise<{ page: Page; feed: ReturnType<typeof testFeed> }> {
  const feed = testFeed(h.server, options);
  const url = h.server.route(`/feed-${options.base}.json`, json(feed));
  const page = await openStories(h.ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector) });
  return { page, feed };
}

/**
 * The set-up half of openStories: the background has the feed, and no new tab
 * is open.
 */
export async function loadFeed(
  ext: ExtensionBrowser,
  prefs: Record<string, unknown> & { 'discoverystream.feedUrl': string },
  expectedSource: 'feed' | 'cache' | 'failed' = 'feed',
): Promise<void> {
  const setup = await ext.openPage('options/options.html');
  await ext.setPrefs(setup, { ...STORIES_ONLY, 'feeds.section.topstories': true, showSponsored: true, ...prefs });
  // A failed load leaves nothing in storage to wait for: the page shows when it has ended.
  if (expectedSource !== 'failed') {
    await expect
      .poll(() =>
        withExtensionApi(setup, async (api) => {
          const { 'discoverystream.feed': cached } = (await api.storage.local.get('discoverystream.feed')) as {
            'discoverystream.feed'?: { url: string };
          };
          return cached?.url;
        }),
      )
      .toEqual(expectedSource === 'feed' ? prefs['discoverystream.feedUrl'] : expect.any(String));
  }
  await ext.leave(setup);
}

export const card = (page: Page, id: number) => page.locator(`.story-card[data-story-id="${id}"]`);

/** Ids of the cards in the grid, in order. */
export const cardIds = (page: Page) =>
  page.locator('.story-card[data-story-id]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-story-id'))));

/** Ids of the cards at least half inside the viewport, by geometry (the oracle for IntersectionObserver). */
export const halfVisibleIds = (page: Page) =>
  page.locator('.story-card[data-story-id]').evaluateAll((els) =>
    els
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const visible = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
        return visible / r.height >= 0.5;
      })
      .map((e) => Number(e.getAttribute('data-story-id'))),
  );

/** Ids the page marked as reported seen. */
export const seenIds = (page: Page) =>
  page.locator('.story-card[data-seen]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-story-id'))));

// ---- Pings at the collector ----

export type Tile = { id: number; pos?: number; shim?: string };

export const tilesOf = (doc: DocumentView) => doc.payload.tiles as Tile[];

/** impression-stats pings whose tiles include any of `ids`. */
export async function impressionPings(collector: CollectorForTest, ids: readonly number[], predicate: (docs: DocumentView[]) => boolean) {
  const mine = (docs: DocumentView[]) => docs.filter((d) => tilesOf(d).some((t) => ids.includes(t.id)));
  return mine(await collector.waitForDocuments({ docType: 'impression-stats' }, (docs) => predicate(mine(docs)), DELIVERY_MS));
}

export type SpocFill = { id: number; displayed: number; reason: string; full_recalc: number };

/** Waits until every fill in `expected` has arrived in some spoc-fills ping; returns all fills. */
export async function spocFills(collector: CollectorForTest, expected: SpocFill[]): Promise<SpocFill[]> {
  const all = (docs: DocumentView[]) => docs.flatMap((d) => d.payload.spoc_fills as SpocFill[]);
  const key = (f: SpocFill) => JSON.stringify([f.id, f.displayed, f.reason, f.full_recalc]);
  const arrived = (fills: SpocFill[]) => expected.every((e) => fills.some((f) => key(f) === key(e)));
  try {
    return all(await collector.waitForDocuments({ docType: 'spoc-fills' }, (docs) => arrived(all(docs)), DELIVERY_MS));
  } catch (error) {
    const seen = all(await collector.documents({ docType: 'spoc-fills' }));
    throw new Error(`${String(error)}\nfills seen: ${JSON.stringify(seen)}`);
  }
}
