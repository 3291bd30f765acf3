// The stories slice. The background owns it (DiscoveryStreamFeed) and
// broadcasts every change whole, so pages only ever replace it.
import { createReducer } from '@reduxjs/toolkit';
import type { Action } from '../actions';
import { DEFAULT_SETTINGS } from './sanitizeFeed';
import type { FeedSection, FeedSettings, FeedSource, Spoc, Story, TopicLink } from './types';

export interface StoriesUpdate {
  source: FeedSource;
  /** When the shown feed was loaded from its source (ms); a page re-places spocs when it changes. */
  fetchedAt: number;
  settings: FeedSettings;
  /** Organic stories, blocked ones removed. */
  stories: Story[];
  /** Spocs eligible now, best first; empty when sponsored stories are off. */
  spocs: Spoc[];
  topics: TopicLink[];
  /** The feed's topic sections; empty for a flat feed. */
  sections: FeedSection[];
  saved: Story[];
  /** So a page can drop an already placed spoc whose flight the user blocked. */
  blockedFlights: string[];
}

export interface DiscoveryStreamState extends StoriesUpdate {
  /** 'loading' until the background's first update. */
  status: 'loading' | 'ready';
}

const INITIAL: DiscoveryStreamState = {
  status: 'loading',
  source: 'none',
  fetchedAt: 0,
  settings: DEFAULT_SETTINGS,
  stories: [],
  spocs: [],
  topics: [],
  sections: [],
  saved: [],
  blockedFlights: [],
};

export const DiscoveryStream = createReducer<DiscoveryStreamState>(INITIAL, (builder) => {
  builder.addMatcher(
    (a: { type: string }): a is Action<'DISCOVERY_STREAM_STORIES_UPDATE'> => a.type === 'DISCOVERY_STREAM_STORIES_UPDATE',
    (_state, a) => ({ status: 'ready', ...a.data }),
  );
});
