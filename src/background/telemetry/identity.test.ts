import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage';
import { BROWSER_SESSION_KEY, IDENTITY_KEY, TelemetryIdentity } from './identity';
import { FakeClock, RecordingLog } from '../../test-support/telemetryHarness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BRACED = /^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/;

function identity(local = memoryStorage(), session = memoryStorage(), log = new RecordingLog()) {
  const clock = new FakeClock(Date.UTC(2026, 0, 10, 15));
  return { local, session, log, id: new TelemetryIdentity(local, session, () => crypto.randomUUID(), () => clock.now, log) };
}

describe('TelemetryIdentity', () => {
  it('makes the ids once, in their formats, dated from the install', async () => {
    const { id, local } = identity();
    const ids = await id.load();
    expect(ids.client_id).toMatch(UUID);
    expect(ids.impression_id).toMatch(BRACED);
    expect(ids.context_id).toMatch(BRACED);
    expect(ids.browser_session_id).toMatch(UUID);
    expect(ids.profile_creation_date).toBe(Math.floor(Date.UTC(2026, 0, 10) / 86_400_000));
    expect(new Set([ids.client_id, ids.impression_id, ids.context_id, ids.browser_session_id]).size).toBe(4);
    expect(local.data[IDENTITY_KEY]).not.toHaveProperty('browser_session_id');
  });

  it('keeps the ids across background starts; the browser session id only within a browser session', async () => {
    const first = identity();
    const a = await first.id.load();
    const sameSession = await identity(first.local, first.session).id.load();
    expect(sameSession).toEqual(a);
    const nextBrowserStart = await identity(first.local, memoryStorage()).id.load();
    expect(nextBrowserStart.client_id).toBe(a.client_id);
    expect(nextBrowserStart.browser_session_id).not.toBe(a.browser_session_id);
  });

  it('replaces the three ids on rotate, and keeps the profile date', async () => {
    const { id, local, session } = identity();
    const before = await id.load();
    const after = await id.rotate();
    expect(after.client_id).not.toBe(before.client_id);
    expect(after.impression_id).not.toBe(before.impression_id);
    expect(after.context_id).not.toBe(before.context_id);
    expect(after.profile_creation_date).toBe(before.profile_creation_date);
    expect(after.browser_session_id).toBe(before.browser_session_id);
    expect(await identity(local, session).id.load()).toEqual(after);
  });

  it('makes new ids, with a clear error, when the stored ones are corrupt', async () => {
    const local = memoryStorage({ [IDENTITY_KEY]: { client_id: 'not-a-uuid' } });
    const session = memoryStorage({ [BROWSER_SESSION_KEY]: 42 });
    const { id, log } = identity(local, session);
    const ids = await id.load();
    expect(ids.client_id).toMatch(UUID);
    expect(ids.browser_session_id).toMatch(UUID);
    expect(String(log.errors[0]?.[0])).toMatch(/stored ids are corrupt/);
  });
});
