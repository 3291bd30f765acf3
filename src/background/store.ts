// The background Redux store: reducers shared with the page, then every action
// is fanned out to the feeds (Firefox's Store.jsm) and routed to pages.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import type { Action } from '../common/actions';
import { rootReducer, type RootState } from '../common/reducers';
import type { Feed, FeedStore } from './feeds/Feed';

export type BackgroundState = RootState;

export function createBackgroundStore(
  feeds: readonly Feed[],
  routing: Middleware,
  log: Pick<Console, 'error'> = console,
) {
  const feedStore: FeedStore = { dispatch: (a) => void store.dispatch(a), getState: () => store.getState() };
  const fanOut: Middleware = () => (next) => (raw) => {
    const result = next(raw);
    const a = raw as Action;
    for (const feed of feeds) {
      try {
        const pending = feed.onAction(a, feedStore);
        if (pending) pending.catch((error: unknown) => log.error(`${feed.name} failed on ${a.type}`, error));
      } catch (error) {
        log.error(`${feed.name} failed on ${a.type}`, error);
      }
    }
    return result;
  };
  const store = configureStore({
    reducer: rootReducer,
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false, immutableCheck: false, thunk: false }).concat(fanOut, routing),
  });
  return feedStore;
}
