import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage';
import { ATTRIBUTION_KEY, loadAttribution } from './attributionStore';

const quiet = { warn: () => undefined };
const BUILD_CODE = encodeURIComponent('source=build.example&medium=referral');

describe('loadAttribution', () => {
  it('stores the build setting once, and keeps it when the build or a policy changes later', async () => {
    const storage = memoryStorage();
    expect(await loadAttribution(storage, { managed: async () => undefined, buildCode: BUILD_CODE }, quiet)).toEqual({
      from: 'build',
      attribution: { source: 'build.example', medium: 'referral' },
    });
    const later = await loadAttribution(storage, { managed: async () => ({ source: 'policy.example' }), buildCode: '' }, quiet);
    expect(later.attribution).toEqual({ source: 'build.example', medium: 'referral' });
  });

  it('prefers an enterprise policy, as an object or a code, and validates it', async () => {
    const warnings: string[] = [];
    const log = { warn: (m: string) => void warnings.push(m) };
    const fromObject = await loadAttribution(memoryStorage(), { managed: async () => ({ source: 'corp.example', campaign: 'https://x/' }), buildCode: BUILD_CODE }, log);
    expect(fromObject).toEqual({ from: 'managed', attribution: { source: 'corp.example' } });
    expect(warnings).toEqual(['Attribution (managed): left out campaign: not a short token']);
    const fromCode = await loadAttribution(memoryStorage(), { managed: async () => 'source%3Dcorp.example', buildCode: '' }, quiet);
    expect(fromCode.attribution).toEqual({ source: 'corp.example' });
  });

  it('stores that there is none when neither says anything, or managed storage fails', async () => {
    const storage = memoryStorage();
    const none = await loadAttribution(storage, { managed: () => Promise.reject(new Error('no manifest')), buildCode: '' }, quiet);
    expect(none).toEqual({ from: 'none', attribution: {} });
    expect(await storage.get(ATTRIBUTION_KEY)).toEqual(none);
  });
});
