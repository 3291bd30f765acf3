// The pings this build sends, one entry per document type. It is the one
// list both sides use: the background refuses to queue a ping of any other
// kind (TelemetryFeed), and the settings page's "What we collect" lists only
// these (options/Metrics/metricsCatalog.ts). A kind with a builder but no
// feature sending it stays out of this list, so it is neither sent nor shown.
//
// `sentOn` names the actions that make the background send the ping;
// sentPings.test.ts fails unless product code dispatches each of them and
// each really produces its ping.
import type { ActionType } from '../actions';

export interface SentPing {
  /** `namespace/docType`, as submitted to the collector. */
  docType: string;
  sentOn: readonly ActionType[];
}

export const SENT_PINGS = [
  { docType: 'activity-stream/events', sentOn: ['TELEMETRY_USER_EVENT', 'TELEMETRY_TAB_PINNED', 'TELEMETRY_PAGE_TAKEOVER'] },
  // A page session ends when its page unloads.
  { docType: 'activity-stream/sessions', sentOn: ['NEW_TAB_UNLOAD'] },
  { docType: 'activity-stream/impression-stats', sentOn: ['TELEMETRY_IMPRESSION_STATS', 'DISCOVERY_STREAM_IMPRESSION_STATS'] },
  { docType: 'activity-stream/spoc-fills', sentOn: ['DISCOVERY_STREAM_SPOCS_FILL'] },
  { docType: 'contextual-services/topsites-impression', sentOn: ['TOP_SITES_SPONSORED_IMPRESSION_STATS'] },
  { docType: 'contextual-services/topsites-click', sentOn: ['TOP_SITES_SPONSORED_IMPRESSION_STATS'] },
  // TELEMETRY_QUEUE_OVERFLOW: any ping that finds the queue full; the messaging
  // router's targeting and provider errors (background/messaging).
  { docType: 'messaging-system/undesired-events', sentOn: ['TELEMETRY_USER_EVENT', 'AS_ROUTER_TELEMETRY_USER_EVENT'] },
  // The router's surfaces on our pages, sent by the background (MessagingRouterFeed).
  { docType: 'messaging-system/snippets', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  { docType: 'messaging-system/infobar', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  { docType: 'messaging-system/spotlight', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  // The router's surfaces in the browser's UI: toolbar badges (feature callouts) and
  // the toolbar popup's What's new view (ToolbarFeed, through MessagingRouterFeed).
  { docType: 'messaging-system/cfr', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  { docType: 'messaging-system/whats-new-panel', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  // A moments page set (MomentsPage).
  { docType: 'messaging-system/moments', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  // The save-for-later button: a save (popup or context menu, background/feeds/SaveToListFeed.ts) or the popup's list and recommendations.
  { docType: 'activity-stream/pocket-button', sentOn: ['TELEMETRY_POCKET_BUTTON'] },
  { docType: 'activity-stream/on-save-recs', sentOn: ['TELEMETRY_ON_SAVE_RECS'] },
  // The welcome page's screens and session end, sent by the background (OnboardingFeed).
  { docType: 'messaging-system/onboarding', sentOn: ['AS_ROUTER_TELEMETRY_USER_EVENT'] },
  // The experiment manager's enrollments, unenrollments, reach and attribute errors (background/experiments).
  { docType: 'open-activity-stream/messaging-experiments', sentOn: ['EXPERIMENT_EVENT'] },
  // Switching telemetry off.
  { docType: 'open-activity-stream/deletion-request', sentOn: ['PREF_CHANGED'] },
] as const satisfies readonly SentPing[];

export type SentDocType = (typeof SENT_PINGS)[number]['docType'];

const SENT_DOC_TYPES: ReadonlySet<string> = new Set(SENT_PINGS.map((p) => p.docType));

export function isSentDocType(docType: string): docType is SentDocType {
  return SENT_DOC_TYPES.has(docType);
}
