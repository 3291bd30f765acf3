// The page's `messaging` slice: the one message the background chose for
// this page, if any. The background holds the same slice (shared reducers)
// but only pages render it.
import { createReducer } from '@reduxjs/toolkit';
import type { Action } from '../actions';
import type { SurfaceMessage } from './types';

export interface MessagingState {
  message: SurfaceMessage | null;
}

export const MESSAGING_INITIAL_STATE: MessagingState = { message: null };

export const Messaging = createReducer<MessagingState>(MESSAGING_INITIAL_STATE, (builder) => {
  builder
    .addMatcher(
      (a: { type: string }): a is Action<'MESSAGING_SHOW'> => a.type === 'MESSAGING_SHOW',
      (_state, a) => ({ message: a.data.message }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'MESSAGING_DISMISS_LOCAL'> => a.type === 'MESSAGING_DISMISS_LOCAL',
      () => ({ message: null }),
    );
});
