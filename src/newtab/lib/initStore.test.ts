import { describe, expect, it } from 'vitest';
import { BroadcastToContent, AlsoToOneContent, ac, action, type Action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import { initStore } from './initStore';

function setup() {
  const sent: Action[] = [];
  const store = initStore({ send: (a) => void sent.push(a) });
  return { store, sent };
}

describe('page store', () => {
  it('sends main-routed actions to the background and keeps skipLocal ones out of the reducer', () => {
    const { store, sent } = setup();
    store.dispatch(ac.SetPref('showSearch', false));
    expect(sent.map((a) => a.type)).toEqual(['SET_PREF']);
    expect(store.getState().Prefs.values.showSearch).toBe(true);
  });

  it('holds early perf data until the background has answered once', () => {
    const { store, sent } = setup();
    store.dispatch(ac.PerfData({ visibility_event_rcvd_ts: 123 }));
    expect(sent).toEqual([]);
    store.dispatch(AlsoToOneContent(action('NEW_TAB_INITIAL_STATE', {}), 'p'));
    expect(sent.map((a) => a.type)).toEqual(['SAVE_SESSION_PERF_DATA']);
    store.dispatch(ac.PerfData({ topsites_pinned: 2 }));
    expect(sent).toHaveLength(2);
  });

  it('rehydrates by merging the background state, then applies broadcasts', () => {
    const { store } = setup();
    const prefs = { initialized: true, values: { ...PREF_DEFAULTS, topSitesRows: 3 } };
    store.dispatch(AlsoToOneContent(action('NEW_TAB_INITIAL_STATE', { Prefs: prefs }), 'p'));
    expect(store.getState().Prefs).toEqual(prefs);
    store.dispatch(BroadcastToContent(action('PREF_CHANGED', { name: 'showSearch', value: false })));
    expect(store.getState().Prefs.values).toMatchObject({ topSitesRows: 3, showSearch: false });
  });
});
