// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastToContent, action, type Action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import type { StoriesUpdate } from '../../common/stories/reducer';
import { DEFAULT_SETTINGS } from '../../common/stories/sanitizeFeed';
import type { Spoc, Story } from '../../common/stories/types';
import { initStore } from '../lib/initStore';
import { Stories } from './Stories';

afterEach(cleanup);
// jsdom cannot follow links; the page's handlers still see every click.
document.addEventListener('click', (e) => e.preventDefault());

const story = (id: number, title = `Story ${id}`): Story => ({
  id,
  url: `https://news.example/${id}`,
  title,
  excerpt: `Excerpt ${id}`,
  publisher: 'News Co',
  image: 'https://img.example/a.png',
});
const spoc = (id: number, flightId: string): Spoc => ({
  ...story(id, `Ad ${id}`),
  sponsor: 'Acme',
  flightId,
  score: 1,
  shim: { impression: `imp${id}`, click: `clk${id}`, save: `sav${id}`, delete: `del${id}` },
  caps: { lifetime: 10, period: { count: 5, seconds: 60 } },
});

const update = (extra: Partial<StoriesUpdate> = {}): StoriesUpdate => ({
  source: 'feed',
  fetchedAt: 1,
  settings: { ...DEFAULT_SETTINGS, spocPositions: [1, 3], loadMoreThreshold: 4 },
  stories: [1, 2, 3, 4, 5].map((id) => story(id)),
  spocs: [spoc(91, 'f1'), spoc(92, 'f2'), spoc(93, 'f3')],
  topics: [{ topic: 'health', url: 'https://topics.example/health' }],
  sections: [],
  saved: [],
  blockedFlights: [],
  ...extra,
});

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

function setup(options: { showSponsored?: boolean; state?: Partial<StoriesUpdate>; openOptionsPage?: () => void } = {}) {
  const sent: Action[] = [];
  const store = initStore({ send: (a) => sent.push(a) });
  store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', { ...PREF_DEFAULTS, showSponsored: options.showSponsored ?? true })));
  store.dispatch(BroadcastToContent(action('DISCOVERY_STREAM_STORIES_UPDATE', update(options.state))));
  render(
    <Provider store={store}>
      <Stories
        privacyPageUrl="moz-extension://x/options/options.html"
        openOptionsPage={options.openOptionsPage}
        IntersectionObserver={NoopObserver as unknown as typeof IntersectionObserver}
        random={() => 0}
      />
    </Provider>,
  );
  const cardIds = () => [...document.querySelectorAll('.story-card[data-story-id]')].map((el) => Number(el.getAttribute('data-story-id')));
  const card = (id: number) => document.querySelector<HTMLElement>(`.story-card[data-story-id="${id}"]`)!;
  const chooseFromMenu = (id: number, item: string) => {
    fireEvent.click(within(card(id)).getByRole('button', { name: /options/i }));
    fireEvent.click(screen.getByRole('menuitem', { name: item }));
  };
  return { sent, store, cardIds, card, chooseFromMenu };
}

