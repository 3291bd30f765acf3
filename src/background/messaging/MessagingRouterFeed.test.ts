import { describe, expect, it } from 'vitest';
import { ac, action } from '../../common/actions';
import { buildMessagingPing } from '../telemetry/pings/index';
import { memoryStorage } from '../storage';
import { SAMPLE_MESSAGES } from '../../../scripts/sampleMessages.mjs';
import { collectionUrl, createRouterHarness } from '../../test-support/fakeMessaging';
import { describeAgainstMozilla } from '../../test-support/describeAgainstMozilla';
import { errorsOf, mozillaValidator } from '../../test-support/pingSchemas';
import { CHANNELS, testContext } from '../../test-support/pingSamples';
import { CFR_FAMILY, surfaceEventPing, type SurfaceEvent } from './messagePings';
import { REMOTE_MAX_AGE_MS } from './providers';

const [SPOTLIGHT, INFOBAR, SNIPPET] = SAMPLE_MESSAGES as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
const PAGE = 'page-1';

async function newTab(h: ReturnType<typeof createRouterHarness>, port: string) {
  await h.connect(port);
  await h.fromPage(port, ac.MessagingTrigger());
  return h.shown().filter((s) => s.to === port).at(-1)?.id ?? null;
}

describe('MessagingRouterFeed', () => {
  it('shows the highest-priority message whose targeting matches, to the page that asked', async () => {
    const h = createRouterHarness({ remote: [SNIPPET, { ...SPOTLIGHT, targeting: 'browserVersion < 10' }, INFOBAR] });
    await h.start();
    expect(await newTab(h, PAGE)).toBe(INFOBAR.id);
    expect(h.shown()).toEqual([{ to: PAGE, id: INFOBAR.id }]);
  });

  it('answers once per page session, and never in a private window', async () => {
    const h = createRouterHarness({ remote: [SNIPPET] });
    await h.start();
    await newTab(h, PAGE);
    await h.fromPage(PAGE, ac.MessagingTrigger());
    await h.connect('private', 'about:newtab', true);
    await h.fromPage('private', ac.MessagingTrigger());
    expect(h.shown()).toEqual([{ to: PAGE, id: SNIPPET.id }, { to: 'private', id: null }]);
  });

  it('counts impressions against caps that survive a restart', async () => {
    const local = memoryStorage();
    const capped = { ...SNIPPET, frequency: { lifetime: 2 } };
    for (let i = 0; i < 2; i++) {
      const h = createRouterHarness({ local, remote: [capped] });
      await h.start();
      expect(await newTab(h, `p${i}`)).toBe(SNIPPET.id);
      await h.fromPage(`p${i}`, ac.MessagingImpression(SNIPPET.id as string));
      await h.fromPage(`p${i}`, ac.MessagingImpression(SNIPPET.id as string));
      expect(h.pings()).toEqual([{ action: 'snippets_user_event', event: 'IMPRESSION', source: 'NEWTAB_FOOTER_BAR', message_id: SNIPPET.id, bucket_id: SNIPPET.bucket_id }]);
    }
    const after = createRouterHarness({ local, remote: [capped] });
    await after.start();
    expect(await newTab(after, 'p2')).toBeNull();
  });

  it('blocks for good from the snippet dismiss button', async () => {
    const local = memoryStorage();
    const h = createRouterHarness({ local, remote: [SNIPPET] });
    await h.start();
    await newTab(h, PAGE);
    await h.fromPage(PAGE, ac.MessagingBlock(SNIPPET.id as string));
    expect(h.pings().at(-1)).toMatchObject({ action: 'snippets_user_event', event: 'BLOCK' });
    const restarted = createRouterHarness({ local, remote: [SNIPPET] });
    await restarted.start();
    expect(await newTab(restarted, 'p2')).toBeNull();
  });

  it('ignores reports about a message the page was not sent', async () => {
    const h = createRouterHarness({ remote: [SNIPPET, INFOBAR] });
    await h.start();
    await newTab(h, PAGE);
    await h.fromPage(PAGE, ac.MessagingImpression(SNIPPET.id as string));
    await h.fromPage(PAGE, ac.MessagingBlock(SNIPPET.id as string));
    expect(h.pings()).toEqual([]);
  });

  it("runs the message's own action for a button and sends its ping", async () => {
    const h = createRouterHarness({ remote: [INFOBAR] });
    await h.start();
    await newTab(h, PAGE);
    await h.fromPage(PAGE, ac.MessagingButton(INFOBAR.id as string, 'primary'));
    expect(h.opened).toEqual(['https://support.mozilla.org/kb/customize-items-on-firefox-new-tab-page']);
    expect(h.pings()).toEqual([expect.objectContaining({ action: 'infobar_user_event', event: 'CLICK_PRIMARY_BUTTON' })]);
  });

  it('skips snippets when the Snippets switch is off, and CFR groups when their pref is off', async () => {
    const cfr = {
      id: 'CFR_X',
      template: 'cfr_doorhanger',
      content: { category: 'cfrAddons', heading_text: 'H', text: 'T', rationale: 'R', primary: { label: 'Add', action: { type: 'OPEN_SETTINGS' } } },
      trigger: { id: 'firstRun' },
    };
    const shownCfr: string[] = [];
    const h = createRouterHarness({
      remote: [SNIPPET, cfr],
      prefs: { 'feeds.snippets': false, 'asrouter.userprefs.cfr.addons': false },
      surfaces: new Map([['cfr_doorhanger', { show: (m) => void shownCfr.push(m.id) }]]),
    });
    await h.start();
    expect(await newTab(h, PAGE)).toBeNull();
    await h.feed.trigger({ id: 'firstRun' });
    expect(shownCfr).toEqual([]);
    await h.setPref('asrouter.userprefs.cfr.addons', true);
    await h.feed.trigger({ id: 'firstRun' });
    expect(shownCfr).toEqual(['CFR_X']);
  });

  it('sends exactly one targeting error ping per broken message, and shows the next one', async () => {
    const h = createRouterHarness({
      remote: [{ ...SNIPPET, id: 'MALFORMED', priority: 99, targeting: 'locale ==' }, { ...SNIPPET, id: 'THROWS', priority: 98, targeting: 'broken == 1' }, INFOBAR],
      attributes: { broken: () => { throw new Error('no'); } },
    });
    await h.start();
    for (const port of ['a', 'b', 'c']) expect(await newTab(h, port)).toBe(INFOBAR.id);
    expect(h.pings()).toEqual([
      { action: 'asrouter_undesired_event', event: 'TARGETING_EXPRESSION_ERROR', message_id: 'MALFORMED', event_context: 'MALFORMED_EXPRESSION' },
      { action: 'asrouter_undesired_event', event: 'TARGETING_EXPRESSION_ERROR', message_id: 'THROWS', event_context: 'OTHER_ERROR' },
    ]);
  });

  it('reports a failing provider once per episode and keeps its last good messages', async () => {
    const local = memoryStorage();
    const h = createRouterHarness({ local, remote: [SNIPPET] });
    await h.start();
    h.answers.set(collectionUrl(), { status: 500, body: 'down' });
    h.clock.value += REMOTE_MAX_AGE_MS;
    await h.dispatch(action('MESSAGING_ADMIN_RELOAD', undefined));
    await h.feed.refresh(false);
    await h.feed.refresh(false);
    expect(h.pings()).toEqual([{ action: 'asrouter_undesired_event', event: 'ASR_RS_ERROR', event_context: 'remote-messages' }]);
    expect(await newTab(h, PAGE)).toBe(SNIPPET.id);
    // A restart in the same episode stays quiet; an empty collection is a new episode.
    const restarted = createRouterHarness({ local, remote: [SNIPPET] });
    await restarted.router.load(false);
    restarted.answers.set(collectionUrl(), { status: 500, body: 'down' });
    await restarted.feed.refresh(false);
    restarted.answers.set(collectionUrl(), { status: 200, body: { data: [] } });
    await restarted.feed.refresh(false);
    await restarted.dispatch(action('INIT', undefined));
    expect(restarted.pings()).toEqual([{ action: 'asrouter_undesired_event', event: 'ASR_RS_NO_MESSAGES', event_context: 'remote-messages' }]);
    expect(restarted.router.messages.map((m) => m.id)).toEqual([SNIPPET.id]);
  });

  it('uses the cached collection until it is older than its max age', async () => {
    const local = memoryStorage();
    const h = createRouterHarness({ local, remote: [SNIPPET] });
    await h.start();
    const again = createRouterHarness({ local, remote: [SNIPPET], now: h.clock });
    await again.start();
    expect(again.fetch.calls.filter((u) => u.startsWith('https://'))).toEqual([]);
    again.clock.value += REMOTE_MAX_AGE_MS;
    await again.feed.refresh(true);
    expect(again.fetch.calls.filter((u) => u.startsWith('https://'))).toEqual([collectionUrl()]);
  });

  it('answers the settings page with the admin state, and only that page', async () => {
    const h = createRouterHarness({ remote: [SNIPPET, { ...INFOBAR, targeting: 'locale ==' }] });
    await h.start();
    await h.connect('options', 'about:preferences');
    await h.fromPage('options', ac.MessagingAdminRequest());
    const answer = h.store.dispatched.filter((a) => a.type === 'MESSAGING_ADMIN_STATE').at(-1)!;
    expect(answer.meta?.toTarget).toBe('options');
    expect(answer.data).toMatchObject({
      providers: [{ id: 'local-messages', state: 'empty' }, { id: 'remote-messages', state: 'ok', messageCount: 2 }],
      messages: [
        { id: INFOBAR.id, targeting: { result: 'error' } },
        { id: SNIPPET.id, targeting: { result: true }, impressions: 0, blocked: false, capped: false },
      ],
    });
    await h.fromPage(PAGE, ac.MessagingAdminRequest());
    expect(h.store.dispatched.filter((a) => a.type === 'MESSAGING_ADMIN_STATE')).toHaveLength(1);
  });
});

