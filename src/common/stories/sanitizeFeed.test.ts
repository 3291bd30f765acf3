import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SECTIONS, MAX_SPOCS, MAX_STORIES, describeDropped, sanitizeStoriesFeed } from './sanitizeFeed';

const BASE = 'moz-extension://uuid/stories/';
const options = { bundledImageBase: BASE };

const story = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://news.example/${id}`,
  title: `Story ${id}`,
  excerpt: 'An excerpt.',
  publisher: 'News',
  image: 'images/waves.svg',
  ...extra,
});

const spoc = (id: number, extra: Record<string, unknown> = {}) => ({
  ...story(id),
  sponsor: 'Acme',
  flightId: `flight-${id}`,
  score: 0.5,
  shim: { impression: 'aW1w', click: 'Y2xr', save: 'c2F2', delete: 'ZGVs' },
  caps: { lifetime: 10, period: { count: 2, seconds: 3600 } },
  ...extra,
});

describe('sanitizeStoriesFeed', () => {
  it('accepts the bundled sample feed whole', () => {
    const raw = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/stories/sample-feed.json'), 'utf8'));
    const { feed, dropped } = sanitizeStoriesFeed(raw, options);
    expect(dropped).toEqual({});
    expect(feed!.stories).toHaveLength(30);
    expect(feed!.spocs).toHaveLength(6);
    expect(feed!.topics.map((t) => t.topic)).toEqual([
      'must-reads',
      'productivity',
      'health',
      'finance',
      'technology',
      'more-recommendations',
    ]);
    expect(feed!.stories[0]!.image).toBe(`${BASE}images/kitchen.svg`);
  });

  it('drops script tags, javascript: and data: URLs, unsafe images, wrong types and missing fields, keeping the rest', () => {
    const { feed, dropped } = sanitizeStoriesFeed(
      {
        stories: [
          story(1),
          story(2, { title: '<script>alert(1)</script>' }),
          story(3, { excerpt: 'Fine <img src=x onerror=alert(1)>' }),
          story(4, { url: 'javascript:alert(1)' }),
          story(5, { url: 'data:text/html,<b>hi</b>' }),
          story(6, { image: 'http://insecure.example/a.png' }),
          story(7, { image: 'javascript:alert(1)' }),
          story(8, { image: '../../manifest.json' }),
          story(9, { id: '9' }),
          story(10, { id: -1 }),
          story(11, { title: 42 }),
          story(12, { title: '   ' }),
          { id: 13, url: 'https://news.example/13' },
          'a string',
          null,
          story(1, { title: 'Duplicate' }),
          story(14, { url: 'https://user:pass@news.example/' }),
          story(15, { image: 'https://cdn.example/a.jpg', excerpt: undefined, publisher: undefined }),
        ],
        spocs: [
          spoc(100),
          spoc(101, { flightId: 'bad flight id!' }),
          spoc(102, { shim: { click: '<script>' } }),
          spoc(103, { caps: { lifetime: 0, period: { count: 1, seconds: 60 } } }),
          spoc(104, { sponsor: '' }),
          spoc(105, { score: 2 }),
          spoc(1),
          spoc(106, { flightId: 77 }),
        ],
        topics: [
          { topic: 'health', url: 'https://topics.example/health' },
          { topic: 'gossip', url: 'https://topics.example/gossip' },
          { topic: 'finance', url: 'javascript:void(0)' },
        ],
      },
      options,
    );
    expect(feed!.stories.map((s) => s.id)).toEqual([1, 15]);
    expect(feed!.stories[1]).toEqual({
      id: 15,
      url: 'https://news.example/15',
      title: 'Story 15',
      excerpt: '',
      publisher: '',
      image: 'https://cdn.example/a.jpg',
    });
    expect(feed!.spocs.map((s) => [s.id, s.flightId])).toEqual([
      [100, 'flight-100'],
      [106, '77'],
    ]);
    expect(feed!.topics).toEqual([{ topic: 'health', url: 'https://topics.example/health' }]);
    expect(dropped).toEqual({
      'markup in text': 2,
      'unsafe url': 4,
      'unsafe image': 3,
      'bad id': 2,
      'missing text': 4,
      'not an object': 2,
      'duplicate id': 2,
      'bad flight': 1,
      'bad shim': 1,
      'bad caps': 1,
      'bad score': 1,
      'unknown topic': 1,
    });
    expect(describeDropped(dropped)).toBe(
      '24 dropped: 2 markup in text, 4 unsafe url, 3 unsafe image, 2 bad id, 4 missing text, 2 not an object, 2 duplicate id, 1 bad flight, 1 bad shim, 1 bad caps, 1 bad score, 1 unknown topic',
    );
  });

  it('caps a huge payload at a fixed number of items and truncates long text', () => {
    const many = Array.from({ length: 5000 }, (_, i) => story(i, { title: 'x'.repeat(10_000) }));
    const { feed, dropped } = sanitizeStoriesFeed(
      { stories: many, spocs: Array.from({ length: 100 }, (_, i) => spoc(100_000 + i)) },
      options,
    );
    expect(feed!.stories).toHaveLength(MAX_STORIES);
    expect(feed!.spocs).toHaveLength(MAX_SPOCS);
    expect(feed!.stories[0]!.title.length).toBe(200);
    expect(dropped).toEqual({ 'over item cap': 5000 - MAX_STORIES + 100 - MAX_SPOCS });
  });

  it('rejects a feed with no valid story, or one that is not a feed at all', () => {
    expect(sanitizeStoriesFeed({ stories: [story(1, { url: 'javascript:x' })] }, options).feed).toBeNull();
    expect(sanitizeStoriesFeed('<html>', options)).toEqual({ feed: null, dropped: { 'not an object': 1 } });
    expect(sanitizeStoriesFeed({ stories: 'many' }, options).feed).toBeNull();
  });

  it('strips control and bidi-override characters from text', () => {
    const { feed } = sanitizeStoriesFeed({ stories: [story(1, { title: 'Hello\u202e dlrow\u0000 \n there' })] }, options);
    expect(feed!.stories[0]!.title).toBe('Hello dlrow there');
  });

  it('reads settings within their ranges and defaults the rest', () => {
    const { feed } = sanitizeStoriesFeed(
      { stories: [story(1)], settings: { spocPositions: [9, 2, 2], spocProbability: 5, spocMinScore: 0.3, loadMoreThreshold: 6 } },
      options,
    );
    expect(feed!.settings).toEqual({ spocPositions: [2, 9], spocProbability: 1, spocMinScore: 0.3, loadMoreThreshold: 6 });
  });

  it('is idempotent, so a cached feed is checked again on load unchanged', () => {
    const once = sanitizeStoriesFeed({ stories: [story(1)], spocs: [spoc(2)], topics: [] }, options).feed;
    expect(sanitizeStoriesFeed(once, options)).toEqual({ feed: once, dropped: {} });
  });

  it('is idempotent for a feed with sections too', () => {
    const raw = { stories: [story(1, { section: 'science' }), story(3)], sections: [{ id: 'science', title: 'Science' }] };
    const once = sanitizeStoriesFeed(raw, options).feed;
    expect(sanitizeStoriesFeed(once, options)).toEqual({ feed: once, dropped: {} });
  });
});