describe('Stories', () => {
  it('places offered spocs once, reports the placement, and labels sponsors', () => {
    const { sent, cardIds, card } = setup();
    expect(cardIds()).toEqual([1, 91, 2, 92]);
    expect(card(91).textContent).toContain('Sponsored by Acme');
    expect(card(1).textContent).toContain('News Co');
    const img = card(1).querySelector('img')!;
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(sent.filter((a) => a.type === 'DISCOVERY_STREAM_SPOCS_FILL').map((a) => a.data)).toEqual([
      {
        spoc_fills: [
          { id: 91, displayed: 1, reason: 'n/a', full_recalc: 0 },
          { id: 92, displayed: 1, reason: 'n/a', full_recalc: 0 },
          { id: 93, displayed: 0, reason: 'out_of_position', full_recalc: 0 },
        ],
      },
    ]);
  });

  it('keeps its placement when the offered spocs change, e.g. after a frequency cap', () => {
    const { store, cardIds, sent } = setup();
    act(() => {
      store.dispatch(BroadcastToContent(action('DISCOVERY_STREAM_STORIES_UPDATE', update({ spocs: [spoc(93, 'f3')] }))));
    });
    expect(cardIds()).toEqual([1, 91, 2, 92]);
    expect(sent.filter((a) => a.type === 'DISCOVERY_STREAM_SPOCS_FILL')).toHaveLength(1);
  });

  it('renders feed text as text', () => {
    const { card } = setup({ state: { stories: [story(1, '<img src=x onerror=alert(1)>')], spocs: [] } });
    expect(card(1).querySelector('.story-title')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(card(1).querySelectorAll('img')).toHaveLength(1);
  });

  it('shows no spocs with sponsored stories off', () => {
    const { cardIds, sent } = setup({ showSponsored: false });
    expect(cardIds()).toEqual([1, 2, 3, 4]);
    expect(sent.filter((a) => a.type === 'DISCOVERY_STREAM_SPOCS_FILL')).toEqual([]);
  });

  it('sends the CLICK event and the click ping with the click shim, and no URL', () => {
    const { sent, card } = setup();
    fireEvent.click(within(card(91)).getByRole('link'));
    expect(sent.slice(-2).map((a) => [a.type, a.data])).toEqual([
      ['TELEMETRY_USER_EVENT', { event: 'CLICK', source: 'CARDGRID', action_position: 1, value: { card_type: 'spoc' } }],
      ['TELEMETRY_IMPRESSION_STATS', { source: 'CARDGRID', click: 0, tiles: [{ id: 91, pos: 1, shim: 'clk91' }] }],
    ]);
    expect(JSON.stringify(sent.slice(-2))).not.toContain('news.example');
  });

  it('saves, and blocks a story at once or a spoc with its flight', () => {
    const { sent, cardIds, chooseFromMenu } = setup();
    chooseFromMenu(2, 'Save for later');
    expect(sent.slice(-2).map((a) => [a.type, a.data])).toEqual([
      ['DISCOVERY_STREAM_SAVE_STORY', { id: 2 }],
      ['TELEMETRY_IMPRESSION_STATS', { source: 'CARDGRID', pocket: 0, tiles: [{ id: 2, pos: 2 }] }],
    ]);
    chooseFromMenu(92, 'Dismiss');
    expect(sent.slice(-3).map((a) => [a.type, a.data])).toEqual([
      ['DISCOVERY_STREAM_BLOCK_STORY', { id: 92, flightId: 'f2' }],
      ['TELEMETRY_USER_EVENT', { event: 'BLOCK', source: 'CARDGRID', action_position: 3, value: { card_type: 'spoc' } }],
      ['TELEMETRY_IMPRESSION_STATS', { source: 'CARDGRID', block: 0, tiles: [{ id: 92, pos: 3, shim: 'del92' }] }],
    ]);
    expect(cardIds()).toEqual([1, 91, 2, 3]);
    chooseFromMenu(1, 'Bookmark');
    expect(sent.slice(-2).map((a) => a.type)).toEqual(['BOOKMARK_URL', 'TELEMETRY_USER_EVENT']);
    chooseFromMenu(1, 'Open in a new window');
    expect(sent.slice(-2).map((a) => [a.type, a.data])).toEqual([
      ['OPEN_NEW_WINDOW', { url: 'https://news.example/1' }],
      ['TELEMETRY_USER_EVENT', { event: 'OPEN_NEW_WINDOW', source: 'CARDGRID', action_position: 0, value: { card_type: 'organic' } }],
    ]);
  });

  it('offers a private window only with the permission', () => {
    const { sent, store, chooseFromMenu, card } = setup();
    fireEvent.click(within(card(1)).getByRole('button', { name: /options/i }));
    expect(screen.queryByRole('menuitem', { name: /private window/i })).toBeNull();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    act(() => {
      store.dispatch(BroadcastToContent(action('HIGHLIGHTS_UPDATE', { initialized: true, rows: [], canOpenPrivateWindow: true })));
    });
    chooseFromMenu(1, 'Open in a new private window');
    expect(sent.slice(-2).map((a) => [a.type, a.data])).toEqual([
      ['OPEN_PRIVATE_WINDOW', { url: 'https://news.example/1' }],
      ['TELEMETRY_USER_EVENT', { event: 'OPEN_PRIVATE_WINDOW', source: 'CARDGRID', action_position: 0, value: { card_type: 'organic' } }],
    ]);
  });

  it('loads more cards once, and sends the load-more click', () => {
    const { sent, cardIds } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Load more stories' }));
    expect(cardIds()).toEqual([1, 91, 2, 92, 3, 4, 5]);
    expect(screen.queryByRole('button', { name: 'Load more stories' })).toBeNull();
    expect(sent.at(-1)!.data).toEqual({ event: 'CLICK', source: 'DS_LOAD_MORE_BUTTON' });
  });

  it('shows the privacy modal for a spoc and reports the privacy link click', () => {
    const { sent, chooseFromMenu } = setup();
    chooseFromMenu(91, 'Why am I seeing this?');
    expect(sent.at(-1)!.data).toEqual({ event: 'SHOW_PRIVACY_INFO', source: 'CARDGRID', action_position: 1, value: { card_type: 'spoc' } });
    const dialog = screen.getByRole('dialog', { name: 'Sponsored stories' });
    fireEvent.click(within(dialog).getByRole('link'));
    expect(sent.at(-1)!.data).toEqual({ event: 'CLICK_PRIVACY_INFO', source: 'DS_PRIVACY_MODAL' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists saved stories and popular topics', () => {
    const { sent } = setup({ state: { saved: [story(7)] } });
    const saved = screen.getByRole('region', { name: 'Saved for later' });
    fireEvent.click(within(saved).getByRole('button', { name: 'Remove “Story 7” from saved' }));
    expect(sent.at(-1)!.data).toEqual({ id: 7 });
    fireEvent.click(screen.getByRole('link', { name: 'Health' }));
    expect(sent.at(-1)!.data).toEqual({ event: 'CLICK', source: 'POPULAR_TOPICS', action_position: 0, value: { topic: 'health' } });
  });

  it('without a feed set up says so, links to the settings, and shows no card and reports no spoc fill', () => {
    const openOptionsPage = vi.fn();
    const noFeed: Partial<StoriesUpdate> = { source: 'none', fetchedAt: 0, stories: [], spocs: [], topics: [] };
    const { sent, cardIds } = setup({ state: noFeed, openOptionsPage });
    expect(screen.getByText('No stories source is set up, so there are no stories to show.')).toBeTruthy();
    expect(document.querySelector('.stories')!.getAttribute('data-feed-source')).toBe('none');
    expect(cardIds()).toEqual([]);
    expect(screen.queryByText(/caught up/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Set up a stories feed' }));
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
    expect(sent.filter((a) => a.type === 'DISCOVERY_STREAM_SPOCS_FILL')).toEqual([]);
  });

  it('when the configured feed failed with nothing cached says the stories could not be loaded, and keeps the saved list', () => {
    const { cardIds } = setup({
      state: { source: 'failed', fetchedAt: 0, stories: [], spocs: [], topics: [], saved: [story(7)] },
      openOptionsPage: vi.fn(),
    });
    expect(screen.getByText('Could not load stories right now. Try again later.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Set up a stories feed' })).toBeNull();
    expect(cardIds()).toEqual([]);
    expect(within(screen.getByRole('region', { name: 'Saved for later' })).getByRole('link', { name: 'Story 7' })).toBeTruthy();
  });
});
