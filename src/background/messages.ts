// Checks what a page sends before it reaches the store: pages are less
// trusted than the background, and one bad message must break nothing.
import { isActionType, type Action, type ActionType } from '../common/actions';
import { isScreenId } from '../common/onboarding/screens';
import { isPrefName, prefValueError } from '../common/prefs';
import { ON_SAVE_RECS_ACTIONS, POCKET_BUTTON_ACTIONS, POCKET_BUTTON_SOURCES } from '../common/pings/types';
import { isFlightId } from '../common/stories/sanitizeFeed';
import { isSectionId } from '../common/stories/topics';
import { isWebUrl } from '../common/urls';
import { MAX_SEARCH_TEXT_LENGTH } from '../common/search';
import { SEARCH_SHORTCUTS, searchShortcutFor } from '../common/topSites/catalog';
import { MAX_LABEL_LENGTH, MAX_TOP_SITES } from '../common/topSites/rules';
import { isAdvertiser } from '../common/topSites/sponsoredFeed';
import { isInstanceId } from '../common/portName';
import { listsOpError } from '../common/widgets/lists';
import { timerOpError } from '../common/widgets/timer';

/** Action types a page may send to the background. */
const FROM_PAGE: ReadonlySet<ActionType> = new Set<ActionType>([
  'NEW_TAB_STATE_REQUEST',
  'SET_PREF',
  'TELEMETRY_USER_EVENT',
  'TELEMETRY_IMPRESSION_STATS',
  'DISCOVERY_STREAM_IMPRESSION_STATS',
  'DISCOVERY_STREAM_LOADED_CONTENT',
  'DISCOVERY_STREAM_SPOCS_FILL',
  'DISCOVERY_STREAM_SPOC_IMPRESSION',
  'TOP_SITES_SPONSORED_IMPRESSION_STATS',
  'SAVE_SESSION_PERF_DATA',
  'DISCOVERY_STREAM_BLOCK_STORY',
  'DISCOVERY_STREAM_SAVE_STORY',
  'DISCOVERY_STREAM_UNSAVE_STORY',
  'FOLLOW_SECTION',
  'UNFOLLOW_SECTION',
  'BLOCK_SECTION',
  'UNBLOCK_SECTION',
  'DISCOVERY_STREAM_THUMBS_UP',
  'SEARCH_QUERY',
  'HANDOFF_SEARCH_TO_AWESOMEBAR',
  'BOOKMARK_URL',
  'DELETE_BOOKMARK_BY_ID',
  'DELETE_HISTORY_URL',
  'OPEN_NEW_WINDOW',
  'OPEN_PRIVATE_WINDOW',
  'TOP_SITES_PIN',
  'TOP_SITES_UNPIN',
  'BLOCK_URL',
  'TOP_SITES_BLOCK_SPONSOR',
  'PREVIEW_REQUEST',
  'UPDATE_PINNED_SEARCH_SHORTCUTS',
  'SEARCH_WITH_SHORTCUT',
  'SETTINGS_OPENER',
  'PAGE_VISIBLE_UNTIL_NOW',
  'MESSAGING_TRIGGER',
  'MESSAGING_IMPRESSION',
  'MESSAGING_BUTTON',
  'MESSAGING_DISMISS',
  'MESSAGING_BLOCK',
  'MESSAGING_ADMIN_REQUEST',
  'MESSAGING_ADMIN_SHOW',
  'MESSAGING_ADMIN_UNBLOCK',
  'MESSAGING_ADMIN_RESET_IMPRESSIONS',
  'MESSAGING_ADMIN_RELOAD',
  'TOOLBAR_POPUP_OPENED',
  'WHATS_NEW_VIEWED',
  'WHATS_NEW_CLICK',
  'WHATS_NEW_PREF_TOGGLE',
  'CFR_ACTION',
  'SAVE_TO_LIST',
  'TELEMETRY_POCKET_BUTTON',
  'TELEMETRY_ON_SAVE_RECS',
  'WELCOME_FLOW_REQUEST',
  'WELCOME_SCREEN_SHOWN',
  'WELCOME_BUTTON',
  'EXPERIMENTS_REQUEST',
  'EXPERIMENTS_LEAVE',
  'EXPERIMENTS_FORCE',
  'WIDGETS_LISTS_CHANGE',
  'WIDGETS_TIMER_CHANGE',
]);

