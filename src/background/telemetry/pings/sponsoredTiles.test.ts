import { describe, expect, it } from 'vitest';
import { buildSponsoredTilePing } from './index';
import { testContext, UUIDS } from '../../../test-support/pingSamples';

const ctx = testContext();

describe('buildSponsoredTilePing', () => {
  it.each([
    ['impression', 'topsites-impression'],
    ['click', 'topsites-click'],
  ] as const)('sends a %s as contextual-services/%s/1, keyed by context_id only', (type, docType) => {
    const reporting_url = 'https://test.reporting.net/ctp?version=16.0.0&key=1598991514900100001.1';
    const env = buildSponsoredTilePing(ctx, { type, tile_id: 42, position: 1, advertiser: 'test-advertiser', reporting_url, source: 'newtab' });
    expect(env).toMatchObject({ namespace: 'contextual-services', docType, docVersion: 1 });
    expect(env.payload).toEqual({
      context_id: UUIDS.context,
      tile_id: 42,
      position: 1,
      advertiser: 'test-advertiser',
      source: 'newtab',
      reporting_url,
      version: '76.0a1',
      locale: 'en-US',
      release_channel: 'default',
      experiments: { experiment_1: { branch: 'control' }, experiment_2: { branch: 'treatment' } },
    });
  });

  it('leaves out reporting_url when the tile has none', () => {
    const env = buildSponsoredTilePing(ctx, { type: 'impression', tile_id: -1, position: 2, advertiser: 'a', source: 'newtab' });
    expect(env.payload).not.toHaveProperty('reporting_url');
  });
});
