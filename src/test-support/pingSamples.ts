// Test-only: a fixed PingContext and builder output for every enum value the
// seed names. Imported by the ping tests, the schema conformance suites, the
// metrics catalog test and the benchmarks.
import * as T from '../common/pings/types';
import type { MessagingEventData, PageSession, PingContext, PingEnvelope } from '../common/pings/types';
import { UNENROLL_REASONS, type ExperimentEventData } from '../common/experiments/types';
import { LISTS_WIDGET_ACTIONS } from '../common/widgets/lists';
import { TIMER_MODES } from '../common/widgets/timer';
import {
  buildDeletionRequestPing,
  buildExperimentEventPing,
  buildImpressionStatsPing,
  buildMessagingPing,
  buildOnSaveRecsPing,
  buildPageTakeoverPing,
  buildPocketButtonPing,
  buildSessionPing,
  buildSpocFillsPing,
  buildSponsoredTilePing,
  buildTabPinnedPing,
  buildUndesiredEventPing,
  buildUserEventPing,
} from '../background/telemetry/pings/index';

export const UUIDS = {
  client: '26288a14-5cc4-d14f-ae0a-bb01ef45be9c',
  impression: '{005deed0-e3e4-4c02-a041-17405fd703f6}',
  context: '{94642acb-4996-034b-916c-147da723cc41}',
  browserSession: 'e7e52665-7db3-f348-9918-e93160eb2ef3',
  session: '{0b8e1c36-7a57-4d2b-9c1f-3a2d5e6f7a8b}',
};

export function testContext(overrides: Partial<PingContext> = {}): PingContext {
  let docCount = 0;
  return {
    client_id: UUIDS.client,
    impression_id: UUIDS.impression,
    context_id: UUIDS.context,
    browser_session_id: UUIDS.browserSession,
    addon_version: '20180710100040',
    version: '76.0a1',
    locale: 'en-US',
    release_channel: 'default',
    experiments: { experiment_1: { branch: 'control' }, experiment_2: { branch: 'treatment' } },
    user_prefs: 7,
    profile_creation_date: 14786,
    newDocId: () => `00000000-0000-4000-8000-${String(++docCount).padStart(12, '0')}`,
    ...overrides,
  };
}

export const SESSION: PageSession = { session_id: UUIDS.session, page: 'about:newtab' };

export interface Sample {
  label: string;
  env: PingEnvelope;
}

export const CHANNELS = ['release', 'beta', 'nightly', 'default'] as const;

