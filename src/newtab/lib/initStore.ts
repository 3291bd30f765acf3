// The page store (Firefox's init-store.js): shared reducers plus a merge of the
// background's state on NEW_TAB_INITIAL_STATE, and middleware that sends
// main-routed actions over the page's port and holds early perf data until the
// background has answered once.
import { configureStore, type Middleware, type Reducer } from '@reduxjs/toolkit';
import { actionUtils, type Action, type ActionType } from '../../common/actions';
import { rootReducer, type RootState } from '../../common/reducers';

/** Held until the first action from the background arrives, so none is lost. */
export const EARLY_QUEUED_ACTIONS: readonly ActionType[] = ['SAVE_SESSION_PERF_DATA'];

export interface Outbound {
  send(a: Action): void;
}

const mergeStateReducer: Reducer<RootState, Action> = (state, a) => {
  if (a.type === 'NEW_TAB_INITIAL_STATE') {
    return rootReducer({ ...state, ...(a.data as Partial<RootState>) } as RootState, a);
  }
  return rootReducer(state, a);
};

export function initStore(outbound: Outbound, preloadedState?: Partial<RootState>) {
  let heardFromMain = false;
  let early: Action[] = [];

  const queueEarlyMessages: Middleware = () => (next) => (raw) => {
    const a = raw as Action;
    if (!heardFromMain && actionUtils.isFromMain(a)) {
      heardFromMain = true;
      const result = next(a);
      for (const held of early) outbound.send(held);
      early = [];
      return result;
    }
    if (!heardFromMain && EARLY_QUEUED_ACTIONS.includes(a.type)) {
      early.push(a);
      return undefined;
    }
    return next(a);
  };

  const sendToMain: Middleware = () => (next) => (raw) => {
    const a = raw as Action;
    if (actionUtils.isSendToMain(a)) {
      outbound.send(a);
      if (a.meta?.skipLocal) return undefined;
    }
    return next(a);
  };

  return configureStore({
    reducer: mergeStateReducer as Reducer<RootState>,
    preloadedState: preloadedState as RootState | undefined,
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false, immutableCheck: false, thunk: false }).concat(
        queueEarlyMessages,
        sendToMain,
      ),
  });
}

export type PageStore = ReturnType<typeof initStore>;
