import { describe, expect, it } from 'vitest';
import { buildDeletionRequestPing, buildSpocFillsPing, encodeUserPrefs, submitPath, USER_PREF_BITS } from './index';
import { USER_PREFS_MAX } from './userPrefs';
import { everyBuilderSample, testContext, UUIDS } from '../../../test-support/pingSamples';

describe('submitPath', () => {
  it('is /submit/<namespace>/<docType>/<docVersion>/<docId>', () => {
    const env = { namespace: 'activity-stream', docType: 'events', docVersion: 1, docId: '2c3a0767-d84a-4d02-8a92-fa54a3376049', payload: {} };
    expect(submitPath(env)).toBe('/submit/activity-stream/events/1/2c3a0767-d84a-4d02-8a92-fa54a3376049');
  });
});

describe('envelope', () => {
  it('takes a fresh docId from the context for every ping', () => {
    const ctx = testContext();
    const ids = [buildSpocFillsPing(ctx, []), buildSpocFillsPing(ctx, [])].map((env) => env.docId);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds version, locale, release_channel and experiments to every PingCentre payload, and never `action`', () => {
    for (const { label, env } of everyBuilderSample()) {
      expect(env.payload, label).not.toHaveProperty('action');
      if (env.namespace === 'open-activity-stream') continue;
      expect(env.payload, label).toMatchObject({
        version: '76.0a1',
        locale: 'en-US',
        release_channel: expect.stringMatching(/^(release|beta|nightly|default)$/),
        experiments: expect.any(Object),
      });
    }
  });

  it('copies experiments, keeping only the branch', () => {
    const experiments = { exp: { branch: 'a', extra: 'dropped' } as { branch: string } };
    const env = buildSpocFillsPing(testContext({ experiments }), []);
    experiments.exp.branch = 'changed later';
    expect(env.payload.experiments).toEqual({ exp: { branch: 'a' } });
  });
});

describe('user_prefs', () => {
  it("uses Firefox's bits", () => {
    expect(USER_PREF_BITS).toEqual({
      showSearch: 1,
      'feeds.topsites': 2,
      'feeds.section.topstories': 4,
      'feeds.section.highlights': 8,
      'feeds.snippets': 16,
      showSponsored: 32,
      'asrouter.userprefs.cfr.addons': 64,
      'asrouter.userprefs.cfr.features': 128,
      showSponsoredTopSites: 256,
      // Ours.
      showSponsoredCheckboxes: 512,
      'widgets.enabled': 2048,
      'widgets.lists.enabled': 4096,
      'widgets.focusTimer.enabled': 8192,
      'discoverystream.sections.enabled': 16384,
    });
  });

  it('ORs the bits of the prefs that are on', () => {
    expect(encodeUserPrefs({})).toBe(0);
    expect(encodeUserPrefs({ showSearch: true, 'feeds.topsites': true, 'feeds.section.topstories': true, showSponsored: false })).toBe(7);
    const allOn = Object.fromEntries(Object.keys(USER_PREF_BITS).map((k) => [k, true]));
    expect(encodeUserPrefs(allOn)).toBe(1023 + 2048 + 4096 + 8192 + 16384);
    expect(USER_PREFS_MAX).toBe(32767);
  });

  it('sets 1024 only while a chosen wallpaper is shown', () => {
    expect(encodeUserPrefs({ 'newtabWallpapers.wallpaper': 'dunes', 'newtabWallpapers.show': true })).toBe(1024);
    expect(encodeUserPrefs({ 'newtabWallpapers.wallpaper': 'dunes', 'newtabWallpapers.show': false })).toBe(0);
    expect(encodeUserPrefs({ 'newtabWallpapers.wallpaper': '', 'newtabWallpapers.show': true })).toBe(0);
  });
});

describe('deletion request', () => {
  it('carries every id we send, and nothing else', () => {
    const env = buildDeletionRequestPing(testContext(), 'telemetry-disabled');
    expect(env).toMatchObject({ namespace: 'open-activity-stream', docType: 'deletion-request', docVersion: 1 });
    expect(env.payload).toEqual({
      client_id: UUIDS.client,
      impression_id: UUIDS.impression,
      context_id: UUIDS.context,
      version: '76.0a1',
      addon_version: '20180710100040',
      reason: 'telemetry-disabled',
    });
  });
});
