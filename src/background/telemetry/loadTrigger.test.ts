import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage';
import { LoadTriggerTracker, NEW_TAB_WINDOW_MS, STARTUP_WINDOW_MS } from './loadTrigger';
import { FakeClock } from '../../test-support/telemetryHarness';

function tracker(session = memoryStorage(), clock = new FakeClock()) {
  return { clock, session, t: new LoadTriggerTracker(session, () => clock.now) };
}

describe('LoadTriggerTracker', () => {
  it('gives a new tab its creation time once; a second page in that tab is unexpected', async () => {
    const { t, clock } = tracker();
    await t.tabOpened(4);
    const openedAt = clock.now;
    clock.advance(300);
    expect(await t.claim('about:newtab', 4)).toEqual({ load_trigger_type: 'menu_plus_or_keyboard', load_trigger_ts: openedAt });
    expect(await t.claim('about:newtab', 4)).toEqual({ load_trigger_type: 'unexpected' });
  });

  it('ignores stale tab signals and other tabs', async () => {
    const { t, clock } = tracker();
    await t.tabOpened(4);
    clock.advance(NEW_TAB_WINDOW_MS + 1);
    expect(await t.claim('about:newtab', 4)).toEqual({ load_trigger_type: 'unexpected' });
    await t.tabOpened(5);
    expect(await t.claim('about:newtab', 6)).toEqual({ load_trigger_type: 'unexpected' });
    expect(await t.claim('about:newtab', null)).toEqual({ load_trigger_type: 'unexpected' });
  });

  it('gives the first home page soon after the browser starts the start time, once', async () => {
    const { t, clock } = tracker();
    await t.browserStarted();
    const startedAt = clock.now;
    await t.tabOpened(1);
    clock.advance(800);
    expect(await t.claim('about:home', 1)).toEqual({ load_trigger_type: 'first_window_opened', load_trigger_ts: startedAt });
    expect(await t.claim('about:home', 2)).toEqual({ load_trigger_type: 'unexpected' });
  });

  it('does not call a home page opened long after the start the first window', async () => {
    const { t, clock } = tracker();
    await t.browserStarted();
    clock.advance(STARTUP_WINDOW_MS + 1);
    expect(await t.claim('about:home', 1)).toEqual({ load_trigger_type: 'unexpected' });
  });

  it('keeps its signals across a background restart', async () => {
    const first = tracker();
    await first.t.tabOpened(9);
    const openedAt = first.clock.now;
    const second = tracker(first.session, first.clock);
    expect(await second.t.claim('about:newtab', 9)).toEqual({ load_trigger_type: 'menu_plus_or_keyboard', load_trigger_ts: openedAt });
  });
});
