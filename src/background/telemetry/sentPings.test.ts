// The registry of pings this build sends (common/pings/registry.ts) must be
// true: every kind it lists has a sender. For each kind, product code (not a
// test, not the action vocabulary itself) dispatches every action the kind is
// sent on, and dispatching them through the real TelemetryFeed produces a
// ping of that kind.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ac, action, type ActionType } from '../../common/actions';
import { SENT_PINGS, type SentDocType } from '../../common/pings/registry';
import { createTelemetryHarness, type HarnessOptions, type TelemetryHarness } from '../../test-support/telemetryHarness';

const SRC = resolve(import.meta.dirname, '../..');
const PAGE = '11111111-1111-4111-8111-111111111111';

/** Files that declare, route or check actions, or fake a sender: none of them sends anything. */
const NOT_SENDERS = new Set(['common/actions.ts', 'background/messages.ts']);

function productSources(dir = SRC): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productSources(path);
    const rel = relative(SRC, path);
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name) || rel.startsWith('test-support/') || NOT_SENDERS.has(rel)) return [];
    return [{ path: rel, text: readFileSync(path, 'utf8') }];
  });
}

/** `ac` creator name → the action type it makes, read from actions.ts. */
function creators(): Map<string, string> {
  const source = readFileSync(join(SRC, 'common/actions.ts'), 'utf8');
  const body = source.slice(source.indexOf('export const ac = {'));
  return new Map([...body.matchAll(/^\s{2}(\w+):[^]*?action\('(\w+)'/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Where product code dispatches `type`: `action('TYPE', …)` or its `ac.Creator(…)`. */
function sendersOf(type: ActionType): string[] {
  const names = [...creators()].filter(([, t]) => t === type).map(([name]) => name);
  return productSources()
    .filter(({ text }) => text.includes(`action('${type}'`) || names.some((n) => text.includes(`ac.${n}(`)))
    .map(({ path }) => path);
}

type Scenario = (h: TelemetryHarness) => Promise<void>;

/** For each kind, the registry's actions doing what the product does; typed so a new kind needs one. */
const SCENARIOS: Record<SentDocType, { options?: HarnessOptions; run: Scenario }> = {
  'activity-stream/events': { run: (h) => h.fromPage(PAGE, ac.UserEvent({ event: 'SHOW_PERSONALIZE' })) },
  'activity-stream/sessions': {
    run: async (h) => {
      await h.fromPage(PAGE, ac.PerfData({ visibility_event_rcvd_ts: h.clock.now }));
      await h.unload(PAGE);
    },
  },
  'activity-stream/impression-stats': { run: (h) => h.fromPage(PAGE, ac.ImpressionStats({ source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }], click: 0 })) },
  'activity-stream/spoc-fills': { run: (h) => h.dispatch(ac.DiscoveryStreamSpocsFill({ spoc_fills: [{ id: 9, displayed: 1, reason: 'n/a', full_recalc: 1 }] })) },
  'contextual-services/topsites-impression': {
    run: (h) => h.fromPage(PAGE, ac.SponsoredTileEvent({ type: 'impression', tile_id: 3, position: 1, advertiser: 'example', source: 'newtab' })),
  },
  'contextual-services/topsites-click': {
    run: (h) => h.fromPage(PAGE, ac.SponsoredTileEvent({ type: 'click', tile_id: 3, position: 1, advertiser: 'example', source: 'newtab' })),
  },
  'messaging-system/undesired-events': {
    options: { queueLimits: { maxCount: 2, maxBytes: 1_000_000, maxPingBytes: 100_000 } },
    run: async (h) => {
      h.transport.respond = () => ({ kind: 'failed', retryable: true, status: null });
      for (let i = 0; i < 3; i++) await h.fromPage(PAGE, ac.UserEvent({ event: 'CLICK', action_position: i }));
      await h.settle();
      h.transport.respond = (pings) => ({ kind: 'documents', statuses: pings.map(() => 'delivered') });
    },
  },
  'open-activity-stream/deletion-request': { run: (h) => h.setPref('telemetry', false) },
  'messaging-system/snippets': {
    run: (h) => h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'snippets_user_event', event: 'IMPRESSION', message_id: 'S', source: 'NEWTAB_FOOTER_BAR' })),
  },
  'messaging-system/infobar': {
    run: (h) => h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'infobar_user_event', event: 'DISMISSED', message_id: 'I' })),
  },
  'open-activity-stream/messaging-experiments': {
    run: (h) =>
      h.dispatch(action('EXPERIMENT_EVENT', { category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: 'welcome-order', extra_keys: { branch: 'treatment' } })),
  },
  'messaging-system/onboarding': {
    run: (h) =>
      h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'onboarding_user_event', event: 'IMPRESSION', message_id: 'DEFAULT_ABOUTWELCOME_SITES' })),
  },
  'messaging-system/spotlight': {
    run: (h) => h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'spotlight_user_event', event: 'CLICK', message_id: 'P' })),
  },
  'messaging-system/cfr': {
    run: (h) => h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'cfr_user_event', event: 'CLICK', message_id: 'FXA_ACCOUNTS_BADGE' })),
  },
  'activity-stream/pocket-button': { run: (h) => h.fromPage(PAGE, ac.PocketButtonEvent({ action: 'click', position: 0, source: 'view_list' })) },
  'activity-stream/on-save-recs': { run: (h) => h.fromPage(PAGE, ac.OnSaveRecs([{ action: 'impression', position: 0 }])) },
  'messaging-system/moments': {
    run: (h) =>
      h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' })),
  },
  'messaging-system/whats-new-panel': {
    run: (h) =>
      h.dispatch(action('AS_ROUTER_TELEMETRY_USER_EVENT', { action: 'whats-new-panel_user_event', event: 'IMPRESSION', message_id: 'A,B', value: { view: 'toolbar_dropdown' } })),
  },
};

describe('the pings this build sends', () => {
  it('lists each kind once', () => {
    const kinds = SENT_PINGS.map((p) => p.docType);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  for (const { docType, sentOn } of SENT_PINGS) {
    it(`${docType}: product code sends ${sentOn.join(', ')}, and that makes the ping`, async () => {
      for (const type of sentOn) expect(sendersOf(type), `nothing dispatches ${type}`).not.toEqual([]);
      const { options, run } = SCENARIOS[docType];
      const h = createTelemetryHarness(options);
      await h.start();
      await h.connect(PAGE);
      await run(h);
      await h.settle();
      await h.feed.sender.flushAll();
      const sent = h.transport.sent.map((d) => d.uri.split('/').slice(2, 4).join('/'));
      expect(sent).toContain(docType);
    });
  }

  it('finds no sender for an action only the vocabulary names', () => {
    // Pages never build messaging pings: only the background's router sends them.
    expect(sendersOf('AS_ROUTER_TELEMETRY_USER_EVENT').sort()).toEqual(['background/messaging/MessagingRouterFeed.ts', 'background/onboarding/OnboardingFeed.ts']);
    expect(sendersOf('TELEMETRY_USER_EVENT').length).toBeGreaterThan(3);
    expect(sendersOf('NEW_TAB_UNLOAD')).toEqual(['background/MessageChannel.ts']);
  });
});
