import { describe, expect, it } from 'vitest';
import { buildImpressionStatsPing, buildSpocFillsPing } from './index';
import { SHIM, testContext, UUIDS } from '../../../test-support/pingSamples';

const ctx = testContext();

describe('buildImpressionStatsPing', () => {
  it('sends v1 when every tile id is an integer, keyed by impression_id only', () => {
    const env = buildImpressionStatsPing(ctx, 'about:home', {
      source: 'CARDGRID',
      tiles: [{ id: 10000, pos: 0, shim: SHIM }],
      click: 0,
      window_inner_width: 1280,
      window_inner_height: 800,
    });
    expect(env).toMatchObject({ namespace: 'activity-stream', docType: 'impression-stats', docVersion: 1 });
    expect(env.payload).toMatchObject({
      impression_id: UUIDS.impression,
      addon_version: '20180710100040',
      user_prefs: 7,
      page: 'about:home',
      source: 'CARDGRID',
      tiles: [{ id: 10000, pos: 0, shim: SHIM }],
      click: 0,
      window_inner_width: 1280,
      window_inner_height: 800,
    });
    expect(env.payload).not.toHaveProperty('client_id');
    expect(env.payload).not.toHaveProperty('session_id');
    expect(env.payload).not.toHaveProperty('block');
  });

  it('sends v2, with every id as a string, when any id is a string', () => {
    const env = buildImpressionStatsPing(ctx, 'about:newtab', { source: 'pocket', tiles: [{ id: 'abc' }, { id: 12 }], loaded: 2 });
    expect(env.docVersion).toBe(2);
    expect(env.payload).toMatchObject({ tiles: [{ id: 'abc' }, { id: '12' }], loaded: 2 });
  });
});

describe('buildSpocFillsPing', () => {
  it('sends each fill with exactly its four fields', () => {
    const fill = { id: 1234, displayed: 0 as const, reason: 'frequency_cap' as const, full_recalc: 1 as const };
    const env = buildSpocFillsPing(ctx, [{ ...fill, flight_id: 9 } as typeof fill]);
    expect(env).toMatchObject({ namespace: 'activity-stream', docType: 'spoc-fills', docVersion: 1 });
    expect(env.payload).toMatchObject({ impression_id: UUIDS.impression, spoc_fills: [fill] });
    expect(env.payload).not.toHaveProperty('client_id');
  });
});
