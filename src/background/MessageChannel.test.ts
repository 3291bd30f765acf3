import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { BroadcastToContent, AlsoToOneContent, action, type Action } from '../common/actions';
import { encodePortName } from '../common/portName';
import { MessageChannel } from './MessageChannel';

const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

function fakePort(name: string, tab = { id: 7, windowId: 3, incognito: false }) {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name,
    sender: { tab },
    posted: [] as unknown[],
    postMessage: vi.fn((m: unknown) => void port.posted.push(m)),
    disconnect: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => onMessage.push(cb) },
    onDisconnect: { addListener: (cb: () => void) => onDisconnect.push(cb) },
    receive: (m: unknown) => onMessage.forEach((cb) => cb(m)),
    drop: () => onDisconnect.forEach((cb) => cb()),
  };
  return port;
}

function setup() {
  const log = { error: vi.fn(), warn: vi.fn() };
  const channel = new MessageChannel(log);
  let connect: (p: Runtime.Port) => void = () => undefined;
  channel.listen({ addListener: (cb) => (connect = cb) });
  const dispatched: Action[] = [];
  const dispatch = (a: Action) => {
    dispatched.push(a);
    channel.middleware({ dispatch: vi.fn(), getState: vi.fn() })(() => undefined)(a);
  };
  return { channel, log, dispatched, dispatch, connect: (p: ReturnType<typeof fakePort>) => connect(p as unknown as Runtime.Port) };
}

describe('MessageChannel', () => {
  it('holds connections until the store is ready, then sends NEW_TAB_INIT with the page identity', () => {
    const s = setup();
    s.connect(fakePort(encodePortName({ page: 'about:home', instanceId: ID_A, reconnect: false })));
    expect(s.dispatched).toEqual([]);
    s.channel.start(s.dispatch);
    expect(s.dispatched[0]).toEqual(
      action('NEW_TAB_INIT', { portId: ID_A, page: 'about:home', reconnected: false, tabId: 7, windowId: 3, incognito: false }),
    );
  });

  it('handles, in order, every message and disconnect that arrives before the store is ready', () => {
    const s = setup();
    const a = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: false }));
    const b = fakePort(encodePortName({ page: 'about:home', instanceId: ID_B, reconnect: false }));
    s.connect(a);
    a.receive({ type: 'NEW_TAB_STATE_REQUEST' });
    s.connect(b);
    b.receive({ type: 'NEW_TAB_STATE_REQUEST' });
    a.receive({ type: 'SET_PREF', data: { name: 'showSearch', value: false } });
    a.drop();
    b.receive({ type: 'SET_PREF', data: { name: 'showSearch', value: true } });
    expect(s.dispatched).toEqual([]);
    s.channel.start(s.dispatch);
    expect(s.dispatched.map((x) => [x.type, x.meta?.fromTarget ?? (x.data as { portId?: string }).portId])).toEqual([
      ['NEW_TAB_INIT', ID_A],
      ['NEW_TAB_STATE_REQUEST', ID_A],
      ['NEW_TAB_INIT', ID_B],
      ['NEW_TAB_STATE_REQUEST', ID_B],
      ['SET_PREF', ID_A],
      ['NEW_TAB_UNLOAD', ID_A],
      ['SET_PREF', ID_B],
    ]);
    expect(s.channel.portIds).toEqual([ID_B]);
    expect(s.log.error).not.toHaveBeenCalled();
  });

  it('acknowledges every numbered message and handles a message posted again only once', () => {
    const s = setup();
    s.channel.start(s.dispatch);
    const port = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: false }));
    s.connect(port);
    port.receive({ type: 'SET_PREF', data: { name: 'showSearch', value: false }, seq: 1 });
    port.receive({ type: 'NOT_A_THING', seq: 2 });
    // The page reconnects and posts again what it had no acknowledgement for.
    const again = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: true }));
    s.connect(again);
    again.receive({ type: 'NOT_A_THING', seq: 2 });
    again.receive({ type: 'SET_PREF', data: { name: 'showSearch', value: true }, seq: 3 });
    expect(port.posted).toEqual([{ ack: 1 }, { ack: 2 }]);
    expect(again.posted).toEqual([{ ack: 2 }, { ack: 3 }]);
    expect(s.dispatched.filter((a) => a.type === 'SET_PREF').map((a) => (a.data as { value: boolean }).value)).toEqual([false, true]);
    expect(s.log.error).toHaveBeenCalledTimes(1);
  });

  it('tags page messages with the sender port and rejects bad ones with a logged error', () => {
    const s = setup();
    s.channel.start(s.dispatch);
    const port = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: false }));
    s.connect(port);
    port.receive({ type: 'SET_PREF', data: { name: 'showSearch', value: false }, meta: { toTarget: 'spoof' } });
    port.receive({ type: 'NOT_A_THING' });
    port.receive('junk');
    port.receive({ type: 'PREF_CHANGED', data: { name: 'showSearch', value: true } });
    port.receive({ type: 'SET_PREF', data: { name: 'topSitesRows', value: 12 } });
    const fromPage = s.dispatched.filter((a) => a.type !== 'NEW_TAB_INIT');
    expect(fromPage).toHaveLength(1);
    expect(fromPage[0]!.meta).toEqual({ from: 'ActivityStream:Content', to: 'ActivityStream:Main', fromTarget: ID_A });
    expect(s.log.error).toHaveBeenCalledTimes(4);
    expect(s.log.error.mock.calls.map((c) => c[0]).join('\n')).toMatch(/unknown action type[\s\S]*not an object[\s\S]*may not come from a page[\s\S]*1 to 4/);
  });

  it('refuses ports with foreign names', () => {
    const s = setup();
    s.channel.start(s.dispatch);
    const port = fakePort('someone-else');
    s.connect(port);
    expect(port.disconnect).toHaveBeenCalled();
    expect(s.dispatched).toEqual([]);
  });

  it('routes broadcasts to every page and targeted actions to one', () => {
    const s = setup();
    s.channel.start(s.dispatch);
    const a = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: false }));
    const b = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_B, reconnect: false }));
    s.connect(a);
    s.connect(b);
    s.dispatch(BroadcastToContent(action('PREF_CHANGED', { name: 'showSearch', value: false })));
    s.dispatch(AlsoToOneContent(action('NEW_TAB_INITIAL_STATE', {}), ID_B));
    expect(a.posted.map((m) => (m as Action).type)).toEqual(['PREF_CHANGED']);
    expect(b.posted.map((m) => (m as Action).type)).toEqual(['PREF_CHANGED', 'NEW_TAB_INITIAL_STATE']);
  });

  it('sends NEW_TAB_UNLOAD on disconnect, but not for a port the page already replaced', () => {
    const s = setup();
    s.channel.start(s.dispatch);
    const first = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: false }));
    s.connect(first);
    const second = fakePort(encodePortName({ page: 'about:newtab', instanceId: ID_A, reconnect: true }));
    s.connect(second);
    expect(s.dispatched[1]).toMatchObject({ type: 'NEW_TAB_INIT', data: { reconnected: true } });
    first.drop();
    expect(s.dispatched.some((a) => a.type === 'NEW_TAB_UNLOAD')).toBe(false);
    second.drop();
    expect(s.dispatched.at(-1)).toEqual(action('NEW_TAB_UNLOAD', { portId: ID_A }));
    expect(s.channel.portIds).toEqual([]);
  });
});
