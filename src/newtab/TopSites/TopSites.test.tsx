// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import type { TopSite, TopSiteSlot } from '../../common/topSites/types';
import { initStore } from '../lib/initStore';
import { renderForTest, type RenderOptions } from '../../test-support/renderForTest';
import type { CachedTopSites } from '../lib/topSitesCache';
import { TopSites, type TopSitesProps } from './TopSites';
import type { PaintClock } from './useTopSitesPerf';
import { BootPaint, gridTiles } from '../boot/bootPaint';
import { FakeIntersectionObserver as FakeObserver } from '../../test-support/FakeIntersectionObserver';

afterEach(cleanup);

const TIPPY = { image: '/tippytop/wikipedia.svg', backgroundColor: '#636466' };
const WIKIPEDIA: TopSite = { url: 'https://www.wikipedia.org/', label: 'wikipedia', hostname: 'www.wikipedia.org', isDefault: true, tippyTop: TIPPY };
const NEWS: TopSite = { url: 'https://news.example/', label: 'news', hostname: 'news.example', bookmarkGuid: 'bm-1' };
const PINNED: TopSite = { url: 'https://pinned.example/', label: 'Mine', hostname: 'pinned.example', isPinned: true, customScreenshot: 'data:image/png;base64,AA' };
const GOOGLE: TopSite = { url: 'https://www.google.com/', label: 'Google', hostname: 'www.google.com', isPinned: true, searchVendor: 'google', tippyTop: TIPPY };
const SHOP: TopSite = {
  url: 'https://shop.example/',
  label: 'Shop',
  hostname: 'shop.example',
  richIcon: 'data:image/png;base64,BB',
  sponsored: { tileId: 7, advertiser: 'shop', impressionUrl: 'https://r.example/i', clickUrl: 'https://r.example/c' },
};

const observing = (el: Element) => FakeObserver.all.filter((o) => o.observed.has(el)).at(-1);

/** A clock whose frames and tasks run when the test says the browser painted. */
function fakeClock() {
  const pending: (() => void)[] = [];
  const marks: { name: string; at: number; detail?: unknown }[] = [];
  const clock: PaintClock & { t: number } = {
    t: 100,
    timeOrigin: 1_700_000_000_000,
    now: () => clock.t,
    requestAnimationFrame: (cb) => void pending.push(cb),
    setTimeout: (cb) => void pending.push(cb),
    mark: (name, at, detail) => void marks.push({ name, at, detail }),
  };
  /** Runs the frame callbacks, then the tasks they queued. */
  const paint = () => {
    for (let round = 0; round < 2; round++) {
      act(() => {
        for (const cb of pending.splice(0)) cb();
      });
    }
  };
  return { clock, paint, marks };
}

// jsdom cannot navigate; the tiles' own click handlers still run.
const stopNavigation = (e: MouseEvent) => e.preventDefault();
beforeEach(() => document.addEventListener('click', stopNavigation));
afterEach(() => document.removeEventListener('click', stopNavigation));

function setup(props: Partial<TopSitesProps> = {}, options: RenderOptions = {}, wide = true) {
  FakeObserver.all = [];
  const doc = { visibilityState: 'visible' as DocumentVisibilityState, addEventListener: vi.fn(), removeEventListener: vi.fn() };
  const { clock, paint, marks } = fakeClock();
  const page = renderForTest(
    <TopSites
      matchMedia={() => ({ matches: wide, addEventListener: () => {}, removeEventListener: () => {} })}
      IntersectionObserver={FakeObserver.asGlobal}
      document={doc}
      clock={clock}
      {...props}
    />,
    { prefs: { showSponsoredTopSites: true, 'topsites.sponsoredFeedUrl': 'https://tiles.example/feed', ...options.prefs }, ...(options.locale ? { locale: options.locale } : {}) },
  );
  const update = (rows: TopSiteSlot[], canOpenPrivateWindow = false) =>
    act(() => void page.store.dispatch(BroadcastToContent(action('TOP_SITES_UPDATED', { rows, canOpenPrivateWindow }))));
  const slots = () => [...page.container.querySelectorAll('.top-sites-grid > li')];
  const tile = (label: string) => screen.getByText(label, { selector: '.top-site-label' }).closest('li')!;
  const openMenu = (label: string) => {
    fireEvent.click(within(tile(label)).getByRole('button', { name: 'More options' }));
    return screen.getByRole('menu');
  };
  const choose = (label: string, item: string) => fireEvent.click(within(openMenu(label)).getByRole('menuitem', { name: item }));
  const perf = () => page.sentOfType('SAVE_SESSION_PERF_DATA').map((a) => a.data);
  return { page, doc, clock, paint, marks, update, slots, tile, openMenu, choose, perf };
}

