import { describe, expect, it } from 'vitest';
import {
  countCheck,
  countLaunches,
  countMissingReport,
  countNotRun,
  countPlaywright,
  countVitest,
  createTally,
  DRIVER_RETRY,
  exitCode,
  summaryLines,
  type PlaywrightReport,
  type Tally,
  type VitestReport,
} from './testCounts.mjs';

const ROOT = '/repo';
const passing = (n: number) => Array.from({ length: n }, () => ({ status: 'passed' }));

function vitestReport(overrides: Partial<VitestReport> = {}): VitestReport {
  return {
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    testResults: [{ name: `${ROOT}/src/a.test.ts`, status: 'passed', message: '', assertionResults: passing(3) }],
    ...overrides,
  };
}

function playwrightReport(overrides: Partial<PlaywrightReport> = {}): PlaywrightReport {
  return { stats: { expected: 4, unexpected: 0, flaky: 0, skipped: 0 }, errors: [], suites: [], ...overrides };
}

const lastLine = (tally: Tally) => summaryLines(tally).at(-1);

describe('counting npm test', () => {
  it('counts a one-step check as one test', () => {
    const tally = createTally();
    countCheck(tally, 'type-check', true);
    countCheck(tally, 'lint', false);
    expect(tally).toMatchObject({ passed: 1, failed: 1, failures: ['lint'] });
    expect(exitCode(tally)).toBe(1);
  });

  it('reads a green vitest run as its tests, all passed', () => {
    const tally = createTally();
    countVitest(tally, 'unit tests', vitestReport({ numPendingTests: 1, numTodoTests: 1 }), true, ROOT);
    expect(tally).toMatchObject({ passed: 3, failed: 0, skipped: 2, failures: [] });
    expect(lastLine(tally)).toBe('3 passed, 0 failed');
    expect(exitCode(tally)).toBe(0);
  });

  it('counts failing tests and, once each, files that failed to load', () => {
    const tally = createTally();
    const report = vitestReport({
      numPassedTests: 5,
      numFailedTests: 2,
      testResults: [
        { name: `${ROOT}/src/a.test.ts`, status: 'failed', message: '', assertionResults: [...passing(5), { status: 'failed' }, { status: 'failed' }] },
        {
          name: `${ROOT}/src/common/schemas/conformance.test.ts`,
          status: 'failed',
          message: "ENOENT: no such file or directory, scandir '/x'\n    at readdirSync",
          assertionResults: [],
        },
      ],
    });
    countVitest(tally, 'unit tests', report, false, ROOT);
    expect(tally.passed).toBe(5);
    expect(tally.failed).toBe(3);
    expect(tally.failures).toEqual([
      'unit tests (2 failed)',
      "unit tests: src/common/schemas/conformance.test.ts did not run (ENOENT: no such file or directory, scandir '/x')",
    ]);
  });

  it('counts a file that failed outside its tests even when its tests passed', () => {
    const tally = createTally();
    const report = vitestReport({
      testResults: [{ name: `${ROOT}/src/a.test.ts`, status: 'failed', message: 'afterAll hook timed out', assertionResults: passing(3) }],
    });
    countVitest(tally, 'unit tests', report, false, ROOT);
    expect(tally).toMatchObject({ passed: 3, failed: 1 });
    expect(tally.failures).toEqual(['unit tests: src/a.test.ts did not run (afterAll hook timed out)']);
  });

  it('counts a vitest run that exited with an error its report does not show (an unhandled error)', () => {
    const tally = createTally();
    countVitest(tally, 'unit tests', vitestReport(), false, ROOT);
    expect(tally).toMatchObject({ passed: 3, failed: 1 });
    expect(tally.failures[0]).toMatch(/^unit tests: exited with an error but its report shows no failure/);
  });

  it('counts a vitest run with no test files as a failure', () => {
    const tally = createTally();
    countVitest(tally, 'unit tests', vitestReport({ numPassedTests: 0, testResults: [] }), true, ROOT);
    expect(tally).toMatchObject({ passed: 0, failed: 1, failures: ['unit tests: no test files ran'] });
  });

  it('counts Playwright errors outside any test, and failing tests', () => {
    const tally = createTally();
    const report = playwrightReport({
      stats: { expected: 10, unexpected: 2, flaky: 1, skipped: 3 },
      errors: [{ message: 'Error: globalSetup failed\n  at x' }, { message: 'SyntaxError in e2e/bad.spec.ts' }],
    });
    countPlaywright(tally, 'e2e firefox', report, false);
    expect(tally).toMatchObject({ passed: 11, failed: 4, skipped: 3 });
    expect(tally.failures).toEqual(['e2e firefox (2 failed)', 'e2e firefox: Error: globalSetup failed', 'e2e firefox: SyntaxError in e2e/bad.spec.ts']);
    expect(tally.notes).toEqual(['e2e firefox: 1 flaky test(s) passed on retry']);
  });

  it('counts a Playwright run that ran no test, or exited with an error its report does not show', () => {
    const empty = createTally();
    countPlaywright(empty, 'e2e chromium', playwrightReport({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } }), false);
    expect(empty).toMatchObject({ failed: 1, failures: ['e2e chromium: no tests ran'] });

    const unexplained = createTally();
    countPlaywright(unexplained, 'e2e chromium', playwrightReport(), false);
    expect(unexplained).toMatchObject({ passed: 4, failed: 1 });
    expect(unexplained.failures[0]).toMatch(/^e2e chromium: exited with an error but its report shows no failure/);
  });

  it('collects the driver retries the harness recorded, once each, for the summary', () => {
    const tally = createTally();
    const retry = { type: DRIVER_RETRY, description: 'firefox: newtab.html unreachable' };
    const report = playwrightReport({
      suites: [
        {
          specs: [{ title: 'opens the new tab', tests: [{ annotations: [retry], results: [{ annotations: [retry] }] }] }],
          suites: [{ specs: [{ title: 'pins a site', tests: [{ annotations: [retry, { type: 'issue' }] }] }] }],
        },
      ],
    });
    countPlaywright(tally, 'e2e firefox', report, true);
    expect(tally.failed).toBe(0);
    expect(tally.driverRetries).toEqual([
      'e2e firefox: opens the new tab: firefox: newtab.html unreachable',
      'e2e firefox: pins a site: firefox: newtab.html unreachable',
    ]);
    expect(summaryLines(tally)).toContain('2 driver retries (pages the driver could not reach, opened again):');

    const none = createTally();
    countPlaywright(none, 'e2e chromium', playwrightReport(), true);
    expect(summaryLines(none)).toContain('0 driver retries (pages the driver could not reach, opened again)');
    expect(summaryLines(createTally()).join('\n')).not.toContain('driver retr');
  });

  it("counts each lane's browser starts and the pooled spares it threw away", () => {
    const tally = createTally();
    countLaunches(tally, 'e2e firefox', 'start: firefox\nstart: firefox\nspare too old: plain firefox\nstart: firefox\nspare unused: telemetry firefox\n');
    countLaunches(tally, 'e2e chromium', 'start: chromium\n');
    countLaunches(tally, 'e2e firefox-late', '');
    expect(summaryLines(tally)).toEqual(expect.arrayContaining([
      'e2e firefox: 3 browser starts (2 pooled spares not used: 1 too old, 1 left at the end)',
      'e2e chromium: 1 browser starts',
      'e2e firefox-late: 0 browser starts',
    ]));
    expect(summaryLines(tally).at(-1)).toBe('0 passed, 0 failed');
  });

  it('names each failed test at the end, with the first lines of its error and no colour codes', () => {
    const tally = createTally();
    const e2e = playwrightReport({
      stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
      suites: [
        {
          specs: [
            { title: 'passes', file: 'a.spec.ts', line: 3, tests: [{ status: 'expected', results: [{}] }] },
            {
              title: 'pins a site',
              file: 'topsites.spec.ts',
              line: 42,
              tests: [{ status: 'unexpected', results: [{ error: { message: '\u001b[31mError: expect(received).toBe(expected)\u001b[39m\n\nExpected: 1\nReceived: 2\n  at x\n  at y' } }] }],
            },
          ],
        },
      ],
    });
    countPlaywright(tally, 'e2e chromium', e2e, false);
    countVitest(
      tally,
      'unit tests',
      vitestReport({
        numFailedTests: 1,
        testResults: [
          { name: `${ROOT}/src/a.test.ts`, status: 'failed', assertionResults: [...passing(3), { status: 'failed', fullName: 'queue keeps order', failureMessages: ['AssertionError: expected 2 to be 3'] }] },
        ],
      }),
      false,
      ROOT,
    );
    const lines = summaryLines(tally);
    expect(lines.slice(0, 7)).toEqual([
      '0 driver retries (pages the driver could not reach, opened again)',
      '✘ e2e chromium: topsites.spec.ts:42 › pins a site',
      '    Error: expect(received).toBe(expected)',
      '    Expected: 1',
      '    Received: 2',
      '      at x',
      '✘ unit tests: queue keeps order',
    ]);
    expect(lines[7]).toBe('    AssertionError: expected 2 to be 3');
  });

  it('counts each step not run after an earlier failure', () => {
    const tally = createTally();
    countCheck(tally, 'build', false);
    for (const step of ['web-ext lint', 'e2e chromium', 'e2e firefox']) countNotRun(tally, step, 'the build failed');
    expect(tally.failed).toBe(4);
    expect(tally.failures).toContain('e2e firefox not run: the build failed');
  });

  it('counts a missing report as a failure', () => {
    const tally = createTally();
    countMissingReport(tally, 'e2e chromium', new Error("ENOENT: no such file 'test-results/e2e-chromium.json'\nstack"));
    expect(tally.failures).toEqual(["e2e chromium: no report (ENOENT: no such file 'test-results/e2e-chromium.json')"]);
    expect(lastLine(tally)).toBe('0 passed, 1 failed');
  });

  it('never reads 0 failed on a red run', () => {
    const redRuns: ((t: Tally) => void)[] = [
      (t) => countCheck(t, 'lint', false),
      (t) => countNotRun(t, 'e2e firefox', 'the build failed'),
      (t) => countMissingReport(t, 'unit tests', 'no file'),
      (t) => countVitest(t, 'unit tests', vitestReport(), false),
      (t) => countVitest(t, 'unit tests', vitestReport({ testResults: [{ name: 'x', status: 'failed', assertionResults: [] }] }), true),
      (t) => countPlaywright(t, 'e2e', playwrightReport({ errors: [{ message: 'boom' }] }), true),
      (t) => countPlaywright(t, 'e2e', playwrightReport(), false),
    ];
    for (const red of redRuns) {
      const tally = createTally();
      countCheck(tally, 'type-check', true);
      red(tally);
      expect(tally.failed).toBeGreaterThan(0);
      expect(tally.failed).toBeGreaterThanOrEqual(tally.failures.length);
      expect(lastLine(tally)).toMatch(/^\d+ passed, [1-9]\d* failed$/);
      expect(summaryLines(tally).some((l) => l.startsWith('Failed: '))).toBe(true);
      expect(exitCode(tally)).toBe(1);
    }
  });
});
