// Reducers shared by the page and the background (Firefox's Reducers.jsm idea):
// both sides hold the same state shape, so the page can rehydrate from the
// background's state with one shallow merge.
import { combineReducers, createReducer } from '@reduxjs/toolkit';
import type { Action, ActionType } from './actions';
import { PREF_DEFAULTS, type PrefValues } from './prefs';
import { DiscoveryStream } from './stories/reducer';
import { Topics } from './stories/topics';
import { HIGHLIGHTS_INITIAL_STATE, type HighlightsState } from './highlights';
import { Messaging } from './messaging/reducer';
import { TOP_SITES_INITIAL_STATE, type TopSitesState } from './topSites/types';
import { Widgets } from './widgets/reducer';

/** Type guard for matching one action type inside `createReducer`. */
export function isAction<K extends ActionType>(type: K) {
  return (a: { type: string }): a is Action<K> => a.type === type;
}

export interface AppState {
  initialized: boolean;
}

export const App = createReducer<AppState>({ initialized: false }, (builder) => {
  builder.addMatcher(isAction('INIT'), () => ({ initialized: true }));
});

export interface PrefsState {
  initialized: boolean;
  values: PrefValues;
}

export const Prefs = createReducer<PrefsState>({ initialized: false, values: PREF_DEFAULTS }, (builder) => {
  builder
    .addMatcher(isAction('PREFS_INITIAL_VALUES'), (_state, a) => ({ initialized: true, values: a.data }))
    .addMatcher(isAction('PREF_CHANGED'), (state, a) => {
      (state.values as unknown as Record<string, unknown>)[a.data.name] = a.data.value;
    });
});

export const Highlights = createReducer<HighlightsState>(HIGHLIGHTS_INITIAL_STATE, (builder) => {
  builder.addMatcher(isAction('HIGHLIGHTS_UPDATE'), (_state, a) => a.data);
});

export const TopSites = createReducer<TopSitesState>(TOP_SITES_INITIAL_STATE, (builder) => {
  builder
    .addMatcher(isAction('TOP_SITES_UPDATED'), (state, a) => ({ ...state, ...a.data, initialized: true }))
    .addMatcher(isAction('PREVIEW_RESPONSE'), (state, a) => ({ ...state, preview: a.data }));
});

export const reducers = { App, Prefs, Highlights, DiscoveryStream, TopSites, Messaging, Topics, Widgets };

export const rootReducer = combineReducers(reducers);
export type RootState = ReturnType<typeof rootReducer>;
