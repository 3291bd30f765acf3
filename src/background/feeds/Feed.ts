import type { Action } from '../../common/actions';
import type { BackgroundState } from '../store';

export interface FeedStore {
  dispatch(a: Action): void;
  getState(): BackgroundState;
}

/** A background feed: it sees every action after the reducers ran. */
export interface Feed {
  readonly name: string;
  onAction(a: Action, store: FeedStore): void | Promise<void>;
}
