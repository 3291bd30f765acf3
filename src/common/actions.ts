// One action vocabulary for the page and the background. Routing lives in
// `meta`, set by the creators below (Firefox's AlsoToMain / OnlyToMain /
// BroadcastToContent / AlsoToOneContent), so components only `dispatch`.
import type { PrefName, PrefValues } from './prefs';
import type { StoriesUpdate } from './stories/reducer';
import type { TopicsState } from './stories/topics';
import type { HighlightsState } from './highlights';
import type { ButtonId, CfrControl, MessagingAdminState, PopupState, PopupView, SurfaceMessage } from './messaging/types';
import type { ScreenId, WelcomeFlow } from './onboarding/screens';
import type { ExperimentEventData, ExperimentsState } from './experiments/types';
import type { PinRequest, TopSitePreview, TopSitesUpdate } from './topSites/types';
import type { ListsOp } from './widgets/lists';
import type { TimerMode, TimerOp } from './widgets/timer';
import type { WidgetsState } from './widgets/reducer';
import type {
  ImpressionStatsData,
  MessagingEventData,
  OnSaveRecsEvent,
  PageTakeoverValue,
  PocketButtonEvent,
  SessionPerf,
  SpocFill,
  SponsoredTileEvent,
  UserEventData,
} from './pings/types';

export const MAIN = 'ActivityStream:Main';
export const CONTENT = 'ActivityStream:Content';

export interface ActionMeta {
  from?: typeof MAIN | typeof CONTENT;
  to?: typeof MAIN | typeof CONTENT;
  /** Port (page session) the action is addressed to. */
  toTarget?: string;
  /** Port (page session) the action came from; set by the background only. */
  fromTarget?: string;
  skipLocal?: boolean;
  skipMain?: boolean;
}

/** `toolbar-popup`: our toolbar button's popup (what's new, recommendations, saved pages). */
export type PageKind = 'about:newtab' | 'about:home' | 'about:welcome' | 'about:preferences' | 'toolbar-popup';

/** What the background learns when a page connects. */
export interface NewTabInitData {
  portId: string;
  page: PageKind;
  /** True when the port reconnected after a background restart. */
  reconnected: boolean;
  tabId: number | null;
  windowId: number | null;
  incognito: boolean;
}

