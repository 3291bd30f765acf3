// Each page connects with a port whose name says which page it is and which
// page instance: the instance id is the page session's key, so a page that
// reconnects after the background was suspended keeps its session.
import type { PageKind } from './actions';

const PREFIX = 'activity-stream:';
const PAGE_KINDS: readonly PageKind[] = ['about:newtab', 'about:home', 'about:welcome', 'about:preferences', 'toolbar-popup'];

export interface PortIdentity {
  page: PageKind;
  instanceId: string;
  /** The page was connected before and lost its port (e.g. the background was suspended). */
  reconnect: boolean;
}

/** A page instance id: a UUID the page made for itself. */
export function isInstanceId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);
}

export function encodePortName(id: PortIdentity): string {
  return PREFIX + JSON.stringify(id);
}

export function decodePortName(name: string): PortIdentity | null {
  if (!name.startsWith(PREFIX)) return null;
  try {
    const parsed: unknown = JSON.parse(name.slice(PREFIX.length));
    if (!parsed || typeof parsed !== 'object') return null;
    const { page, instanceId, reconnect } = parsed as Record<string, unknown>;
    if (!PAGE_KINDS.includes(page as PageKind)) return null;
    if (!isInstanceId(instanceId)) return null;
    return { page: page as PageKind, instanceId, reconnect: reconnect === true };
  } catch {
    return null;
  }
}
