// The Widgets slice: the background owns it (WidgetsFeed) and sends it whole.
import { createReducer } from '@reduxjs/toolkit';
import type { Action, ActionType } from '../actions';
import { initialLists, type ListsState } from './lists';
import { INITIAL_TIMER, type TimerState } from './timer';

export interface WidgetsState {
  initialized: boolean;
  lists: ListsState;
  timer: TimerState;
  /** The stored lists could not be read: they were kept aside (`widgets.lists.unreadable`) and the page says so. */
  listsUnreadable: boolean;
}

export const WIDGETS_INITIAL_STATE: WidgetsState = {
  initialized: false,
  lists: initialLists(),
  timer: INITIAL_TIMER,
  listsUnreadable: false,
};

const isUpdate = (a: { type: string }): a is Action<'WIDGETS_UPDATE'> => a.type === ('WIDGETS_UPDATE' satisfies ActionType);

export const Widgets = createReducer<WidgetsState>(WIDGETS_INITIAL_STATE, (builder) => {
  builder.addMatcher(isUpdate, (_state, a) => ({ ...a.data, initialized: true }));
});