/** Data carried by each action type. `undefined` means "no data". */
export interface ActionDataMap {
  INIT: undefined;
  UNINIT: undefined;
  NEW_TAB_INIT: NewTabInitData;
  NEW_TAB_UNLOAD: { portId: string };
  NEW_TAB_STATE_REQUEST: undefined;
  NEW_TAB_INITIAL_STATE: Record<string, unknown>;
  NEW_TAB_REHYDRATED: undefined;
  SET_PREF: { name: PrefName; value: PrefValues[PrefName] };
  PREF_CHANGED: { name: PrefName; value: PrefValues[PrefName] };
  PREFS_INITIAL_VALUES: PrefValues;
  TELEMETRY_USER_EVENT: UserEventData;
  TELEMETRY_IMPRESSION_STATS: ImpressionStatsData;
  DISCOVERY_STREAM_IMPRESSION_STATS: ImpressionStatsData;
  DISCOVERY_STREAM_LOADED_CONTENT: ImpressionStatsData;
  DISCOVERY_STREAM_SPOCS_FILL: { spoc_fills: SpocFill[] };
  DISCOVERY_STREAM_SPOC_IMPRESSION: { flightId: string };
  TOP_SITES_SPONSORED_IMPRESSION_STATS: SponsoredTileEvent;
  AS_ROUTER_TELEMETRY_USER_EVENT: MessagingEventData;
  SAVE_SESSION_PERF_DATA: Partial<SessionPerf>;
  /** Background → pages: the stories slice, whole. */
  DISCOVERY_STREAM_STORIES_UPDATE: StoriesUpdate;
  /** Page → background: never show this story again; a spoc's flightId blocks its whole flight. */
  DISCOVERY_STREAM_BLOCK_STORY: { id: number; flightId?: string };
  /** Page → background: add a story to, or remove it from, the saved-for-later list. */
  DISCOVERY_STREAM_SAVE_STORY: { id: number };
  DISCOVERY_STREAM_UNSAVE_STORY: { id: number };
  /** Page (applied there at once) → background (kept, and sent to the other pages): follow, unfollow, block or unblock a topic section. */
  FOLLOW_SECTION: { section: string };
  UNFOLLOW_SECTION: { section: string };
  BLOCK_SECTION: { section: string };
  UNBLOCK_SECTION: { section: string };
  /** Page → background: the user gave this story a thumbs up (a thumbs down blocks it). */
  DISCOVERY_STREAM_THUMBS_UP: { id: number };
  /** Background → pages: followed and blocked topics and liked stories, whole. */
  SECTION_PERSONALIZATION_UPDATE: TopicsState;
  /** Page → background: search the default engine in the sender's tab. */
  SEARCH_QUERY: { text: string };
  /** Page → background: the handoff box passes text on as the address bar would. */
  HANDOFF_SEARCH_TO_AWESOMEBAR: { text: string };
  /** Background → pages: the recent-activity cards. */
  HIGHLIGHTS_UPDATE: HighlightsState;
  BOOKMARK_URL: { url: string; title?: string };
  DELETE_BOOKMARK_BY_ID: { bookmarkGuid: string };
  DELETE_HISTORY_URL: { url: string };
  OPEN_NEW_WINDOW: { url: string };
  OPEN_PRIVATE_WINDOW: { url: string };
  /** Internal (never from a page): the background saw the user pin a tab. */
  TELEMETRY_TAB_PINNED: { total_pinned_tabs: number };
  /** Internal: at start, the home page and/or new tab is someone else's. */
  TELEMETRY_PAGE_TAKEOVER: { value: PageTakeoverValue; page: 'about:home' | 'about:newtab' | 'both' };
  /** Background → pages: the top sites grid, whole. */
  TOP_SITES_UPDATED: TopSitesUpdate;
  /** Page → background: pin a site into slot `index` (-1: in front), or save an edited one there. */
  TOP_SITES_PIN: PinRequest;
  TOP_SITES_UNPIN: { url: string };
  /** Page → background: never show this top site again. */
  BLOCK_URL: { url: string };
  /** Page → background: never show this sponsor's tiles again. */
  TOP_SITES_BLOCK_SPONSOR: { advertiser: string };
  /** Page → background: fetch a custom image for the add/edit form's preview. */
  PREVIEW_REQUEST: { url: string };
  /** Background → the page that asked: the preview. */
  PREVIEW_RESPONSE: TopSitePreview;
  /** Page → background: search-engine shortcuts added and removed, by vendor. */
  UPDATE_PINNED_SEARCH_SHORTCUTS: { added: string[]; deleted: string[] };
  /** Page → background: search with one shortcut's engine in the sender's tab. */
  SEARCH_WITH_SHORTCUT: { vendor: string; text: string };
  /** Settings page → background: the page with this instance id opened me with its link. */
  SETTINGS_OPENER: { instanceId: string };
  /** Page → background: the page has been visible until now (see newtab/lib/reportVisibleUntil.ts). */
  PAGE_VISIBLE_UNTIL_NOW: undefined;
  /** Page → background: a new-tab page is ready; pick a message for it (once per page session). */
  MESSAGING_TRIGGER: { trigger: { id: 'newtabMessageCheck' } };
  /** Background → the page that asked: the message to show, or null. */
  MESSAGING_SHOW: { message: SurfaceMessage | null };
  /** Page → background: the surface has been seen (snippet: half visible; infobar, spotlight: shown). */
  MESSAGING_IMPRESSION: { id: string };
  /** Page → background: a button was clicked; the background runs the message's own action for it. */
  MESSAGING_BUTTON: { id: string; button: ButtonId };
  /** Page → background: the close button or Escape. */
  MESSAGING_DISMISS: { id: string };
  /** Page → background: the snippet's dismiss button blocks the message for good. */
  MESSAGING_BLOCK: { id: string };
  /** Page only: clear the shown message after a button or dismiss. */
  MESSAGING_DISMISS_LOCAL: undefined;
  /** Settings page → background: send the admin state. */
  MESSAGING_ADMIN_REQUEST: undefined;
  /** Background → the settings page that asked. */
  MESSAGING_ADMIN_STATE: MessagingAdminState;
  /** Settings page → background: show this message on every open new tab, ignoring targeting and caps. */
  MESSAGING_ADMIN_SHOW: { id: string };
  MESSAGING_ADMIN_UNBLOCK: { id: string };
  MESSAGING_ADMIN_RESET_IMPRESSIONS: undefined;
  /** Settings page → background: reload every provider, then send the state. */
  MESSAGING_ADMIN_RELOAD: undefined;
  /** Popup → background: the toolbar button was opened, for the tab `tabId` (the active tab where it was clicked). */
  TOOLBAR_POPUP_OPENED: { tabId: number | null; view: PopupView };
  /** Background → the popup that opened: what it shows. */
  TOOLBAR_POPUP_STATE: PopupState;
  /** Popup → background: the What's new view showed these messages. */
  WHATS_NEW_VIEWED: { ids: string[] };
  /** Popup → background: a what's-new message's link was clicked. */
  WHATS_NEW_CLICK: { id: string };
  /** Popup → background: the "Show notifications for new features" checkbox. */
  WHATS_NEW_PREF_TOGGLE: { value: boolean };
  /** Popup → background: a control of the CFR doorhanger it shows. */
  CFR_ACTION: { id: string; control: CfrControl };
  /** Popup (its save button) or the context menu → background: save the tab's page, or a link on it, to the saved list. */
  SAVE_TO_LIST: { tabId: number; link?: { url: string; text?: string } };
  /** Save-for-later button events (activity-stream/pocket-button). */
  TELEMETRY_POCKET_BUTTON: { events: PocketButtonEvent[] };
  /** The recommendations shown after a save (activity-stream/on-save-recs). */
  TELEMETRY_ON_SAVE_RECS: { events: OnSaveRecsEvent[] };
  /** Welcome page → background: which screens to show (once per page session). */
  WELCOME_FLOW_REQUEST: undefined;
  /** Background → the welcome page that asked: its screens. */
  WELCOME_FLOW: { flow: WelcomeFlow };
  /** Welcome page → background: a screen is on show. */
  WELCOME_SCREEN_SHOWN: { screen: ScreenId };
  /** Welcome page → background: a screen's primary or secondary button was used. */
  WELCOME_BUTTON: { screen: ScreenId; source: 'primary_button' | 'secondary_button' };
  /** Internal: the experiment manager enrolled, unenrolled, measured reach or met a failing attribute. */
  EXPERIMENT_EVENT: ExperimentEventData;
  /** Internal: the active enrollments, `{slug: {branch}}`, now. */
  EXPERIMENTS_UPDATED: Record<string, { branch: string }>;
  /** Settings page → background: send the active experiments. */
  EXPERIMENTS_REQUEST: undefined;
  /** Background → the settings page that asked (and after a change). */
  EXPERIMENTS_STATE: ExperimentsState;
  /** Settings page → background: leave this experiment. */
  EXPERIMENTS_LEAVE: { slug: string };
  /** Settings page (admin, for testing) → background: enroll in this branch whatever bucket and targeting say. */
  EXPERIMENTS_FORCE: { slug: string; branch: string };
  /** Page → background: one change to the Lists widget's lists. */
  WIDGETS_LISTS_CHANGE: ListsOp;
  /** Page → background: play, pause, reset or switch the Focus timer. */
  WIDGETS_TIMER_CHANGE: TimerOp;
  /** Background → pages: the widgets' data, whole. */
  WIDGETS_UPDATE: WidgetsState;
  /** Internal: the Focus timer ran out (its alarm fired). */
  WIDGETS_TIMER_ENDED: { mode: TimerMode };
}

