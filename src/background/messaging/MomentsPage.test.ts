import { describe, expect, it } from 'vitest';
import { createSurfacesHarness } from '../../test-support/fakeSurfaces';
import { testContext } from '../../test-support/pingSamples';
import { buildMessagingPing } from '../telemetry/pings/index';
import type { memoryStorage } from '../storage';
import { ADDON_VERSION_KEY, MOMENTS_KEY } from './MomentsPage';

const DAY = 24 * 60 * 60 * 1000;
const UPDATED = {
  id: 'WNP_THANK_YOU',
  template: 'update_action',
  trigger: { id: 'extensionUpdated' },
  content: { action: { id: 'moments-wnp', data: { url: 'https://example.org/thank-you', expireDelta: 7 * DAY } } },
};
const SCHEDULED = {
  id: 'MOMENTS_NEW_YEAR',
  template: 'update_action',
  bucket_id: 'MOMENTS_2027',
  trigger: { id: 'momentsPageHub' },
  targeting: "currentDate|date >= '2027-01-01'|date",
  content: { action: { id: 'moments-wnp', data: { url: 'https://example.org/new-year' } } },
};

/** One background start after another on the same storage, as browser starts are. */
async function startBrowser(o: { remote: unknown[]; local?: ReturnType<typeof memoryStorage>; now?: { value: number } }, version: string, newSession = true) {
  const now = o.now ?? { value: Date.UTC(2026, 0, 1, 12) };
  const h = await createSurfacesHarness({ ...o, now, attributes: { currentDate: () => new Date(now.value) } });
  await h.moments.start(newSession, version);
  return h;
}

describe('MomentsPage', () => {
  it('after an update, sets the page (MOMENTS_PAGE_SET), and opens it once at the next browser start', async () => {
    const install = await startBrowser({ remote: [UPDATED] }, '1.0.0');
    expect(install.pings()).toEqual([]); // the install is no update
    const updated = await startBrowser({ remote: [UPDATED], local: install.local, now: install.clock }, '1.1.0');
    expect(updated.pings()).toEqual([{ action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' }]);
    expect(updated.opened).toEqual([]);
    expect(updated.router.whyNot(updated.router.find(UPDATED.id)!)).toBe('blocked');

    const wokeUp = await startBrowser({ remote: [UPDATED], local: install.local, now: install.clock }, '1.1.0', false);
    expect(wokeUp.opened).toEqual([]); // a background wake-up is no browser start
    const next = await startBrowser({ remote: [UPDATED], local: install.local, now: install.clock }, '1.1.0');
    expect(next.opened).toEqual(['https://example.org/thank-you']);
    const after = await startBrowser({ remote: [UPDATED], local: install.local, now: install.clock }, '1.1.0');
    expect(after.opened).toEqual([]);
    expect(after.local.data[MOMENTS_KEY]).toBeUndefined();
    expect(after.local.data[ADDON_VERSION_KEY]).toBe('1.1.0');
  });

  it('sets a page for a date in its targeting, and does not open one that expired before the next start', async () => {
    const now = { value: Date.UTC(2026, 11, 31) };
    const before = await startBrowser({ remote: [SCHEDULED], now }, '1.0.0');
    expect(before.pings()).toEqual([]);
    now.value = Date.UTC(2027, 0, 1, 9);
    const due = await startBrowser({ remote: [SCHEDULED], local: before.local, now }, '1.0.0');
    expect(due.pings()).toEqual([{ action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'MOMENTS_NEW_YEAR', bucket_id: 'MOMENTS_2027' }]);
    expect(due.opened).toEqual([]); // set during this start: opened at the next one
    const opened = await startBrowser({ remote: [SCHEDULED], local: before.local, now }, '1.0.0');
    expect(opened.opened).toEqual(['https://example.org/new-year']);

    const expiring = await startBrowser({ remote: [UPDATED] }, '1.0.0');
    await startBrowser({ remote: [UPDATED], local: expiring.local, now: expiring.clock }, '2.0.0');
    expiring.clock.value += 8 * DAY;
    const late = await startBrowser({ remote: [UPDATED], local: expiring.local, now: expiring.clock }, '2.0.0');
    expect(late.opened).toEqual([]);
  });

  it("sends the seed's two forms: release with bucket_id and message_id n/a, others with client, message and bucket", () => {
    const data = { action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' } as const;
    const release = buildMessagingPing(testContext({ release_channel: 'release' }), data).payload;
    expect(release).toMatchObject({ bucket_id: 'WNP_THANK_YOU', message_id: 'n/a', source: 'CFR', event: 'MOMENTS_PAGE_SET' });
    expect(release.impression_id).toMatch(/^\{/);
    expect(release).not.toHaveProperty('client_id');
    const beta = buildMessagingPing(testContext({ release_channel: 'beta' }), data).payload;
    expect(beta).toMatchObject({ client_id: expect.any(String), message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' });
  });
});
