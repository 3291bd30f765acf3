// Checks what a page sends before it reaches the store: pages are less
// trusted than the background, and one bad message must break nothing.
import { isActionType, type Action, type ActionType } from '../common/actions';
import { isPrefName, prefValueError } from '../common/prefs';

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
  'AS_ROUTER_TELEMETRY_USER_EVENT',
  'SAVE_SESSION_PERF_DATA',
]);

/** Extra per-type checks; types without one only need an object or no data. */
const DATA_CHECKS: Partial<Record<ActionType, (data: Record<string, unknown>) => string | null>> = {
  SET_PREF: (d) => (isPrefName(d.name) ? prefValueError(d.name, d.value) : `unknown pref ${String(d.name)}`),
  TELEMETRY_USER_EVENT: (d) => (typeof d.event === 'string' ? null : 'user event without an event name'),
};

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
