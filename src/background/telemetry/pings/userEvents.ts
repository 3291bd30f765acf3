import {
  USER_EVENT_VALUE_KEYS,
  type PageSession,
  type PageTakeoverValue,
  type PingContext,
  type PingEnvelope,
  type UserEventData,
} from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';
import { jsonOrOmit, pickPrimitives, withOptional } from './whitelist';

/**
 * activity-stream/events/1. Without a page session (pinning a tab, page
 * takeover) `session_id` and `page` are 'n/a', which the schema allows.
 */
export function buildUserEventPing(ctx: PingContext, session: PageSession | null, data: UserEventData): PingEnvelope {
  return makeEnvelope(ctx, 'activity-stream', 'events', 1, {
    client_id: ctx.client_id,
    session_id: session?.session_id ?? 'n/a',
    page: session?.page ?? 'n/a',
    browser_session_id: ctx.browser_session_id,
    addon_version: ctx.addon_version,
    user_prefs: ctx.user_prefs,
    ...pingCentreFields(ctx),
    event: data.event,
    ...withOptional('source', data.source),
    ...withOptional('action_position', data.action_position),
    ...jsonOrOmit('value', pickPrimitives(data.value, USER_EVENT_VALUE_KEYS)),
  });
}

/**
 * Sent once at start-up when the home page and/or new tab is a custom page.
 * Throws when neither is: the caller sends nothing in that case.
 */
export function buildPageTakeoverPing(ctx: PingContext, value: PageTakeoverValue): PingEnvelope {
  const home = value.home_url_category !== undefined || value.home_extension_id !== undefined;
  const newtab = value.newtab_url_category !== undefined || value.newtab_extension_id !== undefined;
  if (!home && !newtab) throw new RangeError('page takeover ping needs a home or newtab takeover');
  const page = home && newtab ? 'both' : home ? 'about:home' : 'about:newtab';
  return buildUserEventPing(ctx, { session_id: 'n/a', page }, { event: 'PAGE_TAKEOVER_DATA', value });
}

/** Pinning happens outside the new tab, so there is no page session. */
export function buildTabPinnedPing(ctx: PingContext, totalPinnedTabs: number): PingEnvelope {
  return buildUserEventPing(ctx, null, {
    event: 'TABPINNED',
    source: 'TAB_CONTEXT_MENU',
    value: { total_pinned_tabs: totalPinnedTabs },
  });
}
