import { describe, expect, it } from 'vitest';
import type { SessionPerf } from '../../../common/pings/types';
import { buildSessionPing } from './index';
import { FULL_PERF, SESSION, testContext, UUIDS } from '../../../test-support/pingSamples';

const ctx = testContext();

describe('buildSessionPing', () => {
  it('sends the session with integer perf numbers and the profile age', () => {
    const env = buildSessionPing(ctx, SESSION, FULL_PERF, 4199.6);
    expect(env).toMatchObject({ namespace: 'activity-stream', docType: 'sessions', docVersion: 1 });
    expect(env.payload).toMatchObject({
      client_id: UUIDS.client,
      session_id: UUIDS.session,
      page: 'about:newtab',
      addon_version: '20180710100040',
      user_prefs: 7,
      profile_creation_date: 14786,
      session_duration: 4200,
      perf: {
        load_trigger_type: 'menu_plus_or_keyboard',
        is_preloaded: true,
        load_trigger_ts: 1534347456785,
        visibility_event_rcvd_ts: 1534347456790,
        topsites_first_painted_ts: 1534347456802,
        topsites_icon_stats: { custom_screenshot: 0, screenshot_with_icon: 2, screenshot: 1, tippytop: 2, rich_icon: 1, no_image: 0 },
        topsites_pinned: 3,
        topsites_search_shortcuts: 2,
        highlights_data_late_by_ms: 67,
        topsites_data_late_by_ms: 35,
      },
    });
  });

  it('leaves out missing and non-finite perf numbers, and unknown perf keys', () => {
    const perf = {
      load_trigger_type: 'unexpected',
      is_preloaded: false,
      load_trigger_ts: Number.NaN,
      topsites_icon_stats: { tippytop: 1.4, rich_icon: Infinity },
      url: 'https://example.com/',
    } as SessionPerf;
    expect(buildSessionPing(ctx, SESSION, perf, 10).payload.perf).toEqual({
      load_trigger_type: 'unexpected',
      is_preloaded: false,
      topsites_icon_stats: { tippytop: 1 },
    });
  });
});
