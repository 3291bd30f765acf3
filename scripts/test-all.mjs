// `npm test`: build, then two lanes side by side, one browser driven in each:
// Firefox ESR's end-to-end suite in one; web-ext lint, Chromium's suite and
// the rest of Firefox's (FIREFOX_LATE) in the other. Type-check, lint and the
// unit tests run in whichever lane ends first. Ends with one plain line
// `N passed, N failed` over everything; scripts/lib/testCounts.mjs says what counts as a failure (also steps not run).
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, mkdir } from 'node:fs/promises';
import {
  countCheck,
  countMissingReport,
  countNotRun,
  countPlaywright,
  countLaunches,
  countVitest,
  createTally,
  exitCode,
  summaryLines,
} from './lib/testCounts.mjs';

const tally = createTally();
const startedAt = Date.now();

function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    const done = (outcome, ok) => {
      console.log(`◀ ${name}: ${outcome} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(ok);
    };
    child.on('error', (error) => done(`could not start (${error.message})`, false));
    child.on('exit', (code, signal) => done(code === 0 ? 'ok' : `failed (${signal ?? code})`, code === 0));
  });
}

/** A step that is one check: it counts as one passed or failed test. */
async function check(name, cmd, args) {
  const ok = await run(name, cmd, args);
  countCheck(tally, name, ok);
  return ok;
}

/** Runs a step that writes a JSON report, then counts the report (a missing one is a failure). */
async function reported(label, cmd, args, env, file, count) {
  const ok = await run(label, cmd, args, env);
  try {
    count(tally, label, JSON.parse(await readFile(file, 'utf8')), ok);
  } catch (error) {
    countMissingReport(tally, label, error);
  }
}

await rm('test-results', { recursive: true, force: true });
await mkdir('test-results', { recursive: true });

/** Runs one browser's e2e suite, or only `files` of it; `lane` names the run when a browser has two. */
function e2e(project, { files = [], lane = project } = {}) {
  const file = `test-results/e2e-${lane}.json`;
  const retryLog = `test-results/driver-retries-${lane}.log`;
  const launchLog = `test-results/launches-${lane}.log`;
  const label = `e2e ${lane}`;
  return reported(label, 'npx', ['playwright', 'test', `--project=${project}`, `--output=test-results/artifacts-${lane}`, ...files], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    OAS_E2E_PROJECT: project,
    OAS_DRIVER_RETRY_LOG: retryLog,
    OAS_LAUNCH_LOG: launchLog,
  }, file, countPlaywright).then(async () => {
    countLaunches(tally, label, await readFile(launchLog, 'utf8').catch(() => ''));
    // Retries inside tests are annotations in the report; those in hooks are logged here.
    const outside = await readFile(retryLog, 'utf8').catch(() => '');
    tally.driverRetries.push(...outside.split('\n').filter(Boolean).map((line) => `${label}: ${line}`));
  });
}

// Firefox's suite is about twice Chromium's and mostly waits on the browser.
// These spec files of it run in the second lane once Chromium's suite is done,
// so both lanes end at about the same time: still one browser per lane.
const FIREFOX_LATE = ['first-tab.spec.ts', 'a11y.spec.ts'];

/** Every e2e spec file but FIREFOX_LATE, as Playwright's file filters. */
async function firefoxEarlyFiles() {
  const specs = (await readdir('e2e')).filter((f) => f.endsWith('.spec.ts') && !FIREFOX_LATE.includes(f));
  return specs.map((f) => `e2e/${f}`);
}

async function checks() {
  await check('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  const unitReport = 'test-results/unit.json';
  await reported('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`], {}, unitReport,
    (t, label, report, ok) => countVitest(t, label, report, ok, process.cwd()));
}

const built = await check('build', 'npm', ['run', 'build']);
if (built) {
  const lanes = [
    e2e('firefox', { files: await firefoxEarlyFiles() }),
    (async () => {
      await check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--warnings-as-errors']);
      await e2e('chromium');
      await e2e('firefox', { files: FIREFOX_LATE.map((f) => `e2e/${f}`), lane: 'firefox-late' });
    })(),
  ];
  // Which lane ends first changes from run to run; these checks (about 60 s) go into that one.
  await Promise.race(lanes);
  await checks();
  await Promise.all(lanes);
} else {
  for (const step of ['web-ext lint', 'e2e chromium', 'e2e firefox', 'e2e firefox-late']) countNotRun(tally, step, 'the build failed');
  await checks();
}

console.log(`\nnpm test took ${Math.round((Date.now() - startedAt) / 1000)} s in all`);
console.log(`\n${summaryLines(tally).join('\n')}`);
process.exit(exitCode(tally));
