// Ping shapes shared by the page (which reports what happened) and the
// background (which adds identity and builds the wire payloads). Enum values
// are Firefox Activity Stream's, as listed in "Metrics we collect"; our JSON
// Schemas in src/common/schemas use the same lists.
import type { Attribution } from '../onboarding/attribution';
import type { ListsWidgetAction } from '../widgets/lists';
import type { TimerMode } from '../widgets/timer';

/** One structured-ingestion submission: `/submit/<namespace>/<docType>/<docVersion>/<docId>`. */
export interface PingEnvelope {
  namespace: string;
  docType: string;
  docVersion: number;
  docId: string;
  payload: Record<string, unknown>;
}

/** Identity and policy for a ping; only the background fills it. */
export interface PingContext {
  client_id: string; // bare UUID
  impression_id: string; // {uuid}
  context_id: string; // {uuid}
  browser_session_id: string;
  addon_version: string; // build id YYYYMMDDHHMMSS
  version: string; // browser version
  locale: string;
  release_channel: string; // 'release' | 'beta' | 'nightly' | 'default' ...
  experiments: Record<string, { branch: string }>;
  user_prefs: number;
  profile_creation_date: number; // days since epoch
  newDocId: () => string; // fresh bare UUID per ping
}

export const PAGES = ['about:newtab', 'about:home', 'about:welcome', 'unknown', 'n/a', 'both'] as const;
export type Page = (typeof PAGES)[number];

/** Pages a real page session can be on ('n/a' and 'both' only label sessionless events). */
export const SESSION_PAGES = ['about:newtab', 'about:home', 'about:welcome', 'unknown'] as const;

export interface PageSession {
  session_id: string; // {uuid}
  page: Page;
}

// ---- User events (activity-stream/events) ----

export const USER_EVENTS = [
  'CLICK',
  'SEARCH',
  'SEARCH_HANDOFF',
  'BLOCK',
  'DELETE',
  'OPEN_NEW_WINDOW',
  'OPEN_PRIVATE_WINDOW',
  'BOOKMARK_ADD',
  'BOOKMARK_DELETE',
  'OPEN_NEWTAB_PREFS',
  'CLOSE_NEWTAB_PREFS',
  'SHOW_PERSONALIZE',
  'HIDE_PERSONALIZE',
  'SEARCH_EDIT_ADD',
  'SEARCH_EDIT_DELETE',
  'SHOW_PRIVACY_INFO',
  'CLICK_PRIVACY_INFO',
  'PREF_CHANGED',
  'TABPINNED',
  'TOP_SITES_EDIT',
  'PREVIEW_REQUEST',
  'PAGE_TAKEOVER_DATA',
  // Ours, for topic sections and story feedback (Firefox reports these through Glean only).
  'TOPIC_FOLLOW',
  'TOPIC_UNFOLLOW',
  'TOPIC_BLOCK',
  'TOPIC_UNBLOCK',
  'THUMBS_UP',
  'THUMBS_DOWN',
  'REPORT_CONTENT',
  // Ours (widgets): what was done, never a list's name or an item's text.
  'WIDGETS_REORDER',
  'WIDGET_LISTS_CHANGE',
  'WIDGET_TIMER_PLAY',
  'WIDGET_TIMER_PAUSE',
  'WIDGET_TIMER_RESET',
  'WIDGET_TIMER_MODE',
  'WIDGET_TIMER_END',
  // Ours (no Firefox name fits): a wallpaper picked in the personalize panel, and an image of the user's own set as one.
  'WALLPAPER_SELECT',
  'WALLPAPER_UPLOAD',
] as const;
export type UserEvent = (typeof USER_EVENTS)[number];

