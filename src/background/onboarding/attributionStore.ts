// The install's attribution, read once and kept: an enterprise policy
// (managed storage key `attribution`, an object or a code) wins over the
// build's ATTRIBUTION code. Whatever is found first is validated and stored
// in storage.local, and never read again from its source: attribution says
// where the install came from, not where a later policy points.
import { parseAttributionCode, validateAttribution, type Attribution, type AttributionResult } from '../../common/onboarding/attribution';
import type { KeyValueStorage } from '../storage';

export const ATTRIBUTION_KEY = 'onboarding.attribution';

export interface StoredAttribution {
  attribution: Attribution;
  from: 'managed' | 'build' | 'none';
}

export interface AttributionSources {
  /** storage.managed's `attribution`, undefined where there is no policy (or no managed storage). */
  managed(): Promise<unknown>;
  /** The ATTRIBUTION build setting. */
  buildCode: string;
}

function fromValue(value: unknown): AttributionResult {
  return typeof value === 'string' ? parseAttributionCode(value) : validateAttribution(value);
}

/** The stored attribution, storing it first if this is the first start. */
export async function loadAttribution(
  storage: KeyValueStorage,
  sources: AttributionSources,
  log: Pick<Console, 'warn'> = console,
): Promise<StoredAttribution> {
  const stored = await storage.get<StoredAttribution>(ATTRIBUTION_KEY);
  if (stored && typeof stored === 'object') return { from: stored.from, attribution: validateAttribution(stored.attribution).attribution };
  const managed = await sources.managed().catch(() => undefined);
  const [from, result]: [StoredAttribution['from'], AttributionResult] =
    managed !== undefined ? ['managed', fromValue(managed)] : sources.buildCode ? ['build', parseAttributionCode(sources.buildCode)] : ['none', { attribution: {}, dropped: [] }];
  for (const why of result.dropped) log.warn(`Attribution (${from}): left out ${why}`);
  const kept: StoredAttribution = { from, attribution: result.attribution };
  await storage.set(ATTRIBUTION_KEY, kept);
  return kept;
}
