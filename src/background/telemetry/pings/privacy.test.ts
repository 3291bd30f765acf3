// No URL, title, search term or history item may reach a ping. Builders copy
// named fields only, so extra keys on any input are dropped.
import { describe, expect, it } from 'vitest';
import type { MessagingEventData, SessionPerf, UserEventData } from '../../../common/pings/types';
import {
  buildImpressionStatsPing,
  buildMessagingPing,
  buildPageTakeoverPing,
  buildSessionPing,
  buildSpocFillsPing,
  buildSponsoredTilePing,
  buildUserEventPing,
} from './index';
import { everyBuilderSample, ONE_OF_EACH_MESSAGING_EVENT, SESSION, testContext } from '../../../test-support/pingSamples';

const LEAKS = { url: 'https://private.example/history?q=secret', title: 'My bank statement', search_term: 'secret query', history: ['https://a.example/'] };
const LEAK_TEXT = /private\.example|bank statement|secret|a\.example|"(?:url|title|search_term|history)"/;
const ctx = testContext();

const withLeaks = <T extends object>(input: T): T => ({ ...input, ...LEAKS });

describe('privacy: builders drop everything they do not name', () => {
  const envs = [
    buildUserEventPing(ctx, SESSION, withLeaks({ event: 'CLICK', source: 'TOP_SITES', value: withLeaks({ card_type: 'pinned' }) } as UserEventData)),
    buildPageTakeoverPing(ctx, withLeaks({ home_url_category: 'other' as const })),
    buildSessionPing(ctx, SESSION, withLeaks({ load_trigger_type: 'unexpected', is_preloaded: false } as SessionPerf), 5),
    buildImpressionStatsPing(ctx, 'about:newtab', withLeaks({ source: 'CARDGRID' as const, tiles: [withLeaks({ id: 1, pos: 0 })] })),
    buildSpocFillsPing(ctx, [withLeaks({ id: 1, displayed: 1 as const, reason: 'n/a' as const, full_recalc: 0 as const })]),
    buildSponsoredTilePing(ctx, withLeaks({ type: 'click' as const, tile_id: 1, position: 1, advertiser: 'a', source: 'newtab' as const })),
    ...ONE_OF_EACH_MESSAGING_EVENT.map((data) => {
      // A string context (undesired events) is a plain token; objects get leaks too.
      const context = 'event_context' in data && typeof data.event_context === 'string' ? data.event_context : withLeaks({});
      return buildMessagingPing(ctx, withLeaks({ ...data, event_context: context, value: withLeaks({}) }) as MessagingEventData);
    }),
  ];

  it.each(envs.map((env) => [`${env.namespace}/${env.docType}`, env] as const))('%s carries no url, title or search term', (_name, env) => {
    expect(JSON.stringify(env.payload)).not.toMatch(LEAK_TEXT);
  });
});

describe('privacy: the only URL in any ping is a sponsored tile reporting_url', () => {
  it.each(everyBuilderSample().map((s) => [s.label, s.env] as const))('%s', (_label, env) => {
    const { reporting_url: _allowed, ...rest } = env.payload;
    expect(JSON.stringify(rest)).not.toMatch(/:\/\/|www\./);
  });
});
