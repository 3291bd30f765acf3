// Builders copy named fields only, never spread caller input into a payload:
// that is what keeps URLs, titles and search terms out of pings.

type Primitive = string | number | boolean;

/**
 * The `keys` of `source` whose values are primitives, in `keys` order.
 * Anything else, including keys not listed, is dropped.
 */
export function pickPrimitives(source: object | undefined, keys: readonly string[]): Record<string, Primitive> {
  const picked: Record<string, Primitive> = {};
  if (!source) return picked;
  for (const key of keys) {
    const value: unknown = (source as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      picked[key] = value;
    }
  }
  return picked;
}

/** Copies `value` under `key` only when it is defined, so payloads carry no `undefined` keys. */
export function withOptional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

/** Mozilla's schemas type `value` and `event_context` as strings; an empty object is not sent. */
export function jsonOrOmit(key: string, fields: Record<string, Primitive>): Record<string, string> {
  return Object.keys(fields).length === 0 ? {} : { [key]: JSON.stringify(fields) };
}
