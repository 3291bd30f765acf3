// Where the add-on came from, in the seed's attribution fields. A code is an
// URL-encoded query string, as Firefox's stub-installer attribution
// (`source%3Dmozilla.org%26medium%3Dreferral…`), or the same fields as an
// object (managed storage). Only the seed's keys are kept, each a short
// token: no URL, no path, nothing free-form.
export const ATTRIBUTION_KEYS = ['source', 'medium', 'campaign', 'content', 'experiment', 'variation', 'ua'] as const;
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];
export type Attribution = Partial<Record<AttributionKey, string>>;

/** Letters, digits and `. _ - @ : + =`: ids, domains and campaign names, never a URL (no `/`). */
export const ATTRIBUTION_VALUE = /^[A-Za-z0-9._@:+=-]{1,100}$/;
/** Longest encoded code read (Firefox caps its attribution code at 1010 characters). */
export const MAX_CODE_LENGTH = 1010;

export type AttributionResult = { attribution: Attribution; dropped: string[] };

/** Keeps the valid fields of an object; `dropped` names what was left out, and why. */
export function validateAttribution(raw: unknown): AttributionResult {
  const attribution: Attribution = {};
  const dropped: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { attribution, dropped: raw === undefined ? [] : ['not an object'] };
  for (const [key, value] of Object.entries(raw)) {
    if (!(ATTRIBUTION_KEYS as readonly string[]).includes(key)) dropped.push(`${key}: not an attribution field`);
    else if (typeof value !== 'string' || !ATTRIBUTION_VALUE.test(value) || value.includes('//')) dropped.push(`${key}: not a short token`);
    else attribution[key as AttributionKey] = value;
  }
  return { attribution, dropped };
}

/** Reads an URL-encoded attribution code; an unreadable code gives no field. */
export function parseAttributionCode(code: string): AttributionResult {
  if (code === '') return { attribution: {}, dropped: [] };
  if (code.length > MAX_CODE_LENGTH) return { attribution: {}, dropped: [`the code is longer than ${MAX_CODE_LENGTH} characters`] };
  let decoded: string;
  try {
    decoded = decodeURIComponent(code);
  } catch {
    return { attribution: {}, dropped: ['the code is not URL-encoded'] };
  }
  const fields: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [key, value] of new URLSearchParams(decoded)) {
    if (key in fields) dropped.push(`${key}: given twice`);
    else fields[key] = value;
  }
  const checked = validateAttribution(fields);
  return { attribution: checked.attribution, dropped: [...dropped, ...checked.dropped] };
}

export function hasAttribution(a: Attribution): boolean {
  return Object.keys(a).length > 0;
}
