// @vitest-environment jsdom
// Topic sections, story feedback and reports on the new tab's stories.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastToContent, action, type Action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import type { StoriesUpdate } from '../../common/stories/reducer';
import { DEFAULT_SETTINGS } from '../../common/stories/sanitizeFeed';
import type { Spoc, Story } from '../../common/stories/types';
import { initStore } from '../lib/initStore';
import { PersonalizePanel } from '../PersonalizePanel/PersonalizePanel';
import { Stories, TOAST_MS } from './Stories';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const story = (id: number, section?: string): Story => ({
  id,
  url: `https://news.example/${id}`,
  title: `Story ${id}`,
  excerpt: '',
  publisher: 'News Co',
  image: null,
  ...(section ? { section } : {}),
});
const spoc: Spoc = {
  ...story(90),
  sponsor: 'Acme',
  flightId: 'f90',
  score: 1,
  shim: { delete: 'del90' },
  caps: { lifetime: 10, period: { count: 5, seconds: 60 } },
};

const SECTIONED: StoriesUpdate = {
  source: 'feed',
  fetchedAt: 1,
  settings: { ...DEFAULT_SETTINGS, spocPositions: [0], loadMoreThreshold: 20 },
  stories: [story(1), story(2, 'science'), story(3, 'travel'), story(4, 'food'), story(5, 'science')],
  spocs: [spoc],
  topics: [],
  sections: [
    { id: 'science', title: 'Science', subtitle: 'Findings' },
    { id: 'travel', title: 'Travel', subtitle: '' },
    { id: 'food', title: 'Food', subtitle: '' },
  ],
  saved: [],
  blockedFlights: [],
};

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

function setup(state: StoriesUpdate = SECTIONED, withPanel = false) {
  const sent: Action[] = [];
  const store = initStore({ send: (a) => sent.push(a) });
  store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', PREF_DEFAULTS)));
  store.dispatch(BroadcastToContent(action('DISCOVERY_STREAM_STORIES_UPDATE', state)));
  render(
    <Provider store={store}>
      <Stories privacyPageUrl="moz-extension://x/options.html" IntersectionObserver={NoopObserver as unknown as typeof IntersectionObserver} random={() => 0} />
      {withPanel && <PersonalizePanel onClose={() => {}} />}
    </Provider>,
  );
  const titles = () => screen.queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);
  const section = (name: string) => screen.getByRole('region', { name });
  const card = (id: number) => document.querySelector<HTMLElement>(`.story-card[data-story-id="${id}"]`);
  const cardIds = () => [...document.querySelectorAll('.story-card')].map((el) => Number(el.getAttribute('data-story-id')));
  const userEvents = () => sent.filter((a) => a.type === 'TELEMETRY_USER_EVENT').map((a) => a.data);
  const toast = () => document.querySelector('.stories-toast[role="status"]')!.textContent;
  return { sent, store, titles, section, card, cardIds, userEvents, toast };
}

