// Frequency caps, Firefox's shape: `lifetime` impressions ever, and `custom`
// caps of at most `cap` impressions within any `period` ms up to now.
import type { RouterMessage } from '../../common/messaging/types';

export type Frequency = NonNullable<RouterMessage['frequency']>;

export function isCapped(frequency: Frequency | undefined, impressions: readonly number[], now: number): boolean {
  if (!frequency) return false;
  if (frequency.lifetime !== undefined && impressions.length >= frequency.lifetime) return true;
  return (frequency.custom ?? []).some(({ period, cap }) => impressions.filter((t) => t > now - period).length >= cap);
}

/** "2 lifetime, 1 per 86400000 ms": what the admin page shows. */
export function describeFrequency(frequency: Frequency | undefined): string | undefined {
  if (!frequency) return undefined;
  const parts = [
    ...(frequency.lifetime === undefined ? [] : [`${frequency.lifetime} lifetime`]),
    ...(frequency.custom ?? []).map(({ cap, period }) => `${cap} per ${period} ms`),
  ];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Impressions a cap still needs: all when a lifetime cap counts them, else those inside the longest period. */
export function impressionsToKeep(frequency: Frequency | undefined, impressions: readonly number[], now: number): number[] {
  if (!frequency || frequency.lifetime !== undefined) return [...impressions];
  const longest = Math.max(0, ...(frequency.custom ?? []).map((c) => c.period));
  return impressions.filter((t) => t > now - longest);
}
