// The messaging router's cost, in Node, with the real MessagingRouterFeed,
// router, targeting (jexl) and storage over the fakes its tests use
// (src/test-support/fakeMessaging.ts): time from a page's new-tab trigger
// (MESSAGING_TRIGGER) to the MESSAGING_SHOW answer, with 500 messages loaded.
// The best 120 cannot show (40 blocked, 40 capped, 40 targeted away), so
// every pick walks past them and evaluates 40 expressions before a match.
// Must come first: the build constants src/ modules read at import time.
import './lib/buildGlobals';
import { ac, AlsoToMain } from '../src/common/actions';
import { SAMPLE_MESSAGES } from '../scripts/sampleMessages.mjs';
import { createRouterHarness } from '../src/test-support/fakeMessaging';
import { fmt } from './lib/format';
import { summarize } from './lib/stats';
import { numberFlag, runIfMain, type Suite } from './lib/suite';

const MESSAGES = 500;
const [SPOTLIGHT, INFOBAR, SNIPPET] = SAMPLE_MESSAGES as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];

function collection(): Record<string, unknown>[] {
  const templates = [SPOTLIGHT, INFOBAR, SNIPPET];
  return Array.from({ length: MESSAGES }, (_, i) => {
    const base = templates[i % 3]!;
    const kind = i < 40 ? 'blocked' : i < 80 ? 'capped' : i < 120 ? 'targeted-away' : 'eligible';
    return {
      ...base,
      id: `BENCH_${kind}_${i}`,
      priority: MESSAGES - i,
      targeting: kind === 'targeted-away' ? `browserVersion < 10 && locale == 'xx'` : `${base.targeting as string} && topSitesCount >= ${i % 5}`,
      frequency: kind === 'capped' ? { lifetime: 1 } : { lifetime: 1000 },
    };
  });
}

export const messagingSuite: Suite = {
  name: 'messaging',
  title: 'Messaging router cost in the background',
  async run(options, out) {
    const n = numberFlag(options, 'n', options.quick ? 100 : 1_000);
    const warmup = Math.min(200, Math.ceil(n / 4));
    const records = collection();
    const h = createRouterHarness({ remote: records });
    await h.start();
    for (const m of records.slice(0, 40)) await h.router.block(m.id as string);
    for (const m of records.slice(40, 80)) await h.router.recordImpression(h.router.find(m.id as string)!);
    if (h.router.messages.length !== MESSAGES) throw new Error(`expected ${MESSAGES} messages, the router holds ${h.router.messages.length}`);

    options.log(`timing ${n} new-tab picks with ${MESSAGES} messages`);
    const samples: number[] = [];
    let chosen: string | null = null;
    for (let i = 0; i < warmup + n; i++) {
      const port = `bench-${i}`;
      await h.connect(port);
      const t0 = process.hrtime.bigint();
      await h.dispatch(AlsoToMain(ac.MessagingTrigger(), port));
      const t1 = process.hrtime.bigint();
      const answer = h.store.dispatched.at(-1);
      if (answer?.type !== 'MESSAGING_SHOW') throw new Error('the trigger got no MESSAGING_SHOW answer');
      chosen = answer.data.message?.id ?? null;
      if (i >= warmup) samples.push(Number(t1 - t0) / 1e3);
      await h.dispatch(ac.MessagingDismissLocal());
      h.store.dispatched.length = 0;
    }
    const s = summarize(samples);
    out.headline.push(['Router: new-tab trigger → chosen message, 500 messages (median)', `${fmt.us(s?.median)} µs`]);
    out.tables.push({
      title: `New-tab trigger → chosen message (${MESSAGES} messages loaded)`,
      columns: ['What', 'median µs', 'p95 µs', 'mean µs', 'chosen'],
      align: ['left', 'right', 'right', 'right', 'left'],
      rows: [['MESSAGING_TRIGGER → MESSAGING_SHOW', fmt.us(s?.median), fmt.us(s?.p95), fmt.us(s?.mean), chosen]],
      note: `${n} timed picks after ${warmup} warm-up picks, each from a new page session. Goal: under 5 ms median. Attributes are fakes answering at once; in the browser, the first read of each per pick goes to a browser API (bounded by the 200 ms per-attribute limit).`,
    });
    out.data.routerPickUs = s;
  },
};

await runIfMain(import.meta.url, messagingSuite);