export const USER_EVENT_SOURCES = [
  'TOP_SITES',
  'CARDGRID',
  'POPULAR_TOPICS',
  'DS_LOAD_MORE_BUTTON',
  'DS_PRIVACY_MODAL',
  'HIGHLIGHTS',
  'TOP_STORIES',
  'POCKET_SPOCS',
  'SNIPPETS',
  'SPONSORED_TOP_SITES',
  'TAB_CONTEXT_MENU',
  'TOP_SITES_SOURCE',
  // Ours: a topic section's heading buttons, and the personalize panel's list of followed and blocked topics.
  'TOPIC_SECTION',
  'TOPICS_PANEL',
  // Ours: the widgets' master switch, and each widget (src/common/widgets/registry.ts).
  'WIDGETS',
  'WIDGET_LISTS',
  'WIDGET_FOCUS_TIMER',
  // Ours: the personalize panel's Wallpapers section, and the one "Sponsored content" switch (PREF_CHANGED).
  'WALLPAPERS',
  'SPONSORED_CONTENT',
] as const;
export type UserEventSource = (typeof USER_EVENT_SOURCES)[number];

// 'history' is a recent-activity card for a visited page (Firefox's link.type).
export const CARD_TYPES = ['pinned', 'search', 'spoc', 'organic', 'trending', 'bookmark', 'history'] as const;
export type CardType = (typeof CARD_TYPES)[number];

export const ICON_TYPES = [
  'screenshot_with_icon',
  'screenshot',
  'tippytop',
  'rich_icon',
  'no_image',
  'custom_screenshot',
] as const;
export type IconType = (typeof ICON_TYPES)[number];

export const POPULAR_TOPICS = [
  'must-reads',
  'productivity',
  'health',
  'finance',
  'technology',
  'more-recommendations',
] as const;
export type PopularTopic = (typeof POPULAR_TOPICS)[number];

/** `home_url_category` / `newtab_url_category` of the page-takeover ping. */
export const PAGE_CATEGORIES = [
  'search-engine',
  'search-engine-mozilla-tag',
  'search-engine-other-tag',
  'news-portal',
  'ecommerce',
  'social-media',
  'known-hijacker',
  'other',
] as const;
export type PageCategory = (typeof PAGE_CATEGORIES)[number];

/**
 * Why a story was reported: the `moz-radio` values of Firefox's report form
 * (browser/extensions/newtab/content-src/components/DiscoveryStreamComponents/
 * ReportContent/ReportContent.jsx), for an organic story and for a sponsored
 * one; Firefox sends them as `report_reason`.
 */
export const STORY_REPORT_REASONS = ['wrong_category', 'outdated', 'inappropriate_or_offensive', 'spam_or_misleading'] as const;
export const SPOC_REPORT_REASONS = ['not_interested', 'inappropriate', 'seen_too_many_times'] as const;
export const REPORT_REASONS = [...STORY_REPORT_REASONS, ...SPOC_REPORT_REASONS] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Where a PREF_CHANGED came from. */
export const PREF_MENU_SOURCES = ['ABOUT_PREFERENCES', 'CUSTOMIZE_MENU'] as const;
export type PrefMenuSource = (typeof PREF_MENU_SOURCES)[number];

/**
 * Context for a user event; the builder copies exactly these keys and sends
 * them as a JSON string. Never a URL, title or search term.
 */
export interface UserEventValue {
  card_type?: CardType;
  icon_type?: IconType;
  /** Search engine short name, only when card_type is 'search'. */
  search_vendor?: string;
  topic?: PopularTopic;
  status?: boolean;
  menu_source?: PrefMenuSource;
  total_pinned_tabs?: number;
  home_url_category?: PageCategory;
  home_extension_id?: string;
  newtab_url_category?: PageCategory;
  newtab_extension_id?: string;
  /** The feed's id of a topic section (`[a-z0-9_-]`, at most 64), never its title. */
  section?: string;
  report_reason?: ReportReason;
  /** WIDGET_LISTS_CHANGE: which kind of change (common/widgets/lists.ts). */
  widget_action?: ListsWidgetAction;
  /** WIDGET_TIMER_*: the timer's mode. */
  timer_mode?: TimerMode;
  /** WALLPAPER_SELECT: a built-in wallpaper's id, 'custom-color' or 'custom-image'; never the colour or the image. */
  selected_wallpaper?: string;
  /** WALLPAPER_SELECT / WALLPAPER_UPLOAD: a wallpaper was shown before this one. */
  had_previous_wallpaper?: boolean;
}

