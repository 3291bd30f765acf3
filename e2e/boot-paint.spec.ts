// The boot paint in real Firefox ESR and Chromium: a new tab paints the top
// sites the last live page left in localStorage before React loads
// (src/newtab/boot), with the page's theme and direction, and React then
// takes over with the same grid. What the boot painted is read from its
// performance mark (the labels it painted, in order), not raced on screen.
// A section switched off on the settings page never shows in the next boot paint.
// A stale snapshot is swapped for the live grid once, and the page marks it.
// The boot styles are inline, so no stylesheet request holds up that paint.
import type { Page } from '@playwright/test';
import { setSwitch, withExtensionApi, type ExtensionBrowser } from './support/extension';
import { test, expect } from './support/fixtures';
import type { SnapshotNode } from '../src/newtab/boot/snapshot';

const MARK = 'topsites_first_painted_ts';
const PREFIX = 'oas.bootSnapshot.';

/** The labels of React's grid, in order. */
const liveLabels = (page: Page) => page.locator('#root .top-sites-grid .top-site-label').allTextContents();

/** This page variant's stored snapshot tree, or null without one. */
const storedTree = (page: Page): Promise<SnapshotNode | null> =>
  page.evaluate((prefix) => {
    const text = localStorage.getItem(prefix + location.pathname + location.search);
    return text ? (JSON.parse(text) as { tree: SnapshotNode }).tree : null;
  }, PREFIX);

/** The elements of `node` that `pick` chooses, in document order (not looking inside a chosen one). */
function elementsIn(node: SnapshotNode, pick: (tag: string, attrs: Record<string, string>) => boolean): Exclude<SnapshotNode, string>[] {
  if (typeof node === 'string') return [];
  return pick(node[0], node[1]) ? [node] : node[2].flatMap((child) => elementsIn(child, pick));
}

/** The labels in this page variant's stored snapshot, or null without one. */
const storedLabels = async (page: Page) => {
  const tree = await storedTree(page);
  if (!tree) return null;
  const labels = elementsIn(tree, (_, attrs) => (attrs.class ?? '').split(' ').includes('top-site-label'));
  return labels.map(([, , children]) => children.filter((c) => typeof c === 'string').join(''));
};

/** The icon sources of React's grid and of the stored snapshot (in order), and the extension's base URL. */
const iconSources = async (page: Page) => {
  const tree = await storedTree(page);
  const stored = tree ? elementsIn(tree, (tag) => tag === 'img').map(([, attrs]) => attrs.src ?? '') : [];
  const live = await page.evaluate(() => ({
    sources: Array.from(document.querySelectorAll<HTMLImageElement>('#root .top-sites-grid img'), (img) => img.src),
    base: new URL('/', location.href).href,
  }));
  return { live: live.sources, stored, base: live.base };
};

/**
 * Whether the snapshot keeps `src` as a PNG copy of its shown size: our packaged
 * SVG icons and SVG data URLs (no SVG document per icon before the first frame).
 */
const isSvgDataUrl = (src: string) => src.startsWith('data:image/svg+xml');
const keptAsPng = (src: string, base: string) => (src.startsWith(base) && src.endsWith('.svg')) || isSvgDataUrl(src);
const PNG_COPY = expect.stringMatching(/^data:image\/png;base64,/);

/** What the boot paint reported: its mark's detail, or null when the boot painted nothing. */
const bootMark = (page: Page) =>
  page.evaluate((name) => {
    const mark = performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
    return (mark?.detail as { from: string; labels: string[]; root: Record<string, string> } | undefined) ?? null;
  }, MARK);

/** The topSitesCache rows' labels the page shows (the first row of 8). */
const cachedLabels = (helper: Page) =>
  withExtensionApi(helper, async (api) => {
    const { topSitesCache } = (await api.storage.local.get('topSitesCache')) as { topSitesCache: { rows: ({ label: string } | null)[] } };
    return topSitesCache.rows.slice(0, 8).flatMap((r) => (r ? [r.label] : []));
  });

let ext: ExtensionBrowser;
test.beforeEach(({ ext: fresh }) => {
  ext = fresh;
});

