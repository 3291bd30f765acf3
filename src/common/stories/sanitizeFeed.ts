// Turns untrusted feed JSON into a StoriesFeed. Every item is checked on its
// own, so one bad story costs only itself; what is dropped is counted by
// reason so the caller can log it. Text stays text (the page never renders
// HTML), but markup in a feed means a broken or hostile feed, so such items
// are dropped rather than shown with their tags.
import { POPULAR_TOPICS, type PopularTopic } from '../pings/types';
import { isWebUrl } from '../urls';
import { isSectionId } from './topics';
import type { FeedSection, FeedSettings, FrequencyCaps, Spoc, SpocShims, StoriesFeed, Story, TopicLink } from './types';

export const MAX_STORIES = 100;
export const MAX_SPOCS = 20;
export const MAX_TOPICS = 12;
export const MAX_SECTIONS = 20;
const TEXT_LIMITS = { title: 200, excerpt: 500, publisher: 80, sponsor: 80, sectionTitle: 80, sectionSubtitle: 200 } as const;
const MAX_LIFETIME_CAP = 1000;
const MAX_PERIOD_SECONDS = 365 * 24 * 3600;

export const DEFAULT_SETTINGS: FeedSettings = {
  spocPositions: [2, 9, 15],
  spocProbability: 1,
  spocMinScore: 0,
  loadMoreThreshold: 12,
};

// The shim alphabet Mozilla's impression-stats schema accepts.
const SHIM_PATTERN = /^[A-Za-z0-9+/=,._-]{1,1024}$/;
const FLIGHT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export function isFlightId(value: unknown): value is string {
  return typeof value === 'string' && FLIGHT_ID_PATTERN.test(value);
}
// A bundled image: a plain relative path inside the extension's stories folder.
const BUNDLED_IMAGE_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(svg|png|jpe?g|webp|gif)$/i;
const MARKUP_PATTERN = /<\/?[a-z!][^>]*>/i;
// C0/C1 controls and bidi overrides: invisible, and able to reorder what a title appears to say.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export type DropReason =
  | 'not an object'
  | 'bad id'
  | 'duplicate id'
  | 'missing text'
  | 'markup in text'
  | 'unsafe url'
  | 'unsafe image'
  | 'bad shim'
  | 'bad flight'
  | 'bad caps'
  | 'bad score'
  | 'unknown topic'
  | 'bad section'
  | 'over item cap';

export interface SanitizeResult {
  /** Null when nothing usable is left: no valid story at all. */
  feed: StoriesFeed | null;
  dropped: Partial<Record<DropReason, number>>;
}

export interface SanitizeOptions {
  /** Base URL that relative (bundled) image paths resolve against, e.g. the extension's `stories/`. */
  bundledImageBase: string;
}

class Rejected extends Error {
  constructor(readonly reason: DropReason) {
    super(reason);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An http(s) URL without credentials, normalised, or null. */
export function safeLinkUrl(value: unknown): string | null {
  if (!isWebUrl(value)) return null;
  const url = new URL(value);
  return url.username || url.password ? null : url.href;
}

function imageUrl(value: unknown, base: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new Rejected('unsafe image');
  // An already resolved bundled image (a cached feed is checked again on load).
  const path = value.startsWith(base) ? value.slice(base.length) : value;
  if (BUNDLED_IMAGE_PATTERN.test(path) && !path.includes('..') && !path.includes('//')) {
    return new URL(path, base).href;
  }
  const href = safeLinkUrl(value);
  if (!href || !href.startsWith('https:')) throw new Rejected('unsafe image');
  return href;
}

function text(value: unknown, limit: number, required: boolean): string {
  if (value === undefined && !required) return '';
  if (typeof value !== 'string') throw new Rejected('missing text');
  const clean = value.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim();
  if (required && !clean) throw new Rejected('missing text');
  if (MARKUP_PATTERN.test(clean)) throw new Rejected('markup in text');
  return clean.length > limit ? `${clean.slice(0, limit - 1).trimEnd()}…` : clean;
}

function storyId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Rejected('bad id');
  return value;
}

function positiveInt(value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw new Rejected('bad caps');
  return value;
}

function parseStory(raw: unknown, options: SanitizeOptions): Story {
  if (!isRecord(raw)) throw new Rejected('not an object');
  const id = storyId(raw.id);
  const title = text(raw.title, TEXT_LIMITS.title, true);
  const excerpt = text(raw.excerpt, TEXT_LIMITS.excerpt, false);
  const publisher = text(raw.publisher, TEXT_LIMITS.publisher, false);
  const url = safeLinkUrl(raw.url);
  if (!url) throw new Rejected('unsafe url');
  const story: Story = { id, url, title, excerpt, publisher, image: imageUrl(raw.image, options.bundledImageBase) };
  if (raw.section === undefined) return story;
  if (!isSectionId(raw.section)) throw new Rejected('bad section');
  return { ...story, section: raw.section };
}

function parseSection(raw: unknown): FeedSection {
  if (!isRecord(raw)) throw new Rejected('not an object');
  if (!isSectionId(raw.id)) throw new Rejected('bad section');
  return {
    id: raw.id,
    title: text(raw.title, TEXT_LIMITS.sectionTitle, true),
    subtitle: text(raw.subtitle, TEXT_LIMITS.sectionSubtitle, false),
  };
}

function parseShims(raw: unknown): SpocShims {
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw new Rejected('bad shim');
  const shims: SpocShims = {};
  for (const kind of ['impression', 'click', 'save', 'delete'] as const) {
    const value = raw[kind];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !SHIM_PATTERN.test(value)) throw new Rejected('bad shim');
    shims[kind] = value;
  }
  return shims;
}

