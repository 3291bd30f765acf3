// Return to AMO: an install whose attribution `content` names another add-on
// (Firefox's `rta:<base64url add-on id>`, or `rta:<add-on id>`) first offers
// that add-on, on the RTAMO_DEFAULT_WELCOME screen, with a button to its
// listing (pref `onboarding.addonListingUrl`, `%ID%` standing for the id).
import type { Attribution } from './attribution';
import { RTAMO_SCREEN, type WelcomeFlow } from './screens';

/** Add-on ids as Firefox writes them (`name@domain`, or a GUID in braces), or a Chromium extension id. */
const ADDON_ID = /^(?:[A-Za-z0-9._+-]{1,80}@[A-Za-z0-9.-]{1,80}|\{[0-9a-fA-F-]{36}\}|[a-p]{32})$/;

export const RTAMO_FLOW_ID = 'RTAMO_DEFAULT_WELCOME';

function fromBase64Url(text: string): string | null {
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

/** The add-on the attribution returns to, or null. */
export function rtamoAddonId(attribution: Attribution): string | null {
  const content = attribution.content;
  if (!content?.startsWith('rta:')) return null;
  const code = content.slice(4);
  const decoded = fromBase64Url(code);
  if (decoded !== null && ADDON_ID.test(decoded)) return decoded;
  return ADDON_ID.test(code) ? code : null;
}

/** The listing page of `id`: the pref's template with `%ID%` replaced. */
export function addonListingUrl(template: string, id: string): string {
  return template.replace('%ID%', encodeURIComponent(id));
}

/** Return to AMO first, when the attribution names an add-on: its screen, then the flow's. */
export function withReturnToAmo(flow: WelcomeFlow, attribution: Attribution, listingTemplate: string): WelcomeFlow {
  const id = rtamoAddonId(attribution);
  if (!id) return flow;
  return { id: RTAMO_FLOW_ID, screens: [{ id: RTAMO_SCREEN }, ...flow.screens], addon: { id, listingUrl: addonListingUrl(listingTemplate, id) } };
}
