import { describe, expect, it } from 'vitest';
import { describeFrequency, impressionsToKeep, isCapped } from './frequency';

const HOUR = 3_600_000;
const now = 100 * HOUR;

describe('frequency caps', () => {
  it('caps on lifetime impressions', () => {
    expect(isCapped({ lifetime: 2 }, [1], now)).toBe(false);
    expect(isCapped({ lifetime: 2 }, [1, 2], now)).toBe(true);
  });

  it('caps on impressions inside a period only', () => {
    const frequency = { custom: [{ period: HOUR, cap: 1 }] };
    expect(isCapped(frequency, [now - 2 * HOUR], now)).toBe(false);
    expect(isCapped(frequency, [now - HOUR / 2], now)).toBe(true);
  });

  it('does not cap a message without frequency', () => {
    expect(isCapped(undefined, Array(100).fill(now), now)).toBe(false);
  });

  it('keeps only the impressions a cap still counts', () => {
    expect(impressionsToKeep({ custom: [{ period: HOUR, cap: 1 }] }, [now - 2 * HOUR, now - 1], now)).toEqual([now - 1]);
    expect(impressionsToKeep({ lifetime: 3 }, [1, 2], now)).toEqual([1, 2]);
  });

  it('describes caps for the admin page', () => {
    expect(describeFrequency({ lifetime: 2, custom: [{ period: HOUR, cap: 1 }] })).toBe('2 lifetime, 1 per 3600000 ms');
    expect(describeFrequency(undefined)).toBeUndefined();
  });
});