describe('sanitizeStoriesFeed: topic sections', () => {
  it('reads sections and the stories’ section, as text and ids only', () => {
    const { feed, dropped } = sanitizeStoriesFeed(
      {
        stories: [story(1, { section: 'science' }), story(2), story(3, { section: 'travel' })],
        spocs: [spoc(9, { section: 'science' })],
        sections: [
          { id: 'science', title: ' Science\u202e ', subtitle: 'New  findings' },
          { id: 'travel', title: 'Travel' },
        ],
      },
      options,
    );
    expect(dropped).toEqual({});
    expect(feed!.sections).toEqual([
      { id: 'science', title: 'Science', subtitle: 'New findings' },
      { id: 'travel', title: 'Travel', subtitle: '' },
    ]);
    expect(feed!.stories.map((s) => s.section)).toEqual(['science', undefined, 'travel']);
    // Spocs are placed by position, never by topic.
    expect(feed!.spocs[0]).not.toHaveProperty('section');
  });

  it('drops bad sections and stories with a malformed section, and shows a story of an unlisted section outside them', () => {
    const { feed, dropped } = sanitizeStoriesFeed(
      {
        stories: [story(1, { section: 'Not An Id' }), story(2, { section: 'unlisted' }), story(3, { section: 'ok' }), story(4, { section: 7 })],
        sections: [
          { id: 'ok', title: 'OK' },
          { id: 'ok', title: 'Twice' },
          { id: 'Bad Id', title: 'X' },
          { id: 'markup', title: '<b>Bold</b>' },
          { id: 'untitled' },
          'science',
        ],
      },
      options,
    );
    expect(feed!.sections.map((s) => s.id)).toEqual(['ok']);
    expect(feed!.stories.map((s) => [s.id, s.section])).toEqual([
      [2, undefined],
      [3, 'ok'],
    ]);
    expect(dropped).toEqual({ 'bad section': 3, 'duplicate id': 1, 'markup in text': 1, 'missing text': 1, 'not an object': 1 });
  });

  it('keeps at most MAX_SECTIONS sections, and a flat feed has none', () => {
    const sections = Array.from({ length: MAX_SECTIONS + 3 }, (_, i) => ({ id: `s${i}`, title: `S${i}` }));
    const { feed, dropped } = sanitizeStoriesFeed({ stories: [story(1)], sections }, options);
    expect(feed!.sections).toHaveLength(MAX_SECTIONS);
    expect(dropped).toEqual({ 'over item cap': 3 });
    expect(sanitizeStoriesFeed({ stories: [story(1)] }, options).feed!.sections).toEqual([]);
  });
});