/** Extra per-type checks; types without one only need an object or no data. */
const DATA_CHECKS: Partial<Record<ActionType, (data: Record<string, unknown>) => string | null>> = {
  SET_PREF: (d) => (isPrefName(d.name) ? prefValueError(d.name, d.value) : `unknown pref ${String(d.name)}`),
  TELEMETRY_USER_EVENT: (d) => (typeof d.event === 'string' ? null : 'user event without an event name'),
  DISCOVERY_STREAM_SPOC_IMPRESSION: (d) => flightIdError(d.flightId),
  DISCOVERY_STREAM_BLOCK_STORY: (d) => storyIdError(d.id) ?? (d.flightId === undefined ? null : flightIdError(d.flightId)),
  DISCOVERY_STREAM_SAVE_STORY: (d) => storyIdError(d.id),
  DISCOVERY_STREAM_UNSAVE_STORY: (d) => storyIdError(d.id),
  FOLLOW_SECTION: (d) => sectionIdError(d.section),
  UNFOLLOW_SECTION: (d) => sectionIdError(d.section),
  BLOCK_SECTION: (d) => sectionIdError(d.section),
  UNBLOCK_SECTION: (d) => sectionIdError(d.section),
  DISCOVERY_STREAM_THUMBS_UP: (d) => storyIdError(d.id),
  SEARCH_QUERY: (d) => searchTextError(d.text),
  HANDOFF_SEARCH_TO_AWESOMEBAR: (d) => searchTextError(d.text),
  BOOKMARK_URL: (d) =>
    webUrlError(d.url) ?? (d.title === undefined || (typeof d.title === 'string' && d.title.length <= 1000) ? null : 'bad title'),
  DELETE_BOOKMARK_BY_ID: (d) =>
    typeof d.bookmarkGuid === 'string' && d.bookmarkGuid !== '' && d.bookmarkGuid.length <= 100 ? null : 'bad bookmark id',
  DELETE_HISTORY_URL: (d) => webUrlError(d.url),
  OPEN_NEW_WINDOW: (d) => webUrlError(d.url),
  OPEN_PRIVATE_WINDOW: (d) => webUrlError(d.url),
  TOP_SITES_PIN: (d) => pinRequestError(d),
  TOP_SITES_UNPIN: (d) => webUrlError(d.url),
  BLOCK_URL: (d) => webUrlError(d.url),
  TOP_SITES_BLOCK_SPONSOR: (d) => (isAdvertiser(d.advertiser) ? null : 'bad advertiser'),
  PREVIEW_REQUEST: (d) => webUrlError(d.url),
  UPDATE_PINNED_SEARCH_SHORTCUTS: (d) =>
    [d.added, d.deleted].every((v) => Array.isArray(v) && v.length <= SEARCH_SHORTCUTS.length && v.every((x) => searchShortcutFor(x)))
      ? null
      : 'added and deleted must list known search shortcuts',
  SEARCH_WITH_SHORTCUT: (d) => (searchShortcutFor(d.vendor) ? searchTextError(d.text) : 'unknown search shortcut'),
  SETTINGS_OPENER: (d) => (isInstanceId(d.instanceId) ? null : 'bad page instance id'),
  MESSAGING_TRIGGER: (d) => ((d.trigger as { id?: unknown } | null)?.id === 'newtabMessageCheck' ? null : 'pages may only ask newtabMessageCheck'),
  MESSAGING_IMPRESSION: (d) => messageIdError(d.id),
  MESSAGING_BUTTON: (d) => messageIdError(d.id) ?? (['button', 'primary', 'secondary'].includes(d.button as string) ? null : 'unknown button'),
  MESSAGING_DISMISS: (d) => messageIdError(d.id),
  MESSAGING_BLOCK: (d) => messageIdError(d.id),
  MESSAGING_ADMIN_SHOW: (d) => messageIdError(d.id),
  MESSAGING_ADMIN_UNBLOCK: (d) => messageIdError(d.id),
  TOOLBAR_POPUP_OPENED: (d) =>
    d.tabId !== null && !(Number.isSafeInteger(d.tabId) && (d.tabId as number) >= 0)
      ? 'tabId must be a tab id or null'
      : ['toolbar', 'cfr'].includes(d.view as string) ? null : 'unknown popup view',
  SAVE_TO_LIST: (d) =>
    !(Number.isSafeInteger(d.tabId) && (d.tabId as number) >= 0)
      ? 'tabId must be a tab id'
      : d.link === undefined ? null : webUrlError((d.link as { url?: unknown } | null)?.url),
  TELEMETRY_POCKET_BUTTON: (d) => eventsError(d.events, (e) => POCKET_BUTTON_ACTIONS.includes(e.action as never) && POCKET_BUTTON_SOURCES.includes(e.source as never)),
  TELEMETRY_ON_SAVE_RECS: (d) => eventsError(d.events, (e) => ON_SAVE_RECS_ACTIONS.includes(e.action as never)),
  CFR_ACTION: (d) =>
    messageIdError(d.id) ?? (['primary', 'dismiss', 'block', 'rationale', 'learn_more', 'manage'].includes(d.control as string) ? null : 'unknown CFR control'),
  WHATS_NEW_VIEWED: (d) => (Array.isArray(d.ids) && d.ids.length <= 100 ? d.ids.map(messageIdError).find((e) => e !== null) ?? null : 'ids must be a list of at most 100'),
  WHATS_NEW_CLICK: (d) => messageIdError(d.id),
  WHATS_NEW_PREF_TOGGLE: (d) => (typeof d.value === 'boolean' ? null : 'value must be a boolean'),
  WIDGETS_LISTS_CHANGE: (d) => listsOpError(d),
  WIDGETS_TIMER_CHANGE: (d) => timerOpError(d),
  EXPERIMENTS_LEAVE: (d) => slugError(d.slug),
  EXPERIMENTS_FORCE: (d) => slugError(d.slug) ?? slugError(d.branch),
  WELCOME_SCREEN_SHOWN: (d) => (isScreenId(d.screen) ? null : 'unknown welcome screen'),
  WELCOME_BUTTON: (d) =>
    !isScreenId(d.screen) ? 'unknown welcome screen' : ['primary_button', 'secondary_button'].includes(d.source as string) ? null : 'unknown button',
};