export type ActionType = keyof ActionDataMap;

export type Action<K extends ActionType = ActionType> = K extends ActionType
  ? { type: K; data: ActionDataMap[K]; meta?: ActionMeta }
  : never;

export const ACTION_TYPES = [
  'INIT',
  'UNINIT',
  'NEW_TAB_INIT',
  'NEW_TAB_UNLOAD',
  'NEW_TAB_STATE_REQUEST',
  'NEW_TAB_INITIAL_STATE',
  'NEW_TAB_REHYDRATED',
  'SET_PREF',
  'PREF_CHANGED',
  'PREFS_INITIAL_VALUES',
  'TELEMETRY_USER_EVENT',
  'TELEMETRY_IMPRESSION_STATS',
  'DISCOVERY_STREAM_IMPRESSION_STATS',
  'DISCOVERY_STREAM_LOADED_CONTENT',
  'DISCOVERY_STREAM_SPOCS_FILL',
  'DISCOVERY_STREAM_SPOC_IMPRESSION',
  'TOP_SITES_SPONSORED_IMPRESSION_STATS',
  'AS_ROUTER_TELEMETRY_USER_EVENT',
  'SAVE_SESSION_PERF_DATA',
  'DISCOVERY_STREAM_STORIES_UPDATE',
  'DISCOVERY_STREAM_BLOCK_STORY',
  'DISCOVERY_STREAM_SAVE_STORY',
  'DISCOVERY_STREAM_UNSAVE_STORY',
  'FOLLOW_SECTION',
  'UNFOLLOW_SECTION',
  'BLOCK_SECTION',
  'UNBLOCK_SECTION',
  'DISCOVERY_STREAM_THUMBS_UP',
  'SECTION_PERSONALIZATION_UPDATE',
  'SEARCH_QUERY',
  'HANDOFF_SEARCH_TO_AWESOMEBAR',
  'HIGHLIGHTS_UPDATE',
  'BOOKMARK_URL',
  'DELETE_BOOKMARK_BY_ID',
  'DELETE_HISTORY_URL',
  'OPEN_NEW_WINDOW',
  'OPEN_PRIVATE_WINDOW',
  'TELEMETRY_TAB_PINNED',
  'TELEMETRY_PAGE_TAKEOVER',
  'TOP_SITES_UPDATED',
  'TOP_SITES_PIN',
  'TOP_SITES_UNPIN',
  'BLOCK_URL',
  'TOP_SITES_BLOCK_SPONSOR',
  'PREVIEW_REQUEST',
  'PREVIEW_RESPONSE',
  'UPDATE_PINNED_SEARCH_SHORTCUTS',
  'SEARCH_WITH_SHORTCUT',
  'SETTINGS_OPENER',
  'PAGE_VISIBLE_UNTIL_NOW',
  'MESSAGING_TRIGGER',
  'MESSAGING_SHOW',
  'MESSAGING_IMPRESSION',
  'MESSAGING_BUTTON',
  'MESSAGING_DISMISS',
  'MESSAGING_BLOCK',
  'MESSAGING_DISMISS_LOCAL',
  'MESSAGING_ADMIN_REQUEST',
  'MESSAGING_ADMIN_STATE',
  'MESSAGING_ADMIN_SHOW',
  'MESSAGING_ADMIN_UNBLOCK',
  'MESSAGING_ADMIN_RESET_IMPRESSIONS',
  'MESSAGING_ADMIN_RELOAD',
  'TOOLBAR_POPUP_OPENED',
  'TOOLBAR_POPUP_STATE',
  'WHATS_NEW_VIEWED',
  'WHATS_NEW_CLICK',
  'WHATS_NEW_PREF_TOGGLE',
  'CFR_ACTION',
  'SAVE_TO_LIST',
  'TELEMETRY_POCKET_BUTTON',
  'TELEMETRY_ON_SAVE_RECS',
  'WELCOME_FLOW_REQUEST',
  'WELCOME_FLOW',
  'WELCOME_SCREEN_SHOWN',
  'WELCOME_BUTTON',
  'EXPERIMENT_EVENT',
  'EXPERIMENTS_UPDATED',
  'EXPERIMENTS_REQUEST',
  'EXPERIMENTS_STATE',
  'EXPERIMENTS_LEAVE',
  'EXPERIMENTS_FORCE',
  'WIDGETS_LISTS_CHANGE',
  'WIDGETS_TIMER_CHANGE',
  'WIDGETS_UPDATE',
  'WIDGETS_TIMER_ENDED',
] as const satisfies readonly ActionType[];

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && (ACTION_TYPES as readonly string[]).includes(value);
}