/** The keys a user event's value may carry, in the order the pages document them. */
export const USER_EVENT_VALUE_KEYS = [
  'card_type',
  'icon_type',
  'search_vendor',
  'topic',
  'status',
  'menu_source',
  'total_pinned_tabs',
  'home_url_category',
  'home_extension_id',
  'newtab_url_category',
  'newtab_extension_id',
  'section',
  'report_reason',
  'widget_action',
  'timer_mode',
  'selected_wallpaper',
  'had_previous_wallpaper',
] as const satisfies readonly (keyof UserEventValue)[];

export interface UserEventData {
  event: UserEvent;
  source?: UserEventSource;
  /** Zero-based; -1 when a new top site is prepended. */
  action_position?: number;
  value?: UserEventValue;
}

/** Which page is taken over, and by what kind of site or extension. */
export type PageTakeoverValue = Pick<
  UserEventValue,
  'home_url_category' | 'home_extension_id' | 'newtab_url_category' | 'newtab_extension_id'
>;

// ---- Sessions (activity-stream/sessions) ----

export const LOAD_TRIGGER_TYPES = ['first_window_opened', 'menu_plus_or_keyboard', 'unexpected'] as const;
export type LoadTriggerType = (typeof LOAD_TRIGGER_TYPES)[number];

/**
 * Pages and the background record timestamps as absolute (epoch) ms; the
 * session ping carries them as ms since the browser session's start
 * (background/telemetry/sessionTime.ts). The builder rounds every number.
 */
export interface SessionPerf {
  load_trigger_type: LoadTriggerType;
  is_preloaded: boolean;
  load_trigger_ts?: number;
  visibility_event_rcvd_ts?: number;
  topsites_first_painted_ts?: number;
  topsites_icon_stats?: Partial<Record<IconType, number>>;
  topsites_pinned?: number;
  topsites_search_shortcuts?: number;
  highlights_data_late_by_ms?: number;
  topsites_data_late_by_ms?: number;
}

/** Perf fields the page measures; the load trigger and preloading are the background's. */
export const PAGE_PERF_KEYS = [
  'visibility_event_rcvd_ts',
  'topsites_first_painted_ts',
  'topsites_icon_stats',
  'topsites_pinned',
  'topsites_search_shortcuts',
  'highlights_data_late_by_ms',
  'topsites_data_late_by_ms',
] as const satisfies readonly (keyof SessionPerf)[];

export const SESSION_PERF_KEYS = [
  'load_trigger_type',
  'load_trigger_ts',
  ...PAGE_PERF_KEYS,
  'is_preloaded',
] as const satisfies readonly (keyof SessionPerf)[];

// ---- Impression stats (activity-stream/impression-stats) ----

export const IMPRESSION_SOURCES = ['pocket', 'TOP_STORIES', 'CARDGRID', 'HERO', 'LIST', 'TOP_SITES'] as const;
export type ImpressionSource = (typeof IMPRESSION_SOURCES)[number];

export interface ImpressionTile {
  /** Pocket item or spoc id; a string id sends the v2 ping. */
  id: number | string;
  /** Zero-based position in the section. */
  pos?: number;
  /** Opaque ad-server token for spocs. */
  shim?: string;
}

export interface ImpressionStatsData {
  source: ImpressionSource;
  tiles: ImpressionTile[];
  /** Zero-based index into `tiles` of the tile acted on; at most one of these. */
  click?: number;
  block?: number;
  pocket?: number;
  /** Set only on "loaded content" pings: tiles.length. */
  loaded?: number;
  window_inner_width?: number;
  window_inner_height?: number;
}

// ---- Spoc fills (activity-stream/spoc-fills) ----

export const SPOC_FILL_REASONS = [
  'n/a',
  'frequency_cap',
  'blocked_by_user',
  'below_min_score',
  'flight_duplicate',
  'probability_selection',
  'out_of_position',
] as const;
export type SpocFillReason = (typeof SPOC_FILL_REASONS)[number];

