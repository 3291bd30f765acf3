import { describe, expect, it } from 'vitest';
import { BroadcastToContent, action, type Action } from '../../common/actions';
import { PREF_DEFAULTS } from '../../common/prefs';
import { initStore } from '../lib/initStore';
import { requestMessageWhenReady } from './requestMessage';

describe('requestMessageWhenReady', () => {
  it('asks for a message once, when the page has the background’s state, and not again after a reconnect', () => {
    const sent: Action[] = [];
    const store = initStore({ send: (a) => sent.push(a) });
    requestMessageWhenReady(store);
    const triggers = () => sent.filter((a) => a.type === 'MESSAGING_TRIGGER').map((a) => a.data);
    expect(triggers()).toEqual([]);
    store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', PREF_DEFAULTS)));
    expect(triggers()).toEqual([{ trigger: { id: 'newtabMessageCheck' } }]);
    store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', PREF_DEFAULTS)));
    store.dispatch(BroadcastToContent(action('PREF_CHANGED', { name: 'feeds.snippets', value: false })));
    expect(triggers()).toHaveLength(1);
  });

  it('asks at once when the state is already there', () => {
    const sent: Action[] = [];
    const store = initStore({ send: (a) => sent.push(a) });
    store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', PREF_DEFAULTS)));
    requestMessageWhenReady(store);
    expect(sent.filter((a) => a.type === 'MESSAGING_TRIGGER')).toHaveLength(1);
  });

  it('says once when the background has answered, also when there is nothing to show', () => {
    const store = initStore({ send: () => undefined });
    let answers = 0;
    requestMessageWhenReady(store, () => answers++);
    store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', PREF_DEFAULTS)));
    expect(answers).toBe(0);
    store.dispatch(action('MESSAGING_SHOW', { message: null }));
    expect(answers).toBe(1);
    store.dispatch(action('MESSAGING_SHOW', { message: null }));
    expect(answers).toBe(1);
  });
});