export function action<K extends ActionType>(type: K, data: ActionDataMap[K]): Action<K> {
  return { type, data } as Action<K>;
}

function route<A extends Action>(a: A, meta: ActionMeta): A {
  return { ...a, meta };
}

/** Run the page reducer and send to the background. */
export function AlsoToMain<A extends Action>(a: A, fromTarget?: string, skipLocal?: boolean): A {
  const meta: ActionMeta = { from: CONTENT, to: MAIN };
  if (fromTarget) meta.fromTarget = fromTarget;
  if (skipLocal) meta.skipLocal = true;
  return route(a, meta);
}

/** Send to the background only. */
export function OnlyToMain<A extends Action>(a: A, fromTarget?: string): A {
  return AlsoToMain(a, fromTarget, true);
}

/** Background reducer plus every open page. */
export function BroadcastToContent<A extends Action>(a: A): A {
  return route(a, { from: MAIN, to: CONTENT });
}

/** Background reducer plus the one page `portId`. */
export function AlsoToOneContent<A extends Action>(a: A, portId: string, skipMain?: boolean): A {
  if (!portId) throw new Error(`AlsoToOneContent: no target port for ${a.type}`);
  const meta: ActionMeta = { from: MAIN, to: CONTENT, toTarget: portId };
  if (skipMain) meta.skipMain = true;
  return route(a, meta);
}