function sectionIdError(section: unknown): string | null {
  return isSectionId(section) ? null : 'bad section id';
}

function slugError(slug: unknown): string | null {
  return typeof slug === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(slug) ? null : 'bad experiment or branch slug';
}

/** Pages only echo ids the background sent them, so a plain length check is enough here. */
/** 1 to 20 events, each with a known action (and source) and a small position. */
function eventsError(events: unknown, known: (e: Record<string, unknown>) => boolean): string | null {
  if (!Array.isArray(events) || events.length === 0 || events.length > 20) return 'events must be a list of 1 to 20';
  const bad = events.find((e) => {
    const r = e as Record<string, unknown> | null;
    return !r || typeof r !== 'object' || !known(r) || !(Number.isSafeInteger(r.position) && (r.position as number) >= 0 && (r.position as number) <= 100);
  });
  return bad === undefined ? null : 'an event is not one the save button sends';
}

function messageIdError(id: unknown): string | null {
  return typeof id === 'string' && id !== '' && id.length <= 100 ? null : 'bad message id';
}

function pinRequestError(d: Record<string, unknown>): string | null {
  if (!Number.isInteger(d.index) || (d.index as number) < -1 || (d.index as number) >= MAX_TOP_SITES) return 'bad slot index';
  const site = d.site as Record<string, unknown> | null;
  if (!site || typeof site !== 'object') return 'no site';
  if (site.label !== undefined && (typeof site.label !== 'string' || site.label.length > MAX_LABEL_LENGTH)) return 'bad label';
  if (site.customScreenshotURL != null && !isWebUrl(site.customScreenshotURL)) return 'custom image url must be http(s)';
  return webUrlError(site.url);
}

function searchTextError(text: unknown): string | null {
  if (typeof text !== 'string' || text.trim() === '') return 'search text must be a non-empty string';
  return text.length > MAX_SEARCH_TEXT_LENGTH ? `search text is longer than ${MAX_SEARCH_TEXT_LENGTH}` : null;
}

function webUrlError(url: unknown): string | null {
  return isWebUrl(url) ? null : 'url must be http(s)';
}

function storyIdError(id: unknown): string | null {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? null : 'story id must be a non-negative integer';
}

function flightIdError(flightId: unknown): string | null {
  return isFlightId(flightId) ? null : 'bad flight id';
}

export type ParsedMessage = { ok: true; action: Action } | { ok: false; error: string };

export function parsePageMessage(message: unknown): ParsedMessage {
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return { ok: false, error: 'message is not an object' };
  }
  const { type, data } = message as Record<string, unknown>;
  if (!isActionType(type)) return { ok: false, error: `unknown action type ${JSON.stringify(type)}` };
  if (!FROM_PAGE.has(type)) return { ok: false, error: `action ${type} may not come from a page` };
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, error: `action ${type} has data that is not an object` };
  }
  const check = DATA_CHECKS[type];
  if (check) {
    if (data === undefined) return { ok: false, error: `action ${type} needs data` };
    const error = check(data as Record<string, unknown>);
    if (error) return { ok: false, error: `action ${type}: ${error}` };
  }
  // `meta` from a page is never trusted: the channel sets the routing itself.
  return { ok: true, action: { type, data } as Action };
}
