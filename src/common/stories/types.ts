// The stories feed after sanitising (docs/stories-feed.md has the wire
// format). Shared by the background, which loads and filters it, and the
// page, which lays it out.
import type { PopularTopic } from '../pings/types';

export interface Story {
  id: number;
  /** An http(s) URL. */
  url: string;
  title: string;
  excerpt: string;
  publisher: string;
  /** An https URL or a bundled image's extension URL; null shows a placeholder. */
  image: string | null;
  /** The id of the feed section (topic) the story belongs to; absent for a story outside any section. */
  section?: string;
}

/** Opaque ad-server tokens, one per kind of ping. */
export interface SpocShims {
  impression?: string;
  click?: string;
  save?: string;
  delete?: string;
}

export interface FrequencyCaps {
  /** Most impressions the flight may ever have. */
  lifetime: number;
  /** Most impressions within any `seconds`-long window. */
  period: { count: number; seconds: number };
}

/** A sponsored story. */
export interface Spoc extends Story {
  sponsor: string;
  flightId: string;
  /** 0..1; below the feed's `spocMinScore` it is never shown. */
  score: number;
  shim: SpocShims;
  caps: FrequencyCaps;
}

export interface TopicLink {
  topic: PopularTopic;
  url: string;
}

/** A topic section of the feed (Firefox's sections): the page shows its stories under its title. */
export interface FeedSection {
  /** `[a-z0-9_-]`, what follows, blocks and pings name. */
  id: string;
  title: string;
  subtitle: string;
}

export interface FeedSettings {
  /** Zero-based grid positions offered to spocs, in order. */
  spocPositions: number[];
  /** Chance that a position gets its spoc. */
  spocProbability: number;
  spocMinScore: number;
  /** Cards shown before "Load more". */
  loadMoreThreshold: number;
}

export interface StoriesFeed {
  settings: FeedSettings;
  stories: Story[];
  spocs: Spoc[];
  topics: TopicLink[];
  /** Topic sections, in the feed's order; empty for a flat feed. */
  sections: FeedSection[];
}

/**
 * Where the stories on screen came from: the configured feed, the last good
 * copy of a feed that now fails, no feed configured ('none': no stories), or a
 * configured feed that failed with nothing cached ('failed': no stories).
 */
export type FeedSource = 'feed' | 'cache' | 'none' | 'failed';

/** A spoc with the grid position the page gave it. */
export interface PlacedSpoc {
  spoc: Spoc;
  position: number;
}

/** One card of the grid, at its zero-based position. */
export type Card = { type: 'organic'; story: Story; pos: number } | { type: 'spoc'; story: Spoc; pos: number };
