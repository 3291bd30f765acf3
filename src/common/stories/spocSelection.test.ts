import { describe, expect, it } from 'vitest';
import { isFrequencyCapped, layoutCards, placeSpocs, selectEligibleSpocs } from './spocSelection';
import type { Spoc, Story } from './types';

const HOUR = 3600_000;
const NOW = 1_800_000_000_000;

const story = (id: number): Story => ({ id, url: `https://n.example/${id}`, title: `S${id}`, excerpt: '', publisher: 'P', image: null });
const spoc = (id: number, flightId: string, score = 0.5): Spoc => ({
  ...story(id),
  sponsor: 'Acme',
  flightId,
  score,
  shim: { impression: `imp${id}` },
  caps: { lifetime: 5, period: { count: 2, seconds: 3600 } },
});

describe('isFrequencyCapped', () => {
  const caps = { lifetime: 3, period: { count: 2, seconds: 3600 } };
  it('caps by the period window and by lifetime', () => {
    expect(isFrequencyCapped(caps, [], NOW)).toBe(false);
    expect(isFrequencyCapped(caps, [NOW - 10], NOW)).toBe(false);
    expect(isFrequencyCapped(caps, [NOW - 10, NOW - 20], NOW)).toBe(true);
    // Older than the period: only lifetime counts them.
    expect(isFrequencyCapped(caps, [NOW - 2 * HOUR, NOW - 10], NOW)).toBe(false);
    expect(isFrequencyCapped(caps, [NOW - 3 * HOUR, NOW - 2 * HOUR, NOW - 10], NOW)).toBe(true);
  });
});

describe('selectEligibleSpocs', () => {
  it('holds back blocked, capped, low-score and same-flight spocs with their reason, best score first', () => {
    const spocs = [
      spoc(1, 'a', 0.4),
      spoc(2, 'blocked'),
      spoc(3, 'capped'),
      spoc(4, 'low', 0.05),
      spoc(5, 'a', 0.9),
      spoc(6, 'b', 0.7),
    ];
    const { eligible, fills } = selectEligibleSpocs(
      spocs,
      { impressions: { capped: [NOW - 1, NOW - 2] }, blockedFlights: new Set(['blocked']), minScore: 0.1, now: NOW },
      1,
    );
    expect(eligible.map((s) => s.id)).toEqual([5, 6]);
    expect(fills).toEqual([
      { id: 2, displayed: 0, reason: 'blocked_by_user', full_recalc: 1 },
      { id: 3, displayed: 0, reason: 'frequency_cap', full_recalc: 1 },
      { id: 4, displayed: 0, reason: 'below_min_score', full_recalc: 1 },
      { id: 1, displayed: 0, reason: 'flight_duplicate', full_recalc: 1 },
    ]);
  });
});

describe('placeSpocs', () => {
  const settings = { spocPositions: [1, 4], spocProbability: 0.5 };
  it('fills positions in order with the given probability; leftovers are out of position', () => {
    const rolls = [0.2, 0.9, 0.1];
    const { placed, fills } = placeSpocs([spoc(1, 'a'), spoc(2, 'b'), spoc(3, 'c')], settings, () => rolls.shift()!);
    expect(placed.map((p) => [p.spoc.id, p.position])).toEqual([[1, 1]]);
    expect(fills).toEqual([
      { id: 1, displayed: 1, reason: 'n/a', full_recalc: 0 },
      { id: 2, displayed: 0, reason: 'probability_selection', full_recalc: 0 },
      { id: 3, displayed: 0, reason: 'out_of_position', full_recalc: 0 },
    ]);
  });
});

describe('layoutCards', () => {
  it('inserts spocs at their positions and numbers every card', () => {
    const cards = layoutCards(
      [story(10), story(11), story(12)],
      [
        { spoc: spoc(2, 'b'), position: 9 },
        { spoc: spoc(1, 'a'), position: 1 },
      ],
    );
    expect(cards.map((c) => [c.type, c.story.id, c.pos])).toEqual([
      ['organic', 10, 0],
      ['spoc', 1, 1],
      ['organic', 11, 2],
      ['organic', 12, 3],
      ['spoc', 2, 4],
    ]);
  });
});
