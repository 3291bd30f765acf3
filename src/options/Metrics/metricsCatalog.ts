// What we collect, for the settings page's "What we collect" section. Written
// alongside the ping types: the enum lists come straight from them, and
// metricsCatalog.test.ts checks every field against what the ping builders
// actually produce, so this page cannot drift from the pings. PING_DOCS
// keeps only the kinds the registry says this build sends (the same list
// the background sends by), so nothing unsent is listed.
import { USER_PREF_BITS, WALLPAPER_SHOWN_BIT } from '../../background/telemetry/pings/userPrefs';
import {
  CARD_TYPES,
  ICON_TYPES,
  PAGE_CATEGORIES,
  POCKET_BUTTON_SOURCES,
  PREF_MENU_SOURCES,
  REPORT_REASONS,
  SESSION_PERF_KEYS,
  USER_EVENTS,
  USER_EVENT_SOURCES,
  USER_EVENT_VALUE_KEYS,
} from '../../common/pings/types';
import { isSentDocType } from '../../common/pings/registry';
import { LISTS_WIDGET_ACTIONS } from '../../common/widgets/lists';
import { TIMER_MODES } from '../../common/widgets/timer';

/** Fields in (nearly) every ping, explained once per group. Labels are locale keys. */
export const COMMON_FIELD_GROUPS: readonly { label: string; fields: readonly string[] }[] = [
  { label: 'metricsIdsGroup', fields: ['client_id', 'impression_id', 'context_id', 'session_id', 'browser_session_id'] },
  { label: 'metricsSoftwareGroup', fields: ['addon_version', 'version', 'locale', 'release_channel'] },
  { label: 'metricsSettingsGroup', fields: ['user_prefs', 'experiments'] },
  { label: 'metricsPageGroup', fields: ['page'] },
];

export interface PingDoc {
  /** Anchor on the page. */
  id: string;
  /** `namespace/docType` as submitted to the collector. */
  docTypes: readonly string[];
  /** Locale keys. */
  title: string;
  description: string;
  /** Fields beyond the common groups. */
  fields: readonly string[];
  /** Closed lists of values some fields take; labels are locale keys. */
  values?: readonly { label: string; list: readonly string[] }[];
}

/** user_prefs, bit by bit: every ping carries it. */
const USER_PREF_BIT_NAMES = [
  ...Object.entries(USER_PREF_BITS).map(([pref, bit]) => `${bit} ${pref}`),
  `${WALLPAPER_SHOWN_BIT} newtabWallpapers.wallpaper && newtabWallpapers.show`,
];

/** Every kind of ping we can build, documented. */
export const ALL_PING_DOCS: readonly PingDoc[] = [
  {
    id: 'metrics-events',
    docTypes: ['activity-stream/events'],
    title: 'metricsEventsTitle',
    description: 'metricsEventsDescription',
    fields: ['event', 'source', 'action_position', 'value'],
    values: [
      { label: 'metricsEventNames', list: USER_EVENTS },
      { label: 'metricsEventSources', list: USER_EVENT_SOURCES },
      { label: 'metricsValueKeys', list: USER_EVENT_VALUE_KEYS },
      { label: 'metricsCardTypes', list: [...CARD_TYPES, ...ICON_TYPES] },
      { label: 'metricsPageCategories', list: PAGE_CATEGORIES },
      { label: 'metricsMenuSources', list: PREF_MENU_SOURCES },
      { label: 'metricsReportReasons', list: REPORT_REASONS },
      { label: 'metricsWidgetActions', list: [...LISTS_WIDGET_ACTIONS, ...TIMER_MODES] },
      { label: 'metricsUserPrefBits', list: USER_PREF_BIT_NAMES },
    ],
  },
  {
    id: 'metrics-sessions',
    docTypes: ['activity-stream/sessions'],
    title: 'metricsSessionsTitle',
    description: 'metricsSessionsDescription',
    fields: ['session_duration', 'perf', 'profile_creation_date'],
    values: [{ label: 'metricsPerfKeys', list: SESSION_PERF_KEYS }],
  },
  {
    id: 'metrics-impressions',
    docTypes: ['activity-stream/impression-stats'],
    title: 'metricsImpressionsTitle',
    description: 'metricsImpressionsDescription',
    fields: ['source', 'tiles', 'click', 'block', 'pocket', 'loaded', 'window_inner_width', 'window_inner_height'],
  },
  {
    id: 'metrics-spoc-fills',
    docTypes: ['activity-stream/spoc-fills'],
    title: 'metricsSpocFillsTitle',
    description: 'metricsSpocFillsDescription',
    fields: ['spoc_fills'],
  },
  {
    id: 'metrics-sponsored-shortcuts',
    docTypes: ['contextual-services/topsites-impression', 'contextual-services/topsites-click'],
    title: 'metricsSponsoredTitle',
    description: 'metricsSponsoredDescription',
    fields: ['tile_id', 'position', 'advertiser', 'source', 'reporting_url'],
  },
  {
    id: 'metrics-save-button',
    docTypes: ['activity-stream/pocket-button', 'activity-stream/on-save-recs'],
    title: 'metricsSaveButtonTitle',
    description: 'metricsSaveButtonDescription',
    fields: ['events', 'pocket_logged_in_status'],
    values: [
      { label: 'metricsSaveButtonSources', list: POCKET_BUTTON_SOURCES },
    ],
  },
  {
    id: 'metrics-messages',
    docTypes: [
      'messaging-system/cfr',
      'messaging-system/moments',
      'messaging-system/snippets',
      'messaging-system/onboarding',
      'messaging-system/whats-new-panel',
      'messaging-system/infobar',
      'messaging-system/spotlight',
    ],
    title: 'metricsMessagesTitle',
    description: 'metricsMessagesDescription',
    fields: ['event', 'message_id', 'bucket_id', 'source', 'event_context', 'value', 'attribution'],
  },
  {
    id: 'metrics-undesired',
    docTypes: ['messaging-system/undesired-events'],
    title: 'metricsUndesiredTitle',
    description: 'metricsUndesiredDescription',
    fields: ['event', 'value', 'event_context', 'message_id'],
  },
  {
    id: 'metrics-experiments',
    docTypes: ['open-activity-stream/messaging-experiments'],
    title: 'metricsExperimentsTitle',
    description: 'metricsExperimentsDescription',
    fields: ['category', 'method', 'object', 'value', 'extra_keys'],
  },
  {
    id: 'metrics-deletion',
    docTypes: ['open-activity-stream/deletion-request'],
    title: 'metricsDeletionTitle',
    description: 'metricsDeletionDescription',
    fields: ['reason'],
  },
];

/** What the settings page lists: the kinds this build sends, and only those. */
export const PING_DOCS: readonly PingDoc[] = ALL_PING_DOCS.map((doc) => ({ ...doc, docTypes: doc.docTypes.filter(isSentDocType) })).filter(
  (doc) => doc.docTypes.length > 0,
);
