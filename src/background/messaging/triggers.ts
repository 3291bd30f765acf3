// The moments at which the router looks for a message, and how a message's
// trigger matches one. A visited URL is matched here, in the background, and
// goes no further: it is never stored, logged or put in a ping.
import type { RouterMessage } from '../../common/messaging/types';

export const TRIGGER_IDS = [
  /** A new-tab or home page of ours is ready. */
  'newtabMessageCheck',
  /** The first start after the extension was installed. */
  'firstRun',
  /** A tab finished loading a page whose URL matches the message's `params` (hosts) or `patterns`. */
  'openURL',
  /** The extension's toolbar button was clicked. */
  'toolbarButtonOpened',
  /** Providers (re)loaded their messages. */
  'messagesLoaded',
  /** The background started, or providers loaded messages: a toolbar badge may be set (Firefox's ToolbarBadgeHub). */
  'toolbarBadgeUpdate',
  /** The toolbar popup's What's new view asks for its messages (every one that fits is listed). */
  'whatsNewPanelOpened',
  /** The first start of a new version of the extension (an update, not the install). */
  'extensionUpdated',
  /** Each background start and each load of messages: moments pages set for a date say so in targeting (Firefox's MomentsPageHub). */
  'momentsPageHub',
] as const;
export type TriggerId = (typeof TRIGGER_IDS)[number];

/** A trigger as it fires; `url` and `tabId` only for openURL (the URL is matched, never kept). */
export interface FiredTrigger {
  id: TriggerId;
  url?: string;
  tabId?: number;
}

/** Match patterns as in WebExtensions: `<scheme>://<host>/<path>`, `*` wildcards, `*.` host prefix. */
function patternToRegExp(pattern: string): RegExp | null {
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${escape(host.slice(2))}` : escape(host);
  const pathRe = path.split('*').map(escape).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${pathRe}$`, 'i');
}

const compiled = new Map<string, RegExp | null>();

function matchesPattern(pattern: string, url: string): boolean {
  if (!compiled.has(pattern)) compiled.set(pattern, patternToRegExp(pattern));
  return compiled.get(pattern)?.test(url) ?? false;
}

/** `params` are host names, as in Firefox: the host itself or its www. form. */
function matchesHost(hosts: readonly string[], url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => host === h.toLowerCase() || host === `www.${h.toLowerCase()}`);
}

export function matchesTrigger(trigger: RouterMessage['trigger'], fired: FiredTrigger): boolean {
  if (trigger.id !== fired.id) return false;
  if (fired.id !== 'openURL') return true;
  const url = fired.url;
  if (!url || !/^https?:/i.test(url)) return false;
  return matchesHost(trigger.params ?? [], url) || (trigger.patterns ?? []).some((p) => matchesPattern(p, url));
}