for (const variant of [
  { name: 'light', theme: 'light', search: '', dir: 'ltr' },
  { name: 'dark', theme: 'dark', search: '', dir: 'ltr' },
  { name: 'RTL (?locale=ar)', theme: 'system', search: '?locale=ar', dir: 'rtl' },
] as const) {
  test(`${variant.name}: the next new tab's first painted tiles are the stored grid, then React shows the same page`, async () => {
    const helper = await ext.openPage('options/options.html');
    await ext.setPrefs(helper, { theme: variant.theme, 'feeds.topsites': true, showSponsoredTopSites: false });
    const url = `newtab/newtab.html${variant.search}`;
    const live = await ext.openPage(url);
    await expect(live.locator('#root .top-sites-grid')).toHaveAttribute('data-painted-from', /cache|live/);
    const labels = await liveLabels(live);
    expect(labels.length).toBeGreaterThan(0);
    // The live page keeps its snapshot once idle; it is the grid it shows.
    await expect.poll(() => storedLabels(live)).toEqual(labels);
    expect(labels).toEqual(await cachedLabels(helper));
    // Our packaged SVG icons are kept as PNG copies; other images as they are.
    const icons = await iconSources(live);
    expect(icons.live.filter((src) => keptAsPng(src, icons.base)).length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await iconSources(live)).stored)
      .toEqual(icons.live.map((src) => (keptAsPng(src, icons.base) ? PNG_COPY : src)));
    await ext.leave(live);

    const next = await ext.openPage(url);
    const boot = await bootMark(next);
    expect(boot).toMatchObject({ from: 'boot', labels, root: { dir: variant.dir } });
    if (variant.theme === 'system') expect(boot?.root['data-theme']).toBeUndefined();
    else expect(boot?.root['data-theme']).toBe(variant.theme);
    // React took over: the boot container is gone and the page is the live one.
    await expect(next.locator('#boot-paint')).toHaveCount(0);
    await expect(next.locator('#root')).toBeVisible();
    await expect(next.locator('.top-sites-grid')).toHaveAttribute('data-painted-from', /cache|live/);
    expect(await liveLabels(next)).toEqual(labels);
    // React's own icons had loaded when it took over, so no tile blinked without one.
    expect(await next.locator('#root .top-sites-grid img').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete))).toBe(true);
    await expect(next.locator('html')).toHaveAttribute('dir', variant.dir);
    // The boot styles are in the page (no stylesheet request before the first
    // paint); their links stay, disabled, and are never fetched.
    const styles = await next.evaluate(() => {
      const disabled = [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet][disabled]')].map((l) => l.href);
      const fetched = performance.getEntriesByType('resource').map((e) => e.name).filter((name) => disabled.includes(name));
      return { inline: document.head.querySelectorAll('style').length, disabled: disabled.length, fetched };
    });
    expect(styles).toMatchObject({ disabled: styles.inline, fetched: [] });
    expect(styles.inline).toBeGreaterThan(0);
    if (variant.theme === 'system') await expect(next.locator('html')).not.toHaveAttribute('data-theme', /./);
    else await expect(next.locator('html')).toHaveAttribute('data-theme', variant.theme);
    await ext.leave(next);
    await ext.leave(helper);
  });
}

test("a sponsored tile's SVG image, which the background keeps as a data URL, is a PNG copy in the snapshot", async () => {
  const helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, { 'feeds.topsites': true, showSponsoredTopSites: true, 'topsites.sponsoredFeedUrl': ext.url('topsites/sponsored-tiles.json') });
  const live = await ext.openPage('newtab/newtab.html');
  await expect.poll(async () => (await iconSources(live)).live.filter(isSvgDataUrl).length).toBeGreaterThan(0);
  const icons = await iconSources(live);
  await expect
    .poll(async () => (await iconSources(live)).stored)
    .toEqual(icons.live.map((src) => (keptAsPng(src, icons.base) ? PNG_COPY : src)));
});

test('a section switched off on the settings page does not show in the next boot paint', async () => {
  const helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, { theme: 'system', 'feeds.topsites': true });
  const live = await ext.openPage('newtab/newtab.html');
  await expect.poll(() => storedLabels(live)).not.toBeNull();
  await ext.leave(live);

  // Switched off by the user, with only the settings page open.
  await setSwitch(helper.getByRole('checkbox', { name: 'Shortcuts', exact: true }), false);
  await expect
    .poll(() => helper.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), PREFIX))
    .toEqual([]);

  const next = await ext.openPage('newtab/newtab.html');
  expect(await bootMark(next)).toBeNull();
  await expect(next.locator('.slot-topsites')).toHaveCount(0);
  await expect(next.locator('#root')).toBeVisible();
  await setSwitch(helper.getByRole('checkbox', { name: 'Shortcuts', exact: true }), true);
  await ext.leave(next);
  await ext.leave(helper);
});

test('a stale boot snapshot is painted, then swapped once for the live grid (the topsites_swapped_ts mark)', async () => {
  const helper = await ext.openPage('options/options.html');
  await ext.setPrefs(helper, { theme: 'system', 'feeds.topsites': true, showSponsoredTopSites: false });
  const live = await ext.openPage('newtab/newtab.html');
  await expect(live.locator('#root .top-sites-grid')).toHaveAttribute('data-painted-from', /cache|live/);
  const labels = await liveLabels(live);
  expect(labels.length).toBeGreaterThan(1);
  await expect.poll(() => storedLabels(live)).toEqual(labels);
  await ext.leave(live);

  // Stale, as if written before a visit changed the order: the snapshot's first tile moved last.
  await helper.evaluate((prefix) => {
    type Node = string | [string, Record<string, string>, Node[]];
    const key = `${prefix}/newtab/newtab.html`;
    const snapshot = JSON.parse(localStorage.getItem(key)!) as { tree: Node };
    const find = (n: Node): Node[] | null =>
      typeof n === 'string' ? null : (n[1].class ?? '').split(' ').includes('top-sites-grid') ? n[2] : n[2].reduce<Node[] | null>((f, c) => f ?? find(c), null);
    const tiles = find(snapshot.tree)!;
    tiles.push(tiles.shift()!);
    localStorage.setItem(key, JSON.stringify(snapshot));
  }, PREFIX);

  const next = await ext.openPage('newtab/newtab.html');
  expect((await bootMark(next))?.labels).toEqual([...labels.slice(1), labels[0]]);
  const swaps = () => next.evaluate(() => performance.getEntriesByName('topsites_swapped_ts').map((m) => (m as PerformanceMark).detail as unknown));
  await expect.poll(swaps).toEqual([{ from: 'boot', to: expect.stringMatching(/^(cache|live)$/) }]);
  expect(await liveLabels(next)).toEqual(labels);
  await ext.leave(next);
  await ext.leave(helper);
});