describe('topic sections', () => {
  it('shows stories outside any section first, then each section under its heading, with spocs keeping page positions', () => {
    const { titles, section, cardIds } = setup();
    expect(titles()).toEqual(['Science', 'Travel', 'Food']);
    expect(cardIds()).toEqual([90, 1, 2, 5, 3, 4]);
    expect(within(section('Science')).getByText('Findings')).toBeTruthy();
    expect([...section('Science').querySelectorAll('.story-card')].map((c) => c.getAttribute('data-story-id'))).toEqual(['2', '5']);
  });

  it('keeps a flat feed flat: no heading, no section', () => {
    const { titles, cardIds } = setup({ ...SECTIONED, sections: [], stories: [story(1), story(2)] });
    expect(titles()).toEqual([]);
    expect(document.querySelector('.topic-section')).toBeNull();
    expect(cardIds()).toEqual([90, 1, 2]);
  });

  it('follows a topic at once, puts it first and marks it, and says so with the section id only', () => {
    const { section, titles, sent, userEvents } = setup();
    fireEvent.click(within(section('Food')).getByRole('button', { name: 'Follow' }));
    expect(titles()).toEqual(['Food', 'Science', 'Travel']);
    expect(within(section('Food')).getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('true');
    expect(sent.find((a) => a.type === 'FOLLOW_SECTION')).toMatchObject({ data: { section: 'food' }, meta: { to: 'ActivityStream:Main' } });
    expect(userEvents().at(-1)).toEqual({ event: 'TOPIC_FOLLOW', source: 'TOPIC_SECTION', action_position: 2, value: { section: 'food' } });
    fireEvent.click(within(section('Food')).getByRole('button', { name: 'Follow' }));
    expect(titles()).toEqual(['Science', 'Travel', 'Food']);
    expect(userEvents().at(-1)).toEqual({ event: 'TOPIC_UNFOLLOW', source: 'TOPIC_SECTION', action_position: 0, value: { section: 'food' } });
  });

  it('asks before blocking; cancel keeps the section, confirm removes it at once and moves focus to a heading', () => {
    const { section, titles, sent, userEvents, toast } = setup();
    fireEvent.click(within(section('Travel')).getByRole('button', { name: 'Block' }));
    const question = screen.getByRole('alertdialog');
    expect(question.textContent).toContain('Block “Travel”? You won’t see stories on this topic any more.');
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(titles()).toEqual(['Science', 'Travel', 'Food']);
    expect(sent.some((a) => a.type === 'BLOCK_SECTION')).toBe(false);

    fireEvent.click(within(section('Travel')).getByRole('button', { name: 'Block' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Block topic' }));
    expect(titles()).toEqual(['Science', 'Food']);
    expect(document.activeElement?.textContent).toBe('Food');
    expect(userEvents().at(-1)).toEqual({ event: 'TOPIC_BLOCK', source: 'TOPIC_SECTION', action_position: 1, value: { section: 'travel' } });
    expect(toast()).toBe('“Travel” is blocked. You can unblock it in Personalize.');
  });

  it('with "Stories by topic" off shows one grid in the feed’s order, still without blocked topics', () => {
    const { store, titles, cardIds } = setup();
    act(() => {
      store.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', { followed: ['food'], blocked: ['travel'], liked: [] })));
      store.dispatch(BroadcastToContent(action('PREF_CHANGED', { name: 'discoverystream.sections.enabled', value: false })));
    });
    expect(titles()).toEqual([]);
    expect(cardIds()).toEqual([90, 1, 2, 4, 5]);
  });

  it('follows what the background says another page did', () => {
    const { store, titles } = setup();
    act(() => {
      store.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', { followed: ['travel'], blocked: ['science'], liked: [] })));
    });
    expect(titles()).toEqual(['Travel', 'Food']);
  });
});

describe('story feedback', () => {
  it('thumbs up keeps the story, marks it and says thanks; thumbs down removes it; the confirmation then clears', () => {
    vi.useFakeTimers();
    const { card, cardIds, userEvents, sent, toast } = setup();
    const up = within(card(2)!).getByRole('button', { name: 'Thumbs up' });
    fireEvent.click(up);
    expect(up.getAttribute('aria-pressed')).toBe('true');
    expect(toast()).toBe('Thanks for your feedback.');
    expect(sent.find((a) => a.type === 'DISCOVERY_STREAM_THUMBS_UP')!.data).toEqual({ id: 2 });
    expect(userEvents().at(-1)).toEqual({ event: 'THUMBS_UP', source: 'CARDGRID', action_position: 2, value: { card_type: 'organic', section: 'science' } });
    // A second press changes nothing.
    fireEvent.click(up);
    expect(sent.filter((a) => a.type === 'DISCOVERY_STREAM_THUMBS_UP')).toHaveLength(1);

    fireEvent.click(within(card(1)!).getByRole('button', { name: 'Thumbs down' }));
    expect(cardIds()).not.toContain(1);
    expect(userEvents().at(-1)).toEqual({ event: 'THUMBS_DOWN', source: 'CARDGRID', action_position: 1, value: { card_type: 'organic' } });
    expect(sent.slice(-2).map((a) => [a.type, a.data])).toEqual([
      ['DISCOVERY_STREAM_BLOCK_STORY', { id: 1 }],
      ['TELEMETRY_IMPRESSION_STATS', { source: 'CARDGRID', block: 0, tiles: [{ id: 1, pos: 1 }] }],
    ]);
    act(() => void vi.advanceTimersByTime(TOAST_MS));
    expect(toast()).toBe('');
  });

  it('offers no thumbs on a sponsored story', () => {
    const { card } = setup();
    expect(within(card(90)!).queryByRole('button', { name: 'Thumbs up' })).toBeNull();
  });

  it('reports a story with one of Firefox’s story reasons, and a spoc with its ad reasons, hiding each', () => {
    const { card, cardIds, userEvents, sent, toast } = setup();
    const report = (id: number, item: string) => {
      fireEvent.click(within(card(id)!).getByRole('button', { name: /options/i }));
      fireEvent.click(screen.getByRole('menuitem', { name: item }));
    };
    report(5, 'Report');
    const form = screen.getByRole('dialog', { name: 'Report this story' });
    expect(within(form).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual([
      'wrong_category',
      'outdated',
      'inappropriate_or_offensive',
      'spam_or_misleading',
    ]);
    const submit = within(form).getByRole('button', { name: 'Submit' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(form).getByRole('radio', { name: 'Spam or misleading' }));
    fireEvent.click(submit);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cardIds()).not.toContain(5);
    expect(toast()).toBe('Thanks for reporting this.');
    expect(userEvents().at(-1)).toEqual({
      event: 'REPORT_CONTENT',
      source: 'CARDGRID',
      action_position: 3,
      value: { card_type: 'organic', section: 'science', report_reason: 'spam_or_misleading' },
    });

    report(90, 'Report ad');
    const ad = screen.getByRole('dialog', { name: 'Report this ad' });
    expect(within(ad).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['not_interested', 'inappropriate', 'seen_too_many_times']);
    fireEvent.click(within(ad).getByRole('radio', { name: 'It’s inappropriate' }));
    fireEvent.click(within(ad).getByRole('button', { name: 'Submit' }));
    expect(cardIds()).not.toContain(90);
    expect(sent.slice(-3).map((a) => [a.type, a.data])).toEqual([
      ['TELEMETRY_USER_EVENT', { event: 'REPORT_CONTENT', source: 'CARDGRID', action_position: 0, value: { card_type: 'spoc', report_reason: 'inappropriate' } }],
      ['DISCOVERY_STREAM_BLOCK_STORY', { id: 90, flightId: 'f90' }],
      ['TELEMETRY_IMPRESSION_STATS', { source: 'CARDGRID', block: 0, tiles: [{ id: 90, pos: 0, shim: 'del90' }] }],
    ]);
  });

  it('cancelling a report sends nothing and keeps the story', () => {
    const { card, sent } = setup();
    fireEvent.click(within(card(4)!).getByRole('button', { name: /options/i }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Report' }));
    const before = sent.length;
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Report this story' })).getByRole('button', { name: 'Cancel' }));
    expect(sent.length).toBe(before);
    expect(card(4)).not.toBeNull();
  });
});

describe('the personalize panel’s topics', () => {
  it('lists followed and blocked topics by title (or id when the feed has them no longer) and undoes each', () => {
    const { store, userEvents, sent } = setup(SECTIONED, true);
    const panel = screen.getByRole('dialog', { name: 'Personalize' });
    expect(within(panel).getByText('You have not followed any topic yet.')).toBeTruthy();
    act(() => {
      store.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', { followed: ['food', 'gone'], blocked: ['travel'], liked: [] })));
    });
    const followed = within(panel).getByRole('list', { name: 'Followed topics' });
    expect(within(followed).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['FoodUnfollow', 'goneUnfollow']);
    fireEvent.click(within(followed).getByRole('button', { name: 'Unfollow: Food' }));
    expect(within(followed).getAllByRole('listitem')).toHaveLength(1);
    // Focus stays in the list, on the row now in that place.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Unfollow: gone');
    expect(userEvents().at(-1)).toEqual({ event: 'TOPIC_UNFOLLOW', source: 'TOPICS_PANEL', action_position: 0, value: { section: 'food' } });

    const blocked = within(panel).getByRole('list', { name: 'Blocked topics' });
    fireEvent.click(within(blocked).getByRole('button', { name: 'Unblock: Travel' }));
    expect(within(panel).getByText('You have not blocked any topic.')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Blocked topics');
    expect(sent.filter((a) => a.type === 'UNBLOCK_SECTION').map((a) => a.data)).toEqual([{ section: 'travel' }]);
    // The section is back on the page at once.
    expect(screen.getByRole('region', { name: 'Travel' })).toBeTruthy();
  });

  it('has no topics part while the feed has no sections and none was chosen', () => {
    setup({ ...SECTIONED, sections: [], stories: [story(1)] }, true);
    expect(screen.queryByRole('heading', { name: 'Topics' })).toBeNull();
  });
});