/** A displayed spoc has reason 'n/a'; a dropped one says why. */
export interface SpocFill {
  id: number;
  displayed: 0 | 1;
  reason: SpocFillReason;
  /** 1 when spocs were just fetched, 0 on re-render or impression. */
  full_recalc: 0 | 1;
}

// ---- Sponsored top sites (contextual-services) ----

export interface SponsoredTileEvent {
  type: 'impression' | 'click';
  /** Partner tile id, or -1 when unknown. */
  tile_id: number;
  /** 1-based. */
  position: number;
  /** Tile title, lowercased. */
  advertiser: string;
  /** The partner's impression or click URL: the only URL any ping carries. */
  reporting_url?: string;
  source: 'newtab';
}

// ---- Messaging system (ASRouter) ----

export const CFR_EVENTS = [
  'IMPRESSION',
  'INSTALL',
  'PIN',
  'BLOCK',
  'DISMISS',
  'RATIONALE',
  'LEARN_MORE',
  'CLICK',
  'CLICK_DOORHANGER',
  'MANAGE',
] as const;
export type CfrEvent = (typeof CFR_EVENTS)[number];

export const MOMENTS_EVENTS = ['MOMENTS_PAGE_SET'] as const;
export type MomentsEvent = (typeof MOMENTS_EVENTS)[number];

// CLICK_BUTTION: the seed's spelling (a typo in Firefox's docs, where Firefox
// itself sent CLICK_BUTTON); analyses of these pings query the seed's, so we send it.
export const SNIPPETS_EVENTS = ['IMPRESSION', 'CLICK_BUTTION', 'BLOCK'] as const;
export type SnippetsEvent = (typeof SNIPPETS_EVENTS)[number];

/** Mozilla's snippets schema accepts only these two sources. */
export const SNIPPETS_SOURCES = ['NEWTAB_FOOTER_BAR', 'NEWTAB_FOOTER_BAR_CONTENT'] as const;
export type SnippetsSource = (typeof SNIPPETS_SOURCES)[number];

export const ONBOARDING_MESSAGE_IDS = [
  'DEFAULT_ABOUTWELCOME',
  'DEFAULT_ABOUTWELCOME_AW_GET_STARTED',
  'DEFAULT_ABOUTWELCOME_SITES',
  'DEFAULT_ABOUTWELCOME_AW_IMPORT_SETTINGS',
  'DEFAULT_ABOUTWELCOME_AW_CHOOSE_THEME',
  'RTAMO_DEFAULT_WELCOME',
] as const;
export type OnboardingMessageId = (typeof ONBOARDING_MESSAGE_IDS)[number];

// CLICK_BUTTION: the seed's spelling, as for snippets.
export const ONBOARDING_EVENTS = ['IMPRESSION', 'CLICK_BUTTION', 'INSTALL', 'SESSION_END'] as const;
export type OnboardingEvent = (typeof ONBOARDING_EVENTS)[number];

export const ONBOARDING_BUTTON_SOURCES = ['primary_button', 'secondary_button', 'ADD_EXTENSION_BUTTON'] as const;
export type OnboardingButtonSource = (typeof ONBOARDING_BUTTON_SOURCES)[number];

export const ONBOARDING_SESSION_END_REASONS = [
  'welcome-window-closed',
  'welcome-tab-closed',
  'app-shut-down',
  'address-bar-navigated',
] as const;
export type OnboardingSessionEndReason = (typeof ONBOARDING_SESSION_END_REASONS)[number];

export const WHATS_NEW_EVENTS = ['IMPRESSION', 'CLICK', 'WNP_PREF_TOGGLE'] as const;
export type WhatsNewEvent = (typeof WHATS_NEW_EVENTS)[number];

export const WHATS_NEW_VIEWS = ['application_menu', 'toolbar_dropdown'] as const;
export type WhatsNewView = (typeof WHATS_NEW_VIEWS)[number];

export const INFOBAR_EVENTS = ['IMPRESSION', 'CLICK_PRIMARY_BUTTON', 'CLICK_SECONDARY_BUTTON', 'DISMISSED'] as const;
export type InfobarEvent = (typeof INFOBAR_EVENTS)[number];

