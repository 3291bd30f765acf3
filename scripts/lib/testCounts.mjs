// The counting behind `npm test`'s last line, `N passed, N failed`. Every way a
// step can go wrong adds to `failed`: a failing test, a test file that never
// loaded, a Playwright error outside any test, a step that exited non-zero
// with nothing failing in its report, a missing report, and a step that was
// not run because an earlier one failed. So a red run never reads 0 failed.

/** The annotation the e2e harness puts on a test for each page it retried because the driver could not reach it. */
export const DRIVER_RETRY = 'driver-retry';

export function createTally() {
  return { passed: 0, failed: 0, skipped: 0, failures: [], failedTests: [], notes: [], playwrightReports: 0, driverRetries: [], launches: [] };
}

// CI shows only the end of the log, so each failed test is named there with the start of its error.
const ERROR_LINES = 4;
const COLOUR_CODE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (text) => String(text ?? '').replace(COLOUR_CODE, '');
const errorHead = (text) =>
  stripAnsi(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, ERROR_LINES);


function fail(tally, count, why) {
  tally.failed += count;
  tally.failures.push(why);
}

const firstLine = (text) => String(text ?? '').split('\n')[0].trim();

/** A step that is one check (type-check, lint, build): one passed or one failed. */
export function countCheck(tally, name, ok) {
  if (ok) tally.passed += 1;
  else fail(tally, 1, name);
}

/** A step skipped because one it needs failed: one failed, saying why. */
export function countNotRun(tally, name, because) {
  fail(tally, 1, `${name} not run: ${because}`);
}

/** A step whose JSON report is missing or unreadable: one failed. */
export function countMissingReport(tally, label, error) {
  fail(tally, 1, `${label}: no report (${firstLine(error?.message ?? error)})`);
}

/** If a step's process failed but nothing above was counted for it, that is one failure of its own. */
function countUnexplainedExit(tally, label, exitedOk, failedBefore, what) {
  if (!exitedOk && tally.failed === failedBefore) fail(tally, 1, `${label}: exited with an error but its report shows no failure (${what}; see the output above)`);
}

/**
 * A vitest JSON report (`--reporter=json`). A file that fails to load, or fails
 * in a hook outside any test, is `status: "failed"` with no failed test in it:
 * it counts as one failure.
 */
export function countVitest(tally, label, report, exitedOk, root = '') {
  const failedBefore = tally.failed;
  tally.passed += report.numPassedTests ?? 0;
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0) fail(tally, report.numFailedTests, `${label} (${report.numFailedTests} failed)`);
  for (const file of report.testResults ?? []) {
    for (const t of (file.assertionResults ?? []).filter((a) => a.status === 'failed')) {
      tally.failedTests.push({ name: `${label}: ${t.fullName ?? t.title ?? '(unnamed)'}`, error: errorHead((t.failureMessages ?? []).join('\n')) });
    }
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      const name = root && file.name.startsWith(root) ? file.name.slice(root.length).replace(/^\//, '') : file.name;
      fail(tally, 1, `${label}: ${name} did not run (${firstLine(file.message) || 'failed outside its tests'})`);
    }
  }
  if ((report.testResults ?? []).length === 0) fail(tally, 1, `${label}: no test files ran`);
  countUnexplainedExit(tally, label, exitedOk, failedBefore, 'an unhandled error?');
}

function* specsOf(suite) {
  yield* suite.specs ?? [];
  for (const child of suite.suites ?? []) yield* specsOf(child);
}

/**
 * A Playwright JSON report. Errors outside any test (global setup, a spec file
 * that does not load, a worker crash) are in `errors` and each counts as one
 * failure; the harness's driver retries are collected for the summary.
 */
export function countPlaywright(tally, label, report, exitedOk) {
  const failedBefore = tally.failed;
  tally.playwrightReports += 1;
  const s = report.stats ?? {};
  tally.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  tally.skipped += s.skipped ?? 0;
  if (s.unexpected > 0) fail(tally, s.unexpected, `${label} (${s.unexpected} failed)`);
  if (s.flaky > 0) tally.notes.push(`${label}: ${s.flaky} flaky test(s) passed on retry`);
  for (const error of report.errors ?? []) fail(tally, 1, `${label}: ${firstLine(error.message)}`);
  const ran = (s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
  if (ran === 0 && (report.errors ?? []).length === 0) fail(tally, 1, `${label}: no tests ran`);
  for (const suite of report.suites ?? []) {
    for (const spec of specsOf(suite)) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected') {
          const last = (test.results ?? []).at(-1);
          const message = last?.error?.message ?? (last?.errors ?? []).map((e) => e.message).join('\n');
          tally.failedTests.push({ name: `${label}: ${spec.file ?? ''}:${spec.line ?? ''} › ${spec.title}`, error: errorHead(message) });
        }
        const annotations = (test.results ?? []).some((r) => Array.isArray(r.annotations))
          ? test.results.flatMap((r) => r.annotations ?? [])
          : (test.annotations ?? []);
        for (const a of annotations) {
          if (a.type === DRIVER_RETRY) tally.driverRetries.push(`${label}: ${spec.title}: ${a.description ?? ''}`);
        }
      }
    }
  }
  countUnexplainedExit(tally, label, exitedOk, failedBefore, 'see its list output');
}

/**
 * A lane's browser starts, from the e2e harness's launch log (one line per
 * start or spare thrown away): starts are most of the suite's CPU time.
 */
export function countLaunches(tally, label, log) {
  const lines = log.split('\n').filter(Boolean);
  const count = (prefix) => lines.filter((line) => line.startsWith(prefix)).length;
  const tooOld = count('spare too old:');
  const unused = count('spare unused:');
  const wasted = tooOld + unused ? ` (${tooOld + unused} pooled spares not used: ${tooOld} too old, ${unused} left at the end)` : '';
  tally.launches.push(`${label}: ${count('start:')} browser starts${wasted}`);
}

/** The closing lines; the last one is always `N passed, N failed`. */
export function summaryLines(tally) {
  const lines = [...tally.notes];
  if (tally.playwrightReports > 0) {
    const n = tally.driverRetries.length;
    lines.push(`${n} driver retr${n === 1 ? 'y' : 'ies'} (pages the driver could not reach, opened again)${n ? ':' : ''}`);
    lines.push(...tally.driverRetries.map((r) => `  ${r}`));
  }
  lines.push(...tally.launches);
  for (const { name, error } of tally.failedTests) {
    lines.push(`✘ ${name}`, ...error.map((line) => `    ${line}`));
  }
  if (tally.failures.length) lines.push(`Failed: ${tally.failures.join('; ')}`);
  if (tally.skipped) lines.push(`(${tally.skipped} skipped)`);
  lines.push(`${tally.passed} passed, ${tally.failed} failed`);
  return lines;
}

export const exitCode = (tally) => (tally.failed === 0 ? 0 : 1);
