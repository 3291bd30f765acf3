// Which sponsored stories may be shown, where, and why the others are not.
// Split as in Firefox: the background decides eligibility (blocks, frequency
// caps, score, one spoc per flight) because it owns the impression history;
// each page places the eligible ones in its grid once (probability and
// position), so cards never move under the user. Both report a spoc-fill
// entry per spoc they drop, and the page one per spoc it shows.
import type { SpocFill } from '../pings/types';
import type { Card, FeedSettings, FrequencyCaps, PlacedSpoc, Spoc, Story } from './types';

/** Impression timestamps (ms) per flight id. */
export type SpocImpressions = Record<string, number[]>;

export interface EligibilityContext {
  impressions: SpocImpressions;
  blockedFlights: ReadonlySet<string>;
  minScore: number;
  now: number;
}

export function isFrequencyCapped(caps: FrequencyCaps, timestamps: readonly number[], now: number): boolean {
  if (timestamps.length >= caps.lifetime) return true;
  const since = now - caps.period.seconds * 1000;
  return timestamps.filter((t) => t > since).length >= caps.period.count;
}

/** Spocs that may be shown, best score first, and a fill entry for each one that may not. */
export function selectEligibleSpocs(
  spocs: readonly Spoc[],
  ctx: EligibilityContext,
  fullRecalc: 0 | 1,
): { eligible: Spoc[]; fills: SpocFill[] } {
  const fills: SpocFill[] = [];
  const dropped = (spoc: Spoc, reason: SpocFill['reason']) => fills.push({ id: spoc.id, displayed: 0, reason, full_recalc: fullRecalc });
  const candidates: Spoc[] = [];
  for (const spoc of spocs) {
    if (ctx.blockedFlights.has(spoc.flightId)) dropped(spoc, 'blocked_by_user');
    else if (isFrequencyCapped(spoc.caps, ctx.impressions[spoc.flightId] ?? [], ctx.now)) dropped(spoc, 'frequency_cap');
    else if (spoc.score < ctx.minScore) dropped(spoc, 'below_min_score');
    else candidates.push(spoc);
  }
  // Stable sort: equal scores keep feed order.
  candidates.sort((a, b) => b.score - a.score);
  const flights = new Set<string>();
  const eligible: Spoc[] = [];
  for (const spoc of candidates) {
    if (flights.has(spoc.flightId)) dropped(spoc, 'flight_duplicate');
    else {
      flights.add(spoc.flightId);
      eligible.push(spoc);
    }
  }
  return { eligible, fills };
}

/**
 * Offers each spoc position, in order, to the next eligible spoc; a position
 * is filled with the feed's probability. Spocs left over have no position.
 */
export function placeSpocs(
  eligible: readonly Spoc[],
  settings: Pick<FeedSettings, 'spocPositions' | 'spocProbability'>,
  random: () => number,
): { placed: PlacedSpoc[]; fills: SpocFill[] } {
  const placed: PlacedSpoc[] = [];
  const fills: SpocFill[] = [];
  eligible.forEach((spoc, i) => {
    const position = settings.spocPositions[i];
    if (position === undefined) {
      fills.push({ id: spoc.id, displayed: 0, reason: 'out_of_position', full_recalc: 0 });
    } else if (random() < settings.spocProbability) {
      placed.push({ spoc, position });
      fills.push({ id: spoc.id, displayed: 1, reason: 'n/a', full_recalc: 0 });
    } else {
      fills.push({ id: spoc.id, displayed: 0, reason: 'probability_selection', full_recalc: 0 });
    }
  });
  return { placed, fills };
}

/** The grid: organic stories with placed spocs at their positions (or at the end when the grid is shorter). */
export function layoutCards(stories: readonly Story[], placed: readonly PlacedSpoc[]): Card[] {
  const order: ({ type: 'organic'; story: Story } | { type: 'spoc'; story: Spoc })[] = stories.map((story) => ({
    type: 'organic',
    story,
  }));
  for (const { spoc, position } of [...placed].sort((a, b) => a.position - b.position)) {
    order.splice(Math.min(position, order.length), 0, { type: 'spoc', story: spoc });
  }
  return order.map((card, pos) => ({ ...card, pos }) as Card);
}
