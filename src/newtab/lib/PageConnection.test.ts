import { describe, expect, it, vi } from 'vitest';
import { action, type Action } from '../../common/actions';
import { decodePortName } from '../../common/portName';
import { PageConnection, type PortLike } from './PageConnection';

function fakeConnect() {
  const ports: (PortLike & { posted: unknown[]; name: string; drop(): void; deliver(m: unknown): void })[] = [];
  const connect = (name: string) => {
    const disconnect: (() => void)[] = [];
    const message: ((m: unknown) => void)[] = [];
    const port = {
      name,
      posted: [] as unknown[],
      postMessage: (m: unknown) => void port.posted.push(m),
      onMessage: { addListener: (cb: (m: unknown) => void) => message.push(cb) },
      onDisconnect: { addListener: (cb: () => void) => disconnect.push(cb) },
      drop: () => disconnect.forEach((cb) => cb()),
      deliver: (m: unknown) => message.forEach((cb) => cb(m)),
    };
    ports.push(port);
    return port;
  };
  return { ports, connect };
}

const ID = '33333333-3333-4333-8333-333333333333';

describe('PageConnection', () => {
  it('reconnects with the same instance id after the port drops, and reports it', async () => {
    vi.useFakeTimers();
    const { ports, connect } = fakeConnect();
    const received: Action[] = [];
    const onReconnect = vi.fn();
    const c = new PageConnection(connect, 'about:newtab', ID, (a) => received.push(a), onReconnect, 10);
    c.open();
    expect(decodePortName(ports[0]!.name)).toEqual({ page: 'about:newtab', instanceId: ID, reconnect: false });
    ports[0]!.deliver(action('INIT', undefined));
    expect(received).toHaveLength(1);

    ports[0]!.drop();
    const whileDown = action('NEW_TAB_STATE_REQUEST', undefined);
    c.send(whileDown);
    await vi.advanceTimersByTimeAsync(10);
    expect(ports).toHaveLength(2);
    expect(decodePortName(ports[1]!.name)).toEqual({ page: 'about:newtab', instanceId: ID, reconnect: true });
    expect(ports[1]!.posted).toEqual([{ ...whileDown, seq: 1 }]);
    expect(onReconnect).toHaveBeenCalledWith(1);
    vi.useRealTimers();
  });

  it('posts what the background had not acknowledged again on the next port, and nothing it had', async () => {
    vi.useFakeTimers();
    const { ports, connect } = fakeConnect();
    const received: Action[] = [];
    const c = new PageConnection(connect, 'about:newtab', ID, (a) => received.push(a), () => undefined, 10);
    c.open();
    const first = action('SET_PREF', { name: 'showSearch', value: false });
    const second = action('SET_PREF', { name: 'showSearch', value: true });
    const third = action('NEW_TAB_STATE_REQUEST', undefined);
    c.send(first);
    c.send(second);
    c.send(third);
    expect(ports[0]!.posted).toEqual([{ ...first, seq: 1 }, { ...second, seq: 2 }, { ...third, seq: 3 }]);
    // The background got the first one; the others were lost as it was suspended.
    ports[0]!.deliver({ ack: 1 });
    expect(received).toEqual([]);
    ports[0]!.drop();
    await vi.advanceTimersByTimeAsync(10);
    expect(ports[1]!.posted).toEqual([{ ...second, seq: 2 }, { ...third, seq: 3 }]);
    ports[1]!.deliver({ ack: 3 });
    ports[1]!.drop();
    await vi.advanceTimersByTimeAsync(10);
    expect(ports[2]!.posted).toEqual([]);
    vi.useRealTimers();
  });

  it('connects at once for an action sent while the port is down, and only once', async () => {
    vi.useFakeTimers();
    const { ports, connect } = fakeConnect();
    const c = new PageConnection(connect, 'about:newtab', ID, () => undefined, () => undefined, 50);
    c.open();
    ports[0]!.drop();
    const click = action('SET_PREF', { name: 'showSearch', value: false });
    c.send(click);
    // The page may be gone before the retry delay: the action is on a new port already.
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ ...click, seq: 1 }]);
    await vi.advanceTimersByTimeAsync(50);
    expect(ports).toHaveLength(2);
    vi.useRealTimers();
  });

  it('flush replaces a dropped port that lost actions, and does nothing otherwise', () => {
    const { ports, connect } = fakeConnect();
    const c = new PageConnection(connect, 'about:newtab', ID, () => undefined, () => undefined, 50);
    c.open();
    const posted = action('NEW_TAB_STATE_REQUEST', undefined);
    c.send(posted);
    c.flush();
    expect(ports).toHaveLength(1);
    // Posted as the background was suspended: the drop comes after the post.
    ports[0]!.drop();
    c.flush();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ ...posted, seq: 1 }]);
    ports[1]!.deliver({ ack: 1 });
    ports[1]!.drop();
    c.flush();
    expect(ports).toHaveLength(2);
  });
});
