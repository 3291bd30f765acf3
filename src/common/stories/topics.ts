// Topic sections the user follows or blocks, and the stories they gave a
// thumbs up (Firefox's sectionPersonalization). Shared by the page, which
// changes it at once when the user acts, and the background, which keeps it
// in storage.local and tells the feed only what docs/stories-feed.md says:
// the followed and blocked section ids, as query parameters.
import { createReducer } from '@reduxjs/toolkit';
import type { Action, ActionType } from '../actions';
import type { FeedSection } from './types';

/** What a section id may look like: it goes into requests and pings, so never free text. */
const SECTION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Most followed or blocked topics kept; the oldest goes first. */
export const MAX_TOPIC_CHOICES = 50;
/** Most thumbs-up stories remembered. */
export const MAX_LIKED = 500;

export function isSectionId(value: unknown): value is string {
  return typeof value === 'string' && SECTION_ID_PATTERN.test(value);
}

export interface TopicsState {
  /** Followed section ids, oldest first. */
  followed: string[];
  /** Blocked section ids, oldest first. */
  blocked: string[];
  /** Story ids the user gave a thumbs up. */
  liked: number[];
}

export const TOPICS_INITIAL_STATE: TopicsState = { followed: [], blocked: [], liked: [] };

const add = <T>(list: readonly T[], item: T, max: number) => (list.includes(item) ? [...list] : [...list, item].slice(-max));
const remove = <T>(list: readonly T[], item: T) => list.filter((x) => x !== item);

/** Keeps only well-formed entries, e.g. of what storage.local returned. */
export function sanitizeTopics(raw: unknown): TopicsState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ids = (v: unknown) => (Array.isArray(v) ? [...new Set(v.filter(isSectionId))].slice(-MAX_TOPIC_CHOICES) : []);
  const followed = ids(r.followed);
  const blocked = ids(r.blocked).filter((id) => !followed.includes(id));
  const liked = Array.isArray(r.liked)
    ? [...new Set(r.liked.filter((id): id is number => Number.isSafeInteger(id) && id >= 0))].slice(-MAX_LIKED)
    : [];
  return { followed, blocked, liked };
}

const is =
  <K extends ActionType>(type: K) =>
  (a: { type: string }): a is Action<K> =>
    a.type === type;

/** Following a topic unblocks it and blocking unfollows it: a topic is in one list at most. */
export const Topics = createReducer<TopicsState>(TOPICS_INITIAL_STATE, (builder) => {
  builder
    .addMatcher(is('SECTION_PERSONALIZATION_UPDATE'), (_state, a) => sanitizeTopics(a.data))
    .addMatcher(is('FOLLOW_SECTION'), (s, a) => ({
      ...s,
      followed: add(s.followed, a.data.section, MAX_TOPIC_CHOICES),
      blocked: remove(s.blocked, a.data.section),
    }))
    .addMatcher(is('UNFOLLOW_SECTION'), (s, a) => ({ ...s, followed: remove(s.followed, a.data.section) }))
    .addMatcher(is('BLOCK_SECTION'), (s, a) => ({
      ...s,
      blocked: add(s.blocked, a.data.section, MAX_TOPIC_CHOICES),
      followed: remove(s.followed, a.data.section),
    }))
    .addMatcher(is('UNBLOCK_SECTION'), (s, a) => ({ ...s, blocked: remove(s.blocked, a.data.section) }))
    .addMatcher(is('DISCOVERY_STREAM_THUMBS_UP'), (s, a) => ({ ...s, liked: add(s.liked, a.data.id, MAX_LIKED) }));
});

/** The sections to show: blocked ones gone, followed ones first, each group in the feed's order. */
export function orderSections(sections: readonly FeedSection[], topics: TopicsState): FeedSection[] {
  const shown = sections.filter((s) => !topics.blocked.includes(s.id));
  const followed = shown.filter((s) => topics.followed.includes(s.id));
  return [...followed, ...shown.filter((s) => !topics.followed.includes(s.id))];
}

/**
 * The feed's request URL: `followed` and `blocked`, comma-separated sorted
 * section ids, added to an http(s) feed's query when not empty (so a user who
 * chose nothing asks for the same URL as before). An extension file is
 * static: it gets the plain URL. Nothing else about the user is added.
 */
export function feedRequestUrl(feedUrl: string, topics: Pick<TopicsState, 'followed' | 'blocked'>): string {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    return feedUrl;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return feedUrl;
  const lists = { followed: topics.followed, blocked: topics.blocked };
  let changed = false;
  for (const [name, ids] of Object.entries(lists)) {
    if (ids.length === 0) continue;
    url.searchParams.set(name, [...ids].sort().join(','));
    changed = true;
  }
  return changed ? url.href : feedUrl;
}
