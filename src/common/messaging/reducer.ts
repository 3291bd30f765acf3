// The page's `messaging` slice: the one message the background chose for
// this page, if any. The background holds the same slice (shared reducers)
// but only pages render it.
import { createReducer } from '@reduxjs/toolkit';
import type { Action } from '../actions';
import type { ExperimentsState } from '../experiments/types';
import type { WelcomeFlow } from '../onboarding/screens';
import type { MessagingAdminState, PopupState, SurfaceMessage } from './types';

export interface MessagingState {
  message: SurfaceMessage | null;
  /** The background has answered this page's trigger (with a message or null). */
  answered: boolean;
  /** The settings page's admin section: the router's state as last sent. */
  admin: MessagingAdminState | null;
  /** The toolbar popup: what the background sent when it opened. */
  popup: PopupState | null;
  /** The welcome page's screens, once the background has sent them. */
  welcome: WelcomeFlow | null;
  /** The settings page: the active experiments and known recipes as last sent. */
  experiments: ExperimentsState | null;
}

export const MESSAGING_INITIAL_STATE: MessagingState = { message: null, answered: false, admin: null, popup: null, welcome: null, experiments: null };

export const Messaging = createReducer<MessagingState>(MESSAGING_INITIAL_STATE, (builder) => {
  builder
    .addMatcher(
      (a: { type: string }): a is Action<'MESSAGING_SHOW'> => a.type === 'MESSAGING_SHOW',
      (state, a) => ({ ...state, message: a.data.message, answered: true }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'MESSAGING_DISMISS_LOCAL'> => a.type === 'MESSAGING_DISMISS_LOCAL',
      (state) => ({ ...state, message: null }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'MESSAGING_ADMIN_STATE'> => a.type === 'MESSAGING_ADMIN_STATE',
      (state, a) => ({ ...state, admin: a.data }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'TOOLBAR_POPUP_STATE'> => a.type === 'TOOLBAR_POPUP_STATE',
      (state, a) => ({ ...state, popup: a.data }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'WELCOME_FLOW'> => a.type === 'WELCOME_FLOW',
      (state, a) => ({ ...state, welcome: a.data.flow }),
    )
    .addMatcher(
      (a: { type: string }): a is Action<'EXPERIMENTS_STATE'> => a.type === 'EXPERIMENTS_STATE',
      (state, a) => ({ ...state, experiments: a.data }),
    );
});