export const SPOTLIGHT_EVENTS = ['IMPRESSION', 'CLICK', 'DISMISS'] as const;
export type SpotlightEvent = (typeof SPOTLIGHT_EVENTS)[number];

/** ASRouter's own problems, plus ours (TELEMETRY_QUEUE_OVERFLOW: pings dropped client-side). */
export const UNDESIRED_EVENTS = [
  'TARGETING_EXPRESSION_ERROR',
  'ASR_RS_NO_MESSAGES',
  'ASR_RS_ERROR',
  'TELEMETRY_QUEUE_OVERFLOW',
] as const;
export type UndesiredEvent = (typeof UNDESIRED_EVENTS)[number];

export const TARGETING_ERROR_CONTEXTS = ['MALFORMED_EXPRESSION', 'OTHER_ERROR'] as const;
export type TargetingErrorContext = (typeof TARGETING_ERROR_CONTEXTS)[number];

export const MESSAGING_ACTIONS = [
  'cfr_user_event',
  'moments_user_event',
  'snippets_user_event',
  'onboarding_user_event',
  'whats-new-panel_user_event',
  'infobar_user_event',
  'spotlight_user_event',
  'asrouter_undesired_event',
] as const;
export type MessagingAction = (typeof MESSAGING_ACTIONS)[number];

interface CfrPolicyEvent {
  message_id: string;
  /** The only message identity sent on release. */
  bucket_id?: string;
  /** True when the user is in a CFR experiment cohort: prerelease rules apply. */
  in_experiment?: boolean;
  event_context?: { modelVersion: string };
}

interface ClientMessageEvent {
  message_id: string;
  bucket_id?: string;
}

export type MessagingEventData =
  | (CfrPolicyEvent & { action: 'cfr_user_event'; event: CfrEvent })
  | (CfrPolicyEvent & { action: 'moments_user_event'; event: MomentsEvent })
  | (ClientMessageEvent & { action: 'snippets_user_event'; event: SnippetsEvent; source?: SnippetsSource })
  | {
      action: 'onboarding_user_event';
      message_id: OnboardingMessageId;
      event: OnboardingEvent;
      /** `page: 'about:welcome'` is added by the builder. */
      event_context?: { source?: OnboardingButtonSource; reason?: OnboardingSessionEndReason };
      /** Where the add-on came from (common/onboarding/attribution.ts); omitted when unknown. */
      attribution?: Attribution;
    }
  | (ClientMessageEvent & {
      action: 'whats-new-panel_user_event';
      event: WhatsNewEvent;
      value?: { view?: WhatsNewView; prefValue?: boolean };
    })
  | (ClientMessageEvent & { action: 'infobar_user_event'; event: InfobarEvent })
  | (ClientMessageEvent & { action: 'spotlight_user_event'; event: SpotlightEvent })
  | {
      action: 'asrouter_undesired_event';
      message_id?: string;
      event: UndesiredEvent;
      /** A plain token such as MALFORMED_EXPRESSION or a provider id. */
      event_context?: string;
    };

// ---- Save-for-later button (the seed's "Save to Pocket button pings") ----

export const POCKET_BUTTON_ACTIONS = ['impression', 'click'] as const;
export type PocketButtonAction = (typeof POCKET_BUTTON_ACTIONS)[number];

/** The seed's sources that our save button has: the others are Pocket-account and Pocket-home views we do not have. */
export const POCKET_BUTTON_SOURCES = ['save_button', 'view_list', 'home_view_list', 'home_button', 'on_save_recs'] as const;
export type PocketButtonSource = (typeof POCKET_BUTTON_SOURCES)[number];

export interface PocketButtonEvent {
  action: PocketButtonAction;
  /** Zero-based: the recommendation's place for on_save_recs, else 0. */
  position: number;
  source: PocketButtonSource;
}

export const ON_SAVE_RECS_ACTIONS = ['impression', 'click'] as const;
export interface OnSaveRecsEvent {
  action: (typeof ON_SAVE_RECS_ACTIONS)[number];
  position: number;
}
