import { describe, expect, it } from 'vitest';
import { buildPageTakeoverPing, buildTabPinnedPing, buildUserEventPing } from './index';
import { SESSION, testContext, UUIDS } from '../../../test-support/pingSamples';

const ctx = testContext();

describe('buildUserEventPing', () => {
  it('builds the seed\'s top-site click, with value as a JSON string', () => {
    const env = buildUserEventPing(ctx, SESSION, {
      event: 'CLICK',
      source: 'TOP_SITES',
      action_position: 2,
      value: { card_type: 'search', icon_type: 'tippytop', search_vendor: 'google' },
    });
    expect(env).toMatchObject({ namespace: 'activity-stream', docType: 'events', docVersion: 1 });
    expect(env.payload).toEqual({
      client_id: UUIDS.client,
      session_id: UUIDS.session,
      page: 'about:newtab',
      browser_session_id: UUIDS.browserSession,
      addon_version: '20180710100040',
      user_prefs: 7,
      version: '76.0a1',
      locale: 'en-US',
      release_channel: 'default',
      experiments: { experiment_1: { branch: 'control' }, experiment_2: { branch: 'treatment' } },
      event: 'CLICK',
      source: 'TOP_SITES',
      action_position: 2,
      value: '{"card_type":"search","icon_type":"tippytop","search_vendor":"google"}',
    });
  });

  it('leaves out source, action_position and value when not given', () => {
    const { payload } = buildUserEventPing(ctx, SESSION, { event: 'SEARCH' });
    expect(payload).not.toHaveProperty('source');
    expect(payload).not.toHaveProperty('action_position');
    expect(payload).not.toHaveProperty('value');
  });

  it("uses 'n/a' for session_id and page without a page session", () => {
    const { payload } = buildUserEventPing(ctx, null, { event: 'PREVIEW_REQUEST', source: 'TOP_SITES' });
    expect(payload).toMatchObject({ session_id: 'n/a', page: 'n/a' });
  });

  it('keeps booleans and numbers in value as JSON', () => {
    const { payload } = buildUserEventPing(ctx, SESSION, {
      event: 'PREF_CHANGED',
      source: 'POCKET_SPOCS',
      value: { status: false, menu_source: 'CUSTOMIZE_MENU' },
    });
    expect(payload.value).toBe('{"status":false,"menu_source":"CUSTOMIZE_MENU"}');
  });
});

describe('buildPageTakeoverPing', () => {
  it.each([
    [{ home_url_category: 'news-portal' as const }, 'about:home'],
    [{ newtab_extension_id: 'ext@example.org' }, 'about:newtab'],
    [{ home_url_category: 'other' as const, newtab_url_category: 'known-hijacker' as const }, 'both'],
  ])('labels %o as page %s, with no session', (value, page) => {
    const { payload } = buildPageTakeoverPing(ctx, value);
    expect(payload).toMatchObject({ event: 'PAGE_TAKEOVER_DATA', page, session_id: 'n/a', value: JSON.stringify(value) });
  });

  it('refuses to build a ping when no page is taken over', () => {
    expect(() => buildPageTakeoverPing(ctx, {})).toThrow(RangeError);
  });
});

describe('buildTabPinnedPing', () => {
  it("matches the seed's TABPINNED ping", () => {
    const { payload } = buildTabPinnedPing(ctx, 2);
    expect(payload).toMatchObject({
      event: 'TABPINNED',
      source: 'TAB_CONTEXT_MENU',
      value: '{"total_pinned_tabs":2}',
      page: 'n/a',
      session_id: 'n/a',
      client_id: UUIDS.client,
      browser_session_id: UUIDS.browserSession,
    });
  });
});