function parseCaps(raw: unknown): FrequencyCaps {
  if (!isRecord(raw) || !isRecord(raw.period)) throw new Rejected('bad caps');
  return {
    lifetime: positiveInt(raw.lifetime, MAX_LIFETIME_CAP),
    period: { count: positiveInt(raw.period.count, MAX_LIFETIME_CAP), seconds: positiveInt(raw.period.seconds, MAX_PERIOD_SECONDS) },
  };
}

function parseSpoc(raw: unknown, options: SanitizeOptions): Spoc {
  const story = parseStory(raw, options);
  const r = raw as Record<string, unknown>;
  const sponsor = text(r.sponsor, TEXT_LIMITS.sponsor, true);
  const flightId = typeof r.flightId === 'number' && Number.isSafeInteger(r.flightId) ? String(r.flightId) : r.flightId;
  if (!isFlightId(flightId)) throw new Rejected('bad flight');
  const score = r.score === undefined ? 1 : r.score;
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) throw new Rejected('bad score');
  // Spocs are placed among the cards by position, never by topic.
  const { section: _section, ...organic } = story;
  return { ...organic, sponsor, flightId, score, shim: parseShims(r.shim), caps: parseCaps(r.caps) };
}

function parseTopic(raw: unknown): TopicLink {
  if (!isRecord(raw)) throw new Rejected('not an object');
  if (!(POPULAR_TOPICS as readonly unknown[]).includes(raw.topic)) throw new Rejected('unknown topic');
  const url = safeLinkUrl(raw.url);
  if (!url) throw new Rejected('unsafe url');
  return { topic: raw.topic as PopularTopic, url };
}

function parseSettings(raw: unknown): FeedSettings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const settings = { ...DEFAULT_SETTINGS };
  const positions = raw.spocPositions;
  if (Array.isArray(positions) && positions.every((p) => Number.isInteger(p) && p >= 0 && p < MAX_STORIES)) {
    settings.spocPositions = [...new Set(positions as number[])].sort((a, b) => a - b).slice(0, 10);
  }
  const between = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && v >= lo && v <= hi;
  if (between(raw.spocProbability, 0, 1)) settings.spocProbability = raw.spocProbability;
  if (between(raw.spocMinScore, 0, 1)) settings.spocMinScore = raw.spocMinScore;
  if (between(raw.loadMoreThreshold, 1, MAX_STORIES) && Number.isInteger(raw.loadMoreThreshold)) {
    settings.loadMoreThreshold = raw.loadMoreThreshold;
  }
  return settings;
}

/** Parses each item of `list`, keeping at most `cap` valid ones with unique keys. */
function parseList<T>(
  list: unknown,
  cap: number,
  parse: (raw: unknown) => T,
  key: (item: T) => unknown,
  drop: (reason: DropReason) => void,
): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    drop('not an object');
    return [];
  }
  const kept: T[] = [];
  const seen = new Set<unknown>();
  for (const raw of list) {
    if (kept.length === cap) {
      drop('over item cap');
      continue;
    }
    try {
      const item = parse(raw);
      if (seen.has(key(item))) throw new Rejected('duplicate id');
      seen.add(key(item));
      kept.push(item);
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      drop(error.reason);
    }
  }
  return kept;
}

export function sanitizeStoriesFeed(raw: unknown, options: SanitizeOptions): SanitizeResult {
  const dropped: SanitizeResult['dropped'] = {};
  const drop = (reason: DropReason) => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
  };
  if (!isRecord(raw)) {
    drop('not an object');
    return { feed: null, dropped };
  }
  const stories = parseList(raw.stories, MAX_STORIES, (r) => parseStory(r, options), (s) => s.id, drop);
  const storyIds = new Set(stories.map((s) => s.id));
  // Spoc ids share the id space of stories: a block or save names one card.
  const spocs = parseList(raw.spocs, MAX_SPOCS, (r) => parseSpoc(r, options), (s) => s.id, drop).filter((s) => {
    if (!storyIds.has(s.id)) return true;
    drop('duplicate id');
    return false;
  });
  const topics = parseList(raw.topics, MAX_TOPICS, parseTopic, (t) => t.topic, drop);
  const sections = parseList(raw.sections, MAX_SECTIONS, parseSection, (s) => s.id, drop);
  // A story naming a section the feed does not list is shown outside the sections.
  const listed = new Set(sections.map((s) => s.id));
  const placedStories = stories.map(({ section, ...story }) => (section !== undefined && listed.has(section) ? { ...story, section } : story));
  if (stories.length === 0) return { feed: null, dropped };
  return { feed: { settings: parseSettings(raw.settings), stories: placedStories, spocs, topics, sections }, dropped };
}

/** "3 dropped: 2 unsafe url, 1 markup in text", or null when nothing was dropped. */
export function describeDropped(dropped: SanitizeResult['dropped']): string | null {
  const entries = Object.entries(dropped) as [DropReason, number][];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  return `${total} dropped: ${entries.map(([reason, n]) => `${n} ${reason}`).join(', ')}`;
}