describe('messaging pings', () => {
  const surfaceEvents: [string, SurfaceEvent[]][] = [
    ['simple_snippet', ['IMPRESSION', 'CLICK_PRIMARY', 'BLOCK']],
    ['infobar', ['IMPRESSION', 'CLICK_PRIMARY', 'CLICK_SECONDARY', 'DISMISS']],
    ['spotlight', ['IMPRESSION', 'CLICK_PRIMARY', 'DISMISS']],
  ];

  it.each(CFR_FAMILY.flatMap((template) => CHANNELS.map((channel) => [template, channel] as const)))(
    'CFR family %s on %s: release sends the bucket as message_id and no client',
    (template, channel) => {
      const data = surfaceEventPing({ id: 'REAL_ID', template, bucket_id: 'BUCKET' }, 'IMPRESSION')!;
      const { payload } = buildMessagingPing(testContext({ release_channel: channel }), data);
      if (channel === 'release') {
        expect(payload).toMatchObject({ message_id: 'BUCKET', impression_id: expect.any(String) });
        expect(payload).not.toHaveProperty('client_id');
      } else {
        expect(payload).toMatchObject({ message_id: 'REAL_ID', client_id: expect.any(String) });
        expect(payload).not.toHaveProperty('impression_id');
      }
    },
  );

  describeAgainstMozilla("valid against Mozilla's messaging-system schemas", (dir) => {
    const cases = [
      ...surfaceEvents.flatMap(([template, events]) => events.map((e) => [template, e] as const)),
      ...CFR_FAMILY.map((t) => [t, 'IMPRESSION'] as const),
    ];
    it.each(cases.flatMap(([t, e]) => CHANNELS.map((c) => [t, e, c] as const)))('%s %s on %s', (template, event, channel) => {
      const data = surfaceEventPing({ id: 'SOME_ID', template: template as never, bucket_id: 'BUCKET' }, event)!;
      const env = buildMessagingPing(testContext({ release_channel: channel }), data);
      const validate = mozillaValidator(dir, env.namespace, env.docType, env.docVersion)!;
      expect(validate(env.payload), errorsOf(validate)).toBe(true);
    });
    it.each(['MALFORMED_EXPRESSION', 'OTHER_ERROR', 'ASR_RS_ERROR', 'ASR_RS_NO_MESSAGES'])('undesired event %s', (kind) => {
      const data = kind.startsWith('ASR')
        ? ({ action: 'asrouter_undesired_event', event: kind, event_context: 'remote-messages' } as const)
        : ({ action: 'asrouter_undesired_event', event: 'TARGETING_EXPRESSION_ERROR', message_id: 'X', event_context: kind } as const);
      const env = buildMessagingPing(testContext(), data as never);
      const validate = mozillaValidator(dir, env.namespace, env.docType, env.docVersion)!;
      expect(validate(env.payload), errorsOf(validate)).toBe(true);
    });
  });
});
