import { describe, expect, it } from 'vitest';
import { action, type Action } from '../actions';
import {
  MAX_LIKED,
  MAX_TOPIC_CHOICES,
  TOPICS_INITIAL_STATE,
  Topics,
  feedRequestUrl,
  isSectionId,
  orderSections,
  sanitizeTopics,
  type TopicsState,
} from './topics';

const run = (actions: Action[], from: TopicsState = TOPICS_INITIAL_STATE) => actions.reduce(Topics, from);
const follow = (section: string) => action('FOLLOW_SECTION', { section });
const block = (section: string) => action('BLOCK_SECTION', { section });

describe('Topics reducer', () => {
  it('follows, unfollows, blocks and unblocks, keeping a topic in one list at most', () => {
    let s = run([follow('science'), follow('food'), follow('science')]);
    expect(s.followed).toEqual(['science', 'food']);
    s = run([block('science')], s);
    expect(s).toMatchObject({ followed: ['food'], blocked: ['science'] });
    s = run([follow('science')], s);
    expect(s).toMatchObject({ followed: ['food', 'science'], blocked: [] });
    s = run([action('UNFOLLOW_SECTION', { section: 'food' }), block('travel'), action('UNBLOCK_SECTION', { section: 'travel' })], s);
    expect(s).toMatchObject({ followed: ['science'], blocked: [] });
  });

  it('remembers thumbs-up stories once each, and at most MAX_LIKED', () => {
    let s = run([action('DISCOVERY_STREAM_THUMBS_UP', { id: 7 }), action('DISCOVERY_STREAM_THUMBS_UP', { id: 7 })]);
    expect(s.liked).toEqual([7]);
    s = run(Array.from({ length: MAX_LIKED + 1 }, (_, i) => action('DISCOVERY_STREAM_THUMBS_UP', { id: 100 + i })), s);
    expect(s.liked).toHaveLength(MAX_LIKED);
    expect(s.liked.at(-1)).toBe(100 + MAX_LIKED);
  });

  it('keeps the newest MAX_TOPIC_CHOICES topics of each kind', () => {
    const s = run(Array.from({ length: MAX_TOPIC_CHOICES + 2 }, (_, i) => follow(`t${i}`)));
    expect(s.followed).toHaveLength(MAX_TOPIC_CHOICES);
    expect(s.followed[0]).toBe('t2');
  });

  it('takes the background’s whole state, dropping what is malformed', () => {
    const s = run([
      action('SECTION_PERSONALIZATION_UPDATE', {
        followed: ['ok', 'Not An Id', 'ok'],
        blocked: ['ok', 'gone'],
        liked: [1, -1, 1.5, 2],
      } as TopicsState),
    ]);
    expect(s).toEqual({ followed: ['ok'], blocked: ['gone'], liked: [1, 2] });
  });
});

describe('section ids and stored topics', () => {
  it.each([
    ['science', true],
    ['home-and_garden2', true],
    ['Science', false],
    ['-lead', false],
    ['a'.repeat(65), false],
    ['https://x.example/', false],
    [3, false],
  ])('%j is a section id: %s', (value, ok) => {
    expect(isSectionId(value)).toBe(ok);
  });

  it('reads nothing usable as empty lists', () => {
    expect(sanitizeTopics(undefined)).toEqual(TOPICS_INITIAL_STATE);
    expect(sanitizeTopics('x')).toEqual(TOPICS_INITIAL_STATE);
    expect(sanitizeTopics({ followed: 'science' })).toEqual(TOPICS_INITIAL_STATE);
  });
});

describe('orderSections', () => {
  const sections = ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id.toUpperCase(), subtitle: '' }));
  it('puts followed sections first and leaves blocked ones out, each in the feed’s order', () => {
    const order = orderSections(sections, { followed: ['d', 'b'], blocked: ['c'], liked: [] });
    expect(order.map((s) => s.id)).toEqual(['b', 'd', 'a']);
  });
  it('keeps the feed’s order with nothing chosen', () => {
    expect(orderSections(sections, TOPICS_INITIAL_STATE)).toEqual(sections);
  });
});

describe('feedRequestUrl', () => {
  it('adds the sorted followed and blocked ids, and nothing else', () => {
    expect(feedRequestUrl('https://feed.example/stories.json?v=2', { followed: ['tech', 'food'], blocked: ['travel'] })).toBe(
      'https://feed.example/stories.json?v=2&followed=food%2Ctech&blocked=travel',
    );
  });
  it('leaves the URL as it was when nothing is chosen', () => {
    expect(feedRequestUrl('http://127.0.0.1:8788/stories.json', { followed: [], blocked: [] })).toBe('http://127.0.0.1:8788/stories.json');
  });
  it('leaves a bundled file alone', () => {
    const file = 'moz-extension://uuid/stories/sample-feed.json';
    expect(feedRequestUrl(file, { followed: ['a'], blocked: [] })).toBe(file);
  });
});