describe('TopSites', () => {
  it('shows topSitesRows × 8 slots, tiles first and placeholders after; a click sends CLICK with position and value', () => {
    const t = setup({}, { prefs: { topSitesRows: 2 } });
    t.update([WIKIPEDIA, null, NEWS]);
    expect(t.slots()).toHaveLength(16);
    expect(t.slots().map((s) => s.className)).toEqual([
      'top-site',
      'top-site-placeholder',
      'top-site',
      ...Array.from({ length: 9 }, () => 'top-site-placeholder'),
      ...Array.from({ length: 4 }, () => 'top-site-placeholder hide-for-narrow'),
    ]);
    const link = within(t.tile('wikipedia')).getByRole('link');
    expect(link.getAttribute('href')).toBe(WIKIPEDIA.url);
    expect(t.tile('wikipedia').querySelector('img')?.getAttribute('src')).toBe('/tippytop/wikipedia.svg');
    expect(t.tile('news').dataset).toMatchObject({ cardType: 'organic', iconType: 'no_image', index: '2' });
    fireEvent.click(within(t.tile('news')).getByRole('link'));
    expect(t.page.userEvents()).toEqual([{ event: 'CLICK', source: 'TOP_SITES', action_position: 2, value: { icon_type: 'no_image' } }]);
    expect(JSON.stringify(t.page.userEvents())).not.toContain('news');
  });

  it('draws favicons (a small one at its own size), and a tile whose image fails paints and reports the letter', () => {
    const t = setup();
    const BIG = { ...NEWS, url: 'https://big.example/', label: 'big', favicon: 'data:image/png;base64,QkJC', faviconSize: 128 };
    const SMALL = { ...NEWS, url: 'https://small.example/', label: 'small', favicon: 'data:image/png;base64,U1NT', faviconSize: 16 };
    t.update([BIG, SMALL]);
    expect(t.tile('big').dataset.iconType).toBe('rich_icon');
    expect(t.tile('big').querySelector('img')?.getAttribute('src')).toBe(BIG.favicon);
    expect(t.tile('small').dataset.iconType).toBe('no_image');
    expect(t.tile('small').querySelector('.top-site-icon-small img')?.getAttribute('src')).toBe(SMALL.favicon);
    expect(t.perf()).toContainEqual(expect.objectContaining({ topsites_icon_stats: expect.objectContaining({ rich_icon: 1, no_image: 1 }) }));
    fireEvent.error(t.tile('big').querySelector('img')!);
    expect(t.tile('big').querySelector('img')).toBeNull();
    expect(t.tile('big').querySelector('.top-site-letter')?.textContent).toBe('B');
    expect(t.perf().at(-1)).toMatchObject({ topsites_icon_stats: { rich_icon: 0, no_image: 2 } });
    fireEvent.click(within(t.tile('big')).getByRole('link'));
    expect(t.page.userEvents().at(-1)).toMatchObject({ event: 'CLICK', value: { icon_type: 'no_image' } });
  });

  it('measures data late by, the first painted frame and the visible tiles’ stats', () => {
    const t = setup({}, {}, false);
    expect(t.perf()).toEqual([]);
    t.clock.t = 142.6;
    t.update([PINNED, GOOGLE, WIKIPEDIA, NEWS, NEWS, NEWS, WIKIPEDIA, WIKIPEDIA]);
    expect(t.perf()).toContainEqual({ topsites_data_late_by_ms: 43 });
    // Narrow: the 6 visible tiles are counted, not the 2 hidden ones.
    expect(t.perf()).toContainEqual({
      topsites_icon_stats: { screenshot_with_icon: 0, screenshot: 0, custom_screenshot: 1, tippytop: 2, rich_icon: 0, no_image: 3 },
      topsites_pinned: 2,
      topsites_search_shortcuts: 1,
    });
    expect(t.perf().some((p) => 'topsites_first_painted_ts' in p)).toBe(false);
    t.clock.t = 160.4;
    t.paint();
    expect(t.perf()).toContainEqual({ topsites_first_painted_ts: 1_700_000_000_160 });
    expect(t.marks).toEqual([{ name: 'topsites_first_painted_ts', at: 160.4 }]);
    t.update([PINNED, GOOGLE, WIKIPEDIA, NEWS, NEWS, NEWS, WIKIPEDIA]);
    t.paint();
    expect(t.perf().filter((p) => 'topsites_first_painted_ts' in p)).toHaveLength(1);
    expect(t.perf().filter((p) => 'topsites_data_late_by_ms' in p)).toHaveLength(1);
  });

  it('after a boot paint: reports the boot’s paint time, no data late by, and hands over once its own tiles and icons can show', async () => {
    // jsdom loads no images and has no decode(): the icons decode when the test says so.
    let decoded!: () => void;
    const decoding = new Promise<void>((resolve) => (decoded = resolve));
    Object.defineProperty(HTMLImageElement.prototype, 'decode', { configurable: true, value: () => decoding });
    onTestFinished(() => void delete (HTMLImageElement.prototype as { decode?: unknown }).decode);
    const boot = new BootPaint();
    boot.handedOver = false;
    boot.painted = Promise.resolve(1_700_000_000_050);
    const handOver = vi.spyOn(boot, 'handOver');
    const t = setup({ boot }, {}, false);
    await act(async () => {});
    expect(t.perf()).toEqual([{ topsites_first_painted_ts: 1_700_000_000_050 }]);
    expect(handOver).not.toHaveBeenCalled();
    t.clock.t = 142.6;
    t.update([PINNED, GOOGLE, WIKIPEDIA]);
    expect(document.querySelectorAll('img').length).toBeGreaterThan(0);
    expect(handOver).not.toHaveBeenCalled();
    await act(async () => decoded());
    expect(handOver).toHaveBeenCalledTimes(1);
    t.paint();
    expect(t.perf().filter((p) => 'topsites_first_painted_ts' in p)).toEqual([{ topsites_first_painted_ts: 1_700_000_000_050 }]);
    expect(t.perf().some((p) => 'topsites_data_late_by_ms' in p)).toBe(false);
    // The boot set the mark; React sets none of its own.
    expect(t.marks).toEqual([]);
    expect(t.perf()).toContainEqual(expect.objectContaining({ topsites_pinned: 2, topsites_search_shortcuts: 1 }));
  });

  it('paints from the cache before the background answers, then swaps to live data', async () => {
    const cache: CachedTopSites = { rows: [NEWS], canOpenPrivateWindow: false, prefs: PREF_DEFAULTS };
    const t = setup({ cache: Promise.resolve(cache) });
    expect(t.page.container.querySelector('.top-sites-grid')?.getAttribute('aria-busy')).toBe('true');
    await act(async () => {});
    expect(t.tile('news')).toBeTruthy();
    expect(t.page.container.querySelector('.top-sites-grid')?.getAttribute('data-painted-from')).toBe('cache');
    t.update([WIKIPEDIA]);
    expect(screen.queryByText('news')).toBeNull();
    expect(t.tile('wikipedia')).toBeTruthy();
    expect(t.page.container.querySelector('.top-sites-grid')?.getAttribute('data-painted-from')).toBe('cache');
  });

  describe('marks a swap (topsites_swapped_ts) when a newer source shows other tiles', () => {
    const swaps = <M extends { name: string }>(marks: M[]) => marks.filter((m) => m.name === 'topsites_swapped_ts');
    const grid = (t: ReturnType<typeof setup>) => t.page.container.querySelector('.top-sites-grid')!;

    it('the cached grid replaced by a different live one: one mark, a frame and a task after; later updates are not swaps', async () => {
      const t = setup({ cache: Promise.resolve({ rows: [NEWS, WIKIPEDIA], canOpenPrivateWindow: false, prefs: PREF_DEFAULTS }) });
      await act(async () => {});
      t.paint();
      t.clock.t = 180;
      t.update([WIKIPEDIA]);
      expect(swaps(t.marks)).toEqual([]);
      t.paint();
      expect(swaps(t.marks)).toEqual([{ name: 'topsites_swapped_ts', at: 180, detail: { from: 'cache', to: 'live' } }]);
      t.update([NEWS]);
      t.paint();
      expect(swaps(t.marks)).toHaveLength(1);
    });

    it('no mark when the live grid shows the cached tiles, replaces them before a frame showed them, or painted first', async () => {
      const cache = { rows: [NEWS, WIKIPEDIA], canOpenPrivateWindow: false, prefs: PREF_DEFAULTS };
      const t = setup({ cache: Promise.resolve(cache) });
      await act(async () => {});
      t.paint();
      t.update([NEWS, WIKIPEDIA]);
      t.paint();
      expect(swaps(t.marks)).toEqual([]);
      cleanup();
      const unseen = setup({ cache: Promise.resolve(cache) });
      await act(async () => {});
      unseen.update([WIKIPEDIA]);
      unseen.paint();
      expect(swaps(unseen.marks)).toEqual([]);
      cleanup();
      const fresh = setup();
      fresh.update([NEWS]);
      fresh.update([WIKIPEDIA]);
      fresh.paint();
      expect(swaps(fresh.marks)).toEqual([]);
    });

    it('the boot paint’s tiles replaced by other ones from React, and not by the same ones', () => {
      const first = setup();
      first.update([NEWS, WIKIPEDIA]);
      const bootTiles = gridTiles(grid(first));
      cleanup();
      for (const [rows, expected] of [
        [[NEWS, WIKIPEDIA], []],
        [[WIKIPEDIA], [{ from: 'boot', to: 'live' }]],
      ] as const) {
        const boot = new BootPaint();
        boot.paintedTiles = bootTiles;
        const t = setup({ boot });
        t.update([...rows]);
        t.paint();
        expect(swaps(t.marks).map((m) => m.detail)).toEqual(expected);
        cleanup();
      }
    });
  });

  it('before the background answers, sizes the cached grid and hides sponsored tiles by the stored prefs', async () => {
    const store = initStore({ send: () => {} });
    const cache: CachedTopSites = { rows: [SHOP, NEWS], canOpenPrivateWindow: false, prefs: { ...PREF_DEFAULTS, topSitesRows: 2, showSponsoredTopSites: false } };
    const { container } = render(
      <Provider store={store}>
        <TopSites cache={Promise.resolve(cache)} matchMedia={() => ({ matches: true, addEventListener: () => {}, removeEventListener: () => {} })} />
      </Provider>,
    );
    await act(async () => {});
    expect(container.querySelectorAll('.top-sites-grid > li')).toHaveLength(16);
    expect(screen.getByText('news')).toBeTruthy();
    expect(screen.queryByText('Shop')).toBeNull();
  });

  it('shows no sponsored tile, cached by an earlier version or live, while no sponsored feed is configured', async () => {
    const cache: CachedTopSites = { rows: [SHOP, NEWS], canOpenPrivateWindow: false, prefs: PREF_DEFAULTS };
    const t = setup({ cache: Promise.resolve(cache) }, { prefs: { 'topsites.sponsoredFeedUrl': '' } });
    await act(async () => {});
    expect(t.tile('news')).toBeTruthy();
    expect(screen.queryByText('Shop')).toBeNull();
    t.update([SHOP, NEWS]);
    expect(screen.queryByText('Shop')).toBeNull();
    expect(t.page.container.querySelectorAll('li[data-card-type="spoc"]')).toHaveLength(0);
  });

  it('offers the right menu for each tile and sends what each item does, with the seed’s fields', () => {
    const t = setup();
    t.update([NEWS, WIKIPEDIA, PINNED], true);
    const items = (label: string) => {
      const names = within(t.openMenu(label)).getAllByRole('menuitem').map((i) => i.textContent);
      fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
      return names;
    };
    expect(items('news')).toEqual(['Pin', 'Edit', 'Open in a new window', 'Open in a new private window', 'Remove bookmark', 'Dismiss', 'Delete from history']);
    expect(items('wikipedia')).toEqual(['Pin', 'Edit', 'Open in a new window', 'Open in a new private window', 'Bookmark', 'Dismiss']);
    expect(items('Mine')[0]).toBe('Unpin');

    t.choose('wikipedia', 'Pin');
    expect(t.page.sentOfType('TOP_SITES_PIN').map((a) => a.data)).toEqual([{ site: { url: WIKIPEDIA.url, label: 'wikipedia' }, index: 1 }]);
    t.choose('Mine', 'Unpin');
    expect(t.page.sentOfType('TOP_SITES_UNPIN').map((a) => a.data)).toEqual([{ url: PINNED.url }]);
    t.choose('news', 'Open in a new private window');
    t.choose('news', 'Remove bookmark');
    t.choose('wikipedia', 'Bookmark');
    t.choose('Mine', 'Dismiss');
    expect(t.page.sentOfType('OPEN_PRIVATE_WINDOW').map((a) => a.data)).toEqual([{ url: NEWS.url }]);
    expect(t.page.sentOfType('DELETE_BOOKMARK_BY_ID').map((a) => a.data)).toEqual([{ bookmarkGuid: 'bm-1' }]);
    expect(t.page.sentOfType('BOOKMARK_URL').map((a) => a.data)).toEqual([{ url: WIKIPEDIA.url, title: 'wikipedia' }]);
    expect(t.page.sentOfType('BLOCK_URL').map((a) => a.data)).toEqual([{ url: PINNED.url }]);

    t.choose('news', 'Delete from history');
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(t.page.sentOfType('DELETE_HISTORY_URL')).toEqual([]);
    t.choose('news', 'Delete from history');
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(t.page.sentOfType('DELETE_HISTORY_URL').map((a) => a.data)).toEqual([{ url: NEWS.url }]);

    expect(t.page.userEvents()).toEqual([
      { event: 'OPEN_PRIVATE_WINDOW', source: 'TOP_SITES', action_position: 0, value: { icon_type: 'no_image' } },
      { event: 'BOOKMARK_DELETE', source: 'TOP_SITES', action_position: 0, value: { icon_type: 'no_image' } },
      { event: 'BOOKMARK_ADD', source: 'TOP_SITES', action_position: 1, value: { icon_type: 'tippytop' } },
      { event: 'BLOCK', source: 'TOP_SITES', action_position: 2, value: { card_type: 'pinned', icon_type: 'custom_screenshot' } },
      { event: 'DELETE', source: 'TOP_SITES', action_position: 0, value: { icon_type: 'no_image' } },
    ]);
  });

  it('hides the private-window item when the extension may not run there', () => {
    const t = setup();
    t.update([NEWS], false);
    expect(within(t.openMenu('news')).queryByRole('menuitem', { name: 'Open in a new private window' })).toBeNull();
  });

  it('labels sponsored tiles, reports one impression once half is seen on a visible page, and a click', () => {
    const t = setup();
    t.update([SHOP, WIKIPEDIA]);
    const shop = t.tile('Shop');
    expect(within(shop).getByText('Sponsored')).toBeTruthy();
    const impressions = () => t.page.sentOfType('TOP_SITES_SPONSORED_IMPRESSION_STATS').map((a) => a.data);
    observing(shop)!.fire([[shop, 0.4]]);
    expect(impressions()).toEqual([]);
    t.doc.visibilityState = 'hidden';
    observing(shop)!.fire([[shop, 1]]);
    expect(impressions()).toEqual([]);
    t.doc.visibilityState = 'visible';
    observing(shop)!.fire([[shop, 0.5]]);
    expect(impressions()).toEqual([
      { type: 'impression', tile_id: 7, position: 1, advertiser: 'shop', reporting_url: 'https://r.example/i', source: 'newtab' },
    ]);
    expect(observing(shop)).toBeUndefined();
    t.update([SHOP, NEWS]);
    expect(impressions()).toHaveLength(1);

    fireEvent.click(within(shop).getByRole('link'));
    expect(t.page.sentOfType('TOP_SITES_SPONSORED_IMPRESSION_STATS').at(-1)?.data).toEqual({
      type: 'click',
      tile_id: 7,
      position: 1,
      advertiser: 'shop',
      reporting_url: 'https://r.example/c',
      source: 'newtab',
    });
    expect(t.page.userEvents()).toEqual([{ event: 'CLICK', source: 'TOP_SITES', action_position: 0, value: { card_type: 'spoc', icon_type: 'rich_icon' } }]);
  });

  it('a sponsored tile’s menu explains the sponsor and dismissing it blocks the sponsor', () => {
    const t = setup();
    t.update([WIKIPEDIA, SHOP]);
    expect(within(t.openMenu('Shop')).getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Open in a new window',
      'Dismiss',
      'Our sponsors and your privacy',
    ]);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Our sponsors and your privacy' }));
    const dialog = screen.getByRole('dialog', { name: 'Sponsored shortcuts' });
    expect(dialog.textContent).toContain('Shop paid to appear among your shortcuts');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    t.choose('Shop', 'Dismiss');
    expect(t.page.sentOfType('TOP_SITES_BLOCK_SPONSOR').map((a) => a.data)).toEqual([{ advertiser: 'shop' }]);
    expect(t.page.sentOfType('BLOCK_URL')).toEqual([]);
    expect(t.page.userEvents()).toEqual([
      { event: 'SHOW_PRIVACY_INFO', source: 'TOP_SITES', action_position: 1 },
      { event: 'BLOCK', source: 'TOP_SITES', action_position: 1, value: { card_type: 'spoc', icon_type: 'rich_icon' } },
    ]);
  });

  it('never shows sponsored tiles with the pref off', () => {
    const t = setup({}, { prefs: { showSponsoredTopSites: false } });
    t.update([SHOP, WIKIPEDIA]);
    expect(screen.queryByText('Shop')).toBeNull();
    expect(screen.queryByText('Sponsored')).toBeNull();
  });

  it('a search shortcut opens a search box for its engine; Enter searches, Escape goes back to the tile', () => {
    const t = setup();
    t.update([GOOGLE]);
    const button = within(t.tile('Google')).getByRole('button', { name: /Google/ });
    fireEvent.click(button);
    expect(t.page.userEvents()).toEqual([
      { event: 'CLICK', source: 'TOP_SITES', action_position: 0, value: { card_type: 'search', icon_type: 'tippytop', search_vendor: 'google' } },
    ]);
    const box = screen.getByRole('searchbox', { name: 'Search with Google' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: ' owls ' } });
    fireEvent.submit(box.closest('form')!);
    expect(t.page.sentOfType('SEARCH_WITH_SHORTCUT').map((a) => a.data)).toEqual([{ vendor: 'google', text: 'owls' }]);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(within(t.openMenu('Google')).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Unpin', 'Dismiss']);
  });

  it('speaks Arabic in an Arabic page', () => {
    const t = setup({}, { locale: 'ar' });
    t.update([SHOP]);
    expect(within(t.tile('Shop')).getByText('مموّل')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'أضِف اختصارًا' })).toBeTruthy();
  });
});
