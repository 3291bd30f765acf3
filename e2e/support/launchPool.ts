// Starting Firefox takes about 3 s (more while the other browser's suite runs
// beside it), and most tests want a fresh browser of the same kind. So while a
// test runs, the next one's browser is started beside it, and a used browser
// can be closed beside the next test instead of before it. A spare is handed
// out only while young: both browsers suspend an idle background after 30 s,
// and a test must get the browser a launch would give it.
import { test as base } from '@playwright/test';
import { appendFileSync } from 'node:fs';

interface Spare {
  browser: Promise<unknown>;
  readyAt?: number;
}

const MAX_SPARE_AGE_MS = 20_000;
const spares = new Map<string, { spare: Spare; dispose: (browser: never) => Promise<void> }>();
const closing = new Set<Promise<void>>();

/**
 * Notes a browser start or a spare thrown away, one line each, in the file
 * OAS_LAUNCH_LOG names: starts are most of the suite's CPU, so npm test's
 * summary counts them.
 */
export function logLaunch(event: 'start' | 'spare too old' | 'spare unused', what: string): void {
  const log = process.env.OAS_LAUNCH_LOG;
  if (log) appendFileSync(log, `${event}: ${what}\n`);
}

/**
 * Waits for a browser start the running test asked for, and gives the test
 * that time back: a test's timeout is for what it does. A start is bounded
 * on its own (a hung Firefox start is given up after 30 s and made again, up
 * to three tries), and two hung starts once ate a whole test's minute in a
 * full run. Outside a test (the benchmark) it only waits.
 */
async function startTime<T>(start: Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await start;
  } finally {
    try {
      const info = base.info();
      if (info.timeout > 0) info.setTimeout(info.timeout + Date.now() - started);
    } catch {
      // Not in a test.
    }
  }
}

/**
 * A browser of kind `key` as `launch` makes it: the spare started beside the
 * previous test if it is still young, else a new one. Either way a spare for
 * the next test of the same kind is then started.
 */
async function launchPooled<T>(key: string, launch: () => Promise<T>, dispose: (browser: T) => Promise<void>): Promise<T> {
  const pooled = spares.get(key);
  spares.delete(key);
  let browser = (await startTime(Promise.resolve(pooled?.spare.browser))) as T | undefined;
  if (browser !== undefined && Date.now() - (pooled?.spare.readyAt ?? 0) > MAX_SPARE_AGE_MS) {
    logLaunch('spare too old', key);
    disposeLater(browser, dispose);
    browser = undefined;
  }
  browser ??= await startTime(launch());
  const spare: Spare = {
    // A spare that fails to start is no failure of this test: the next test launches its own.
    browser: launch().then(
      (b) => ((spare.readyAt = Date.now()), b),
      () => undefined,
    ),
  };
  spares.set(key, { spare, dispose });
  return browser;
}

/**
 * The browser a test asks for: one started for it when `options` say how,
 * else a default one from the pool under `key`. Either way the test's wait
 * for it is given back to the test (startTime).
 */
export function launchForTest<O extends object, T>(key: string, options: O, start: (options: O) => Promise<T>, dispose: (browser: T) => Promise<void>): Promise<T> {
  if (Object.keys(options).length > 0) return startTime(start(options));
  return launchPooled(key, () => start(options), dispose);
}

/** Disposes of a browser beside whatever runs next; the worker waits for it at its end. */
export function disposeLater<T>(browser: T, dispose: (browser: T) => Promise<void>): void {
  const done = dispose(browser).catch(() => undefined);
  closing.add(done);
  void done.finally(() => closing.delete(done));
}

async function closeAll(): Promise<void> {
  for (const [key, { spare, dispose }] of spares) {
    const browser = await spare.browser;
    if (browser === undefined) continue;
    logLaunch('spare unused', key);
    disposeLater(browser as never, dispose);
  }
  spares.clear();
  await Promise.all(closing);
}

/** Every spec's `test` builds on this: it closes the pool's browsers when the worker ends. */
export const pooledTest = base.extend<object, { launchPool: void }>({
  launchPool: [
    // Playwright reads a fixture's dependencies from this pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      await closeAll();
    },
    { scope: 'worker', auto: true },
  ],
});
