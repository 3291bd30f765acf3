import { describe, expect, it } from 'vitest';
import { buildMessagingPing, buildUndesiredEventPing, MESSAGING_DOC_TYPES } from './index';
import { CHANNELS, ONE_OF_EACH_MESSAGING_EVENT, testContext, UUIDS } from '../../../test-support/pingSamples';

const cfrClick = {
  action: 'cfr_user_event',
  event: 'CLICK_DOORHANGER',
  message_id: 'wikipedia_addon',
  bucket_id: 'CFR_M1',
  event_context: { modelVersion: 'model_7' },
} as const;

describe('buildMessagingPing', () => {
  it.each(ONE_OF_EACH_MESSAGING_EVENT.map((data) => [data.action, data] as const))(
    'sends %s to its messaging-system docType, without `action`',
    (action, data) => {
      const env = buildMessagingPing(testContext(), data);
      expect(env).toMatchObject({ namespace: 'messaging-system', docType: MESSAGING_DOC_TYPES[action], docVersion: 1 });
      expect(env.payload).not.toHaveProperty('action');
      expect(env.payload).toMatchObject({ event: data.event, addon_version: '20180710100040', version: '76.0a1' });
    },
  );

  describe.each(['cfr_user_event', 'moments_user_event'] as const)('%s policy', (action) => {
    it('on release without a bucket sends message_id n/a', () => {
      const { payload } = buildMessagingPing(testContext({ release_channel: 'release' }), { ...cfrClick, bucket_id: undefined });
      expect(payload).toMatchObject({ message_id: 'n/a' });
    });

    const data = action === 'cfr_user_event' ? cfrClick : { action, event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' } as const;

    it('on release sends only the bucket (as message_id for CFR, as the seed shows) and impression_id', () => {
      const { payload } = buildMessagingPing(testContext({ release_channel: 'release' }), data);
      const messageId = action === 'cfr_user_event' ? data.bucket_id : 'n/a';
      expect(payload).toMatchObject({ impression_id: UUIDS.impression, message_id: messageId, bucket_id: data.bucket_id, source: 'CFR' });
      expect(payload).not.toHaveProperty('client_id');
      expect(payload).not.toHaveProperty('event_context');
    });

    it.each(CHANNELS.filter((c) => c !== 'release'))('on %s sends client_id and the real message_id', (release_channel) => {
      const { payload } = buildMessagingPing(testContext({ release_channel }), data);
      expect(payload).toMatchObject({ client_id: UUIDS.client, message_id: data.message_id, bucket_id: data.bucket_id });
      expect(payload).not.toHaveProperty('impression_id');
    });

    it('on release inside a CFR experiment follows the prerelease rule', () => {
      const byFlag = buildMessagingPing(testContext({ release_channel: 'release' }), { ...data, in_experiment: true });
      const byExperiment = buildMessagingPing(
        testContext({ release_channel: 'release', experiments: { 'cfr-doorhanger': { branch: 'treatment' } } }),
        data,
      );
      for (const { payload } of [byFlag, byExperiment]) {
        expect(payload).toMatchObject({ client_id: UUIDS.client, message_id: data.message_id });
        expect(payload).not.toHaveProperty('impression_id');
      }
    });
  });

  it('stringifies the CFR model version context on prerelease', () => {
    const { payload } = buildMessagingPing(testContext({ release_channel: 'nightly' }), cfrClick);
    expect(payload.event_context).toBe('{"modelVersion":"model_7"}');
  });

  it.each(ONE_OF_EACH_MESSAGING_EVENT.filter((d) => !['cfr_user_event', 'moments_user_event', 'asrouter_undesired_event'].includes(d.action)).map((d) => [d.action, d] as const))(
    '%s always reports client_id and browser_session_id, on every channel',
    (_action, data) => {
      const { payload } = buildMessagingPing(testContext({ release_channel: 'release' }), data);
      expect(payload).toMatchObject({ client_id: UUIDS.client, browser_session_id: UUIDS.browserSession, message_id: data.message_id });
      expect(payload).not.toHaveProperty('impression_id');
    },
  );

  it('adds the page to the onboarding context', () => {
    const { payload } = buildMessagingPing(testContext(), {
      action: 'onboarding_user_event',
      event: 'SESSION_END',
      message_id: 'DEFAULT_ABOUTWELCOME',
      event_context: { reason: 'welcome-tab-closed' },
    });
    expect(payload.event_context).toBe('{"page":"about:welcome","reason":"welcome-tab-closed"}');
  });

  it("stringifies the What's New value", () => {
    const { payload } = buildMessagingPing(testContext(), {
      action: 'whats-new-panel_user_event',
      event: 'WNP_PREF_TOGGLE',
      message_id: 'n/a',
      value: { prefValue: true },
    });
    expect(payload.value).toBe('{"prefValue":true}');
  });

  it('keys ASRouter undesired events by impression_id only', () => {
    const { payload } = buildMessagingPing(testContext(), {
      action: 'asrouter_undesired_event',
      event: 'TARGETING_EXPRESSION_ERROR',
      message_id: 'some_message_id',
      event_context: 'MALFORMED_EXPRESSION',
    });
    expect(payload).toMatchObject({ impression_id: UUIDS.impression, message_id: 'some_message_id', event_context: 'MALFORMED_EXPRESSION' });
    expect(payload).not.toHaveProperty('client_id');
    expect(payload).not.toHaveProperty('browser_session_id');
  });
});

describe('buildUndesiredEventPing', () => {
  it('reports our own client-side problems as messaging-system/undesired-events/1', () => {
    const env = buildUndesiredEventPing(testContext(), 'TELEMETRY_QUEUE_OVERFLOW', 3, '{"dropped":3}');
    expect(env).toMatchObject({ namespace: 'messaging-system', docType: 'undesired-events', docVersion: 1 });
    expect(env.payload).toMatchObject({
      impression_id: UUIDS.impression,
      event: 'TELEMETRY_QUEUE_OVERFLOW',
      value: 3,
      event_context: '{"dropped":3}',
    });
    expect(env.payload).not.toHaveProperty('client_id');
  });
});