export function OnlyToOneContent<A extends Action>(a: A, portId: string): A {
  return AlsoToOneContent(a, portId, true);
}

export const actionUtils = {
  isSendToMain: (a: Action) => a.meta?.to === MAIN,
  isBroadcastToContent: (a: Action) => a.meta?.to === CONTENT && !a.meta.toTarget,
  isSendToOneContent: (a: Action) => a.meta?.to === CONTENT && Boolean(a.meta.toTarget),
  isFromMain: (a: Action) => a.meta?.from === MAIN,
  getPortIdOfSender: (a: Action) => a.meta?.fromTarget ?? null,
};

/** Creators that the page uses to say what happened; routing included. */
export const ac = {
  SetPref: <N extends PrefName>(name: N, value: PrefValues[N]) =>
    AlsoToMain(action('SET_PREF', { name, value } as ActionDataMap['SET_PREF']), undefined, true),
  UserEvent: (data: UserEventData) => AlsoToMain(action('TELEMETRY_USER_EVENT', data)),
  ImpressionStats: (data: ImpressionStatsData) => AlsoToMain(action('TELEMETRY_IMPRESSION_STATS', data)),
  DiscoveryStreamImpressionStats: (data: ImpressionStatsData) =>
    AlsoToMain(action('DISCOVERY_STREAM_IMPRESSION_STATS', data)),
  DiscoveryStreamLoadedContent: (data: ImpressionStatsData) =>
    AlsoToMain(action('DISCOVERY_STREAM_LOADED_CONTENT', data)),
  DiscoveryStreamSpocsFill: (data: { spoc_fills: SpocFill[] }) =>
    AlsoToMain(action('DISCOVERY_STREAM_SPOCS_FILL', data)),
  SponsoredTileEvent: (data: SponsoredTileEvent) =>
    OnlyToMain(action('TOP_SITES_SPONSORED_IMPRESSION_STATS', data)),
  ASRouterUserEvent: (data: MessagingEventData) => OnlyToMain(action('AS_ROUTER_TELEMETRY_USER_EVENT', data)),
  PerfData: (data: Partial<SessionPerf>) => OnlyToMain(action('SAVE_SESSION_PERF_DATA', data)),
  StateRequest: () => OnlyToMain(action('NEW_TAB_STATE_REQUEST', undefined)),
  MessagingTrigger: () => OnlyToMain(action('MESSAGING_TRIGGER', { trigger: { id: 'newtabMessageCheck' } })),
  MessagingImpression: (id: string) => OnlyToMain(action('MESSAGING_IMPRESSION', { id })),
  MessagingButton: (id: string, button: ButtonId) => OnlyToMain(action('MESSAGING_BUTTON', { id, button })),
  MessagingDismiss: (id: string) => OnlyToMain(action('MESSAGING_DISMISS', { id })),
  MessagingBlock: (id: string) => OnlyToMain(action('MESSAGING_BLOCK', { id })),
  MessagingDismissLocal: () => action('MESSAGING_DISMISS_LOCAL', undefined),
  MessagingAdminRequest: () => OnlyToMain(action('MESSAGING_ADMIN_REQUEST', undefined)),
  MessagingAdminShow: (id: string) => OnlyToMain(action('MESSAGING_ADMIN_SHOW', { id })),
  MessagingAdminUnblock: (id: string) => OnlyToMain(action('MESSAGING_ADMIN_UNBLOCK', { id })),
  MessagingAdminResetImpressions: () => OnlyToMain(action('MESSAGING_ADMIN_RESET_IMPRESSIONS', undefined)),
  MessagingAdminReload: () => OnlyToMain(action('MESSAGING_ADMIN_RELOAD', undefined)),
  ToolbarPopupOpened: (tabId: number | null, view: PopupView) => OnlyToMain(action('TOOLBAR_POPUP_OPENED', { tabId, view })),
  CfrAction: (id: string, control: CfrControl) => OnlyToMain(action('CFR_ACTION', { id, control })),
  SaveToList: (tabId: number) => OnlyToMain(action('SAVE_TO_LIST', { tabId })),
  PocketButtonEvent: (event: PocketButtonEvent) => OnlyToMain(action('TELEMETRY_POCKET_BUTTON', { events: [event] })),
  OnSaveRecs: (events: OnSaveRecsEvent[]) => OnlyToMain(action('TELEMETRY_ON_SAVE_RECS', { events })),
  WhatsNewViewed: (ids: string[]) => OnlyToMain(action('WHATS_NEW_VIEWED', { ids })),
  WhatsNewClick: (id: string) => OnlyToMain(action('WHATS_NEW_CLICK', { id })),
  WhatsNewPrefToggle: (value: boolean) => OnlyToMain(action('WHATS_NEW_PREF_TOGGLE', { value })),
  WelcomeFlowRequest: () => OnlyToMain(action('WELCOME_FLOW_REQUEST', undefined)),
  WelcomeScreenShown: (screen: ScreenId) => OnlyToMain(action('WELCOME_SCREEN_SHOWN', { screen })),
  WelcomeButton: (screen: ScreenId, source: 'primary_button' | 'secondary_button') =>
    OnlyToMain(action('WELCOME_BUTTON', { screen, source })),
  ExperimentsRequest: () => OnlyToMain(action('EXPERIMENTS_REQUEST', undefined)),
  ExperimentsLeave: (slug: string) => OnlyToMain(action('EXPERIMENTS_LEAVE', { slug })),
  ExperimentsForce: (slug: string, branch: string) => OnlyToMain(action('EXPERIMENTS_FORCE', { slug, branch })),
  WidgetsListsChange: (change: ListsOp) => OnlyToMain(action('WIDGETS_LISTS_CHANGE', change)),
  WidgetsTimerChange: (change: TimerOp) => OnlyToMain(action('WIDGETS_TIMER_CHANGE', change)),
};