/** Builder output covering every enum value the seed names, per builder. */
export function everyBuilderSample(): Sample[] {
  const ctx = testContext();
  const samples: Sample[] = [];
  const add = (label: string, env: PingEnvelope) => samples.push({ label, env });

  // User events.
  for (const event of T.USER_EVENTS) add(`event ${event}`, buildUserEventPing(ctx, SESSION, { event }));
  for (const source of T.USER_EVENT_SOURCES) {
    add(`source ${source}`, buildUserEventPing(ctx, SESSION, { event: 'CLICK', source, action_position: 0 }));
  }
  for (const page of T.PAGES) {
    add(`page ${page}`, buildUserEventPing(ctx, { session_id: UUIDS.session, page }, { event: 'SEARCH' }));
  }
  add('no session', buildUserEventPing(ctx, null, { event: 'PREVIEW_REQUEST', source: 'TOP_SITES' }));
  for (const card_type of T.CARD_TYPES) {
    for (const icon_type of T.ICON_TYPES) {
      const value = { card_type, icon_type, ...(card_type === 'search' ? { search_vendor: 'google' } : {}) };
      add(`top site ${card_type}/${icon_type}`, buildUserEventPing(ctx, SESSION, { event: 'CLICK', source: 'TOP_SITES', action_position: 2, value }));
    }
  }
  for (const topic of T.POPULAR_TOPICS) {
    add(`topic ${topic}`, buildUserEventPing(ctx, SESSION, { event: 'CLICK', source: 'POPULAR_TOPICS', value: { topic } }));
  }
  for (const menu_source of T.PREF_MENU_SOURCES) {
    for (const status of [true, false]) {
      add(`pref ${menu_source} ${status}`, buildUserEventPing(ctx, SESSION, { event: 'PREF_CHANGED', source: 'TOP_STORIES', value: { status, menu_source } }));
    }
  }
  for (const widget_action of LISTS_WIDGET_ACTIONS) {
    add(`lists ${widget_action}`, buildUserEventPing(ctx, SESSION, { event: 'WIDGET_LISTS_CHANGE', source: 'WIDGET_LISTS', value: { widget_action } }));
  }
  for (const timer_mode of TIMER_MODES) {
    add(`timer ${timer_mode}`, buildUserEventPing(ctx, SESSION, { event: 'WIDGET_TIMER_PLAY', source: 'WIDGET_FOCUS_TIMER', value: { timer_mode } }));
  }
  add('timer end, sessionless', buildUserEventPing(ctx, null, { event: 'WIDGET_TIMER_END', source: 'WIDGET_FOCUS_TIMER', value: { timer_mode: 'break' } }));
  for (const event of ['SEARCH_EDIT_ADD', 'SEARCH_EDIT_DELETE'] as const) {
    add(event, buildUserEventPing(ctx, SESSION, { event, source: 'TOP_SITES', action_position: 2, value: { search_vendor: 'amazon.com' } }));
  }
  for (const selected_wallpaper of ['dunes', 'custom-color', 'custom-image']) {
    add(`wallpaper ${selected_wallpaper}`, buildUserEventPing(ctx, SESSION, { event: 'WALLPAPER_SELECT', source: 'WALLPAPERS', value: { selected_wallpaper, had_previous_wallpaper: false } }));
  }
  add('wallpaper upload', buildUserEventPing(ctx, SESSION, { event: 'WALLPAPER_UPLOAD', source: 'WALLPAPERS', value: { had_previous_wallpaper: true } }));
  add('new top site', buildUserEventPing(ctx, SESSION, { event: 'TOP_SITES_EDIT', source: 'TOP_SITES_SOURCE', action_position: -1 }));
  for (const event of ['TOPIC_FOLLOW', 'TOPIC_UNFOLLOW', 'TOPIC_BLOCK', 'TOPIC_UNBLOCK'] as const) {
    add(`${event} from a section`, buildUserEventPing(ctx, SESSION, { event, source: 'TOPIC_SECTION', action_position: 1, value: { section: 'science' } }));
    add(`${event} from the panel`, buildUserEventPing(ctx, SESSION, { event, source: 'TOPICS_PANEL', action_position: 0, value: { section: 'home-and_garden' } }));
  }
  for (const event of ['THUMBS_UP', 'THUMBS_DOWN'] as const) {
    add(event, buildUserEventPing(ctx, SESSION, { event, source: 'CARDGRID', action_position: 4, value: { card_type: 'organic', section: 'science' } }));
  }
  for (const report_reason of T.REPORT_REASONS) {
    const card_type = (T.SPOC_REPORT_REASONS as readonly string[]).includes(report_reason) ? 'spoc' : 'organic';
    add(`report ${report_reason}`, buildUserEventPing(ctx, SESSION, { event: 'REPORT_CONTENT', source: 'CARDGRID', action_position: 2, value: { card_type, report_reason } }));
  }
  for (const category of T.PAGE_CATEGORIES) {
    add(`takeover home ${category}`, buildPageTakeoverPing(ctx, { home_url_category: category }));
    add(`takeover newtab ${category}`, buildPageTakeoverPing(ctx, { newtab_url_category: category, newtab_extension_id: 'ext@example.org' }));
  }
  add('takeover both', buildPageTakeoverPing(ctx, { home_extension_id: UUIDS.client, newtab_url_category: 'other' }));
  add('tab pinned', buildTabPinnedPing(ctx, 2));

  // Sessions.
  for (const load_trigger_type of T.LOAD_TRIGGER_TYPES) {
    for (const page of T.SESSION_PAGES) {
      add(`session ${load_trigger_type} ${page}`, buildSessionPing(ctx, { session_id: UUIDS.session, page }, { load_trigger_type, is_preloaded: false }, 4199.4));
    }
  }
  add('session full perf', buildSessionPing(ctx, SESSION, FULL_PERF, 4199.6));

  // Impression stats, v1 and v2.
  for (const source of T.IMPRESSION_SOURCES) {
    for (const page of T.SESSION_PAGES) {
      add(`impressions ${source} ${page}`, buildImpressionStatsPing(ctx, page, { source, tiles: [{ id: 10000, pos: 0 }, { id: 10001, pos: 1 }] }));
    }
    add(`impressions v2 ${source}`, buildImpressionStatsPing(ctx, 'about:home', { source, tiles: [{ id: 'a1b2', pos: 0 }, { id: 7, pos: 1 }] }));
  }
  for (const action of ['click', 'block', 'pocket'] as const) {
    add(`impression ${action}`, buildImpressionStatsPing(ctx, 'about:newtab', { source: 'CARDGRID', tiles: [{ id: 10000, pos: 3, shim: SHIM }], [action]: 0 }));
  }
  add('loaded content', buildImpressionStatsPing(ctx, 'about:newtab', { source: 'CARDGRID', tiles: [{ id: 1, pos: 0 }], loaded: 1, window_inner_width: 1280, window_inner_height: 800 }));

  // Spoc fills.
  for (const reason of T.SPOC_FILL_REASONS) {
    const displayed = reason === 'n/a' ? 1 : 0;
    add(`spoc fill ${reason}`, buildSpocFillsPing(ctx, [{ id: 1234, displayed, reason, full_recalc: 1 }]));
  }

  // The save-for-later button.
  for (const source of T.POCKET_BUTTON_SOURCES) {
    for (const action of T.POCKET_BUTTON_ACTIONS) add(`pocket-button ${action} ${source}`, buildPocketButtonPing(ctx, [{ action, position: source === 'on_save_recs' ? 2 : 0, source }]));
  }
  for (const action of T.ON_SAVE_RECS_ACTIONS) {
    add(`on-save-recs ${action}`, buildOnSaveRecsPing(ctx, [0, 1, 2].map((position) => ({ action, position }))));
  }

  // Sponsored top sites.
  for (const type of ['impression', 'click'] as const) {
    add(`tile ${type}`, buildSponsoredTilePing(ctx, { type, tile_id: 42, position: 1, advertiser: 'test-advertiser', reporting_url: `https://test.reporting.net/${type}?id=7RHz%3D`, source: 'newtab' }));
    add(`tile ${type} minimal`, buildSponsoredTilePing(ctx, { type, tile_id: -1, position: 8, advertiser: 'example', source: 'newtab' }));
  }

  // Messaging system.
  for (const channel of CHANNELS) {
    for (const in_experiment of [false, true]) {
      const channelCtx = testContext({ release_channel: channel });
      const tag = `${channel}${in_experiment ? ' in experiment' : ''}`;
      for (const event of T.CFR_EVENTS) {
        add(`cfr ${event} ${tag}`, buildMessagingPing(channelCtx, { action: 'cfr_user_event', event, message_id: 'wikipedia_addon', bucket_id: 'CFR_M1', in_experiment, event_context: { modelVersion: 'model_7' } }));
      }
      add(`moments ${tag}`, buildMessagingPing(channelCtx, { action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU', in_experiment }));
    }
    const cfrExperimentCtx = testContext({ release_channel: channel, experiments: { 'cfr-ml': { branch: 'treatment' } } });
    add(`cfr ${channel} cfr experiment`, buildMessagingPing(cfrExperimentCtx, { action: 'cfr_user_event', event: 'IMPRESSION', message_id: 'FXA_ACCOUNTS_BADGE' }));
  }
  for (const event of T.SNIPPETS_EVENTS) {
    for (const source of T.SNIPPETS_SOURCES) {
      add(`snippets ${event} ${source}`, buildMessagingPing(ctx, { action: 'snippets_user_event', event, source, message_id: 'some_snippet_id' }));
    }
  }
  for (const message_id of T.ONBOARDING_MESSAGE_IDS) {
    for (const event of T.ONBOARDING_EVENTS) {
      add(`onboarding ${message_id} ${event}`, buildMessagingPing(ctx, { action: 'onboarding_user_event', message_id, event }));
    }
  }
  for (const source of T.ONBOARDING_BUTTON_SOURCES) {
    add(`onboarding click ${source}`, buildMessagingPing(ctx, { action: 'onboarding_user_event', message_id: 'RTAMO_DEFAULT_WELCOME', event: 'CLICK_BUTTION', event_context: { source } }));
  }
  add('onboarding with attribution', buildMessagingPing(ctx, { action: 'onboarding_user_event', message_id: 'DEFAULT_ABOUTWELCOME_SITES', event: 'IMPRESSION', attribution: SEED_ATTRIBUTION }));
  for (const reason of T.ONBOARDING_SESSION_END_REASONS) {
    add(`onboarding end ${reason}`, buildMessagingPing(ctx, { action: 'onboarding_user_event', message_id: 'DEFAULT_ABOUTWELCOME', event: 'SESSION_END', event_context: { reason } }));
  }
  for (const event of T.WHATS_NEW_EVENTS) {
    add(`whats-new ${event}`, buildMessagingPing(ctx, { action: 'whats-new-panel_user_event', event, message_id: 'WHATS_NEW_70' }));
  }
  for (const view of T.WHATS_NEW_VIEWS) {
    add(`whats-new view ${view}`, buildMessagingPing(ctx, { action: 'whats-new-panel_user_event', event: 'CLICK', message_id: 'WHATS_NEW_70', value: { view } }));
  }
  // The popup's impression names every message it showed, joined with commas.
  add('whats-new impression of a whole view', buildMessagingPing(ctx, { action: 'whats-new-panel_user_event', event: 'IMPRESSION', message_id: 'WHATS_NEW_3,WHATS_NEW_2,WHATS_NEW_1', value: { view: 'toolbar_dropdown' } }));
  add('whats-new pref toggle', buildMessagingPing(ctx, { action: 'whats-new-panel_user_event', event: 'WNP_PREF_TOGGLE', message_id: 'n/a', value: { prefValue: true } }));
  for (const event of T.INFOBAR_EVENTS) {
    add(`infobar ${event}`, buildMessagingPing(ctx, { action: 'infobar_user_event', event, message_id: 'INFOBAR_ACTION_86' }));
  }
  for (const event of T.SPOTLIGHT_EVENTS) {
    add(`spotlight ${event}`, buildMessagingPing(ctx, { action: 'spotlight_user_event', event, message_id: 'SPOTLIGHT_MESSAGE_93' }));
  }
  for (const event of T.UNDESIRED_EVENTS) {
    add(`undesired ${event}`, buildMessagingPing(ctx, { action: 'asrouter_undesired_event', event, event_context: 'remote-cfr' }));
  }
  for (const context of T.TARGETING_ERROR_CONTEXTS) {
    add(`targeting error ${context}`, buildMessagingPing(ctx, { action: 'asrouter_undesired_event', event: 'TARGETING_EXPRESSION_ERROR', message_id: 'some_message_id', event_context: context }));
  }
  add('queue overflow', buildUndesiredEventPing(ctx, 'TELEMETRY_QUEUE_OVERFLOW', 3, JSON.stringify({ dropped: 3 })));

  // Ours only.
  for (const event of EXPERIMENT_EVENTS) add(`experiment ${event.method} ${event.object}`, buildExperimentEventPing(ctx, event));
  add('deletion request', buildDeletionRequestPing(ctx));
  add('deletion request with reason', buildDeletionRequestPing(ctx, 'telemetry-disabled'));
  return samples;
}

/** One of each experiment event, every unenrollment reason. */
export const EXPERIMENT_EVENTS: ExperimentEventData[] = [
  { category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: 'welcome-order', extra_keys: { branch: 'treatment' } },
  ...UNENROLL_REASONS.map((reason): ExperimentEventData => ({ category: 'normandy', method: 'unenroll', object: 'nimbus_experiment', value: 'welcome-order', extra_keys: { branch: 'control', reason } })),
  { category: 'messaging_experiments', method: 'reach', object: 'spotlight', value: 'spotlight-test', extra_keys: { branches: 'control;treatment' } },
  { category: 'messaging_experiments', method: 'reach', object: 'infobar', value: 'infobar-test', extra_keys: { branches: '' } },
  { category: 'messaging_experiments', method: 'targeting', object: 'attribute_error', value: 'totalBookmarksCount', extra_keys: { source: 'welcome-order' } },
  { category: 'messaging_experiments', method: 'targeting', object: 'attribute_timeout', value: 'topFrecentSites', extra_keys: { source: 'SPOTLIGHT_MESSAGE_93' } },
];

/** The seed's attribution example. */
export const SEED_ATTRIBUTION = {
  source: 'mozilla.org',
  medium: 'referral',
  campaign: 'Firefox-Brand-US-Mozilla-Org',
  content: 'test-addon@github.io',
  experiment: 'ua-onboarding',
  variation: 'chrome',
  ua: 'firefox',
};

export const SHIM = 'enuYa1j73z3RzxgTexHNxYPC/b,9JT6w5KB0CRKYEU+';

export const FULL_PERF: T.SessionPerf = {
  load_trigger_type: 'menu_plus_or_keyboard',
  is_preloaded: true,
  load_trigger_ts: 1534347456785.4,
  visibility_event_rcvd_ts: 1534347456790.005,
  topsites_first_painted_ts: 1534347456801.5,
  topsites_icon_stats: { custom_screenshot: 0, screenshot_with_icon: 2, screenshot: 1, tippytop: 2, rich_icon: 1, no_image: 0 },
  topsites_pinned: 3,
  topsites_search_shortcuts: 2,
  highlights_data_late_by_ms: 67.2,
  topsites_data_late_by_ms: 35,
};

/** One of each messaging action, for policy tests. */
export const ONE_OF_EACH_MESSAGING_EVENT: MessagingEventData[] = [
  { action: 'cfr_user_event', event: 'IMPRESSION', message_id: 'wikipedia_addon', bucket_id: 'CFR_M1' },
  { action: 'moments_user_event', event: 'MOMENTS_PAGE_SET', message_id: 'WNP_THANK_YOU', bucket_id: 'WNP_THANK_YOU' },
  { action: 'snippets_user_event', event: 'IMPRESSION', message_id: 'some_snippet_id', source: 'NEWTAB_FOOTER_BAR' },
  { action: 'onboarding_user_event', event: 'IMPRESSION', message_id: 'DEFAULT_ABOUTWELCOME' },
  { action: 'whats-new-panel_user_event', event: 'IMPRESSION', message_id: 'WHATS_NEW_70' },
  { action: 'infobar_user_event', event: 'IMPRESSION', message_id: 'INFOBAR_ACTION_86' },
  { action: 'spotlight_user_event', event: 'IMPRESSION', message_id: 'SPOTLIGHT_MESSAGE_93' },
  { action: 'asrouter_undesired_event', event: 'ASR_RS_ERROR', event_context: 'remote-cfr' },
];
