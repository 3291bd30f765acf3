// `npm test`: build, then the end-to-end suites in Firefox ESR and Chromium
// (one worker per browser, side by side), with web-ext lint, type-check, lint
// and the unit tests after Chromium's. Ends with one plain line
// `N passed, N failed` over everything; scripts/lib/testCounts.mjs says what counts as a failure (also steps not run).
import { spawn } from 'node:child_process';
import { readFile, rm, mkdir } from 'node:fs/promises';
import {
  countCheck,
  countMissingReport,
  countNotRun,
  countPlaywright,
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

function e2e(project) {
  const file = `test-results/e2e-${project}.json`;
  const retryLog = `test-results/driver-retries-${project}.log`;
  return reported(`e2e ${project}`, 'npx', ['playwright', 'test', `--project=${project}`, `--output=test-results/artifacts-${project}`], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    OAS_E2E_PROJECT: project,
    OAS_DRIVER_RETRY_LOG: retryLog,
  }, file, countPlaywright).then(async () => {
    // Retries inside tests are annotations in the report; those in hooks are logged here.
    const outside = await readFile(retryLog, 'utf8').catch(() => '');
    tally.driverRetries.push(...outside.split('\n').filter(Boolean).map((line) => `e2e ${project}: ${line}`));
  });
}

async function checks() {
  await check('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  const unitReport = 'test-results/unit.json';
  await reported('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`], {}, unitReport,
    (t, label, report, ok) => countVitest(t, label, report, ok, process.cwd()));
}

// Firefox's suite is the longest and mostly waits on the browser, so it starts
// first; Chromium's suite and then the checks run beside it on the other core.
const built = await check('build', 'npm', ['run', 'build']);
if (built) {
  await Promise.all([
    e2e('firefox'),
    (async () => {
      await check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--warnings-as-errors']);
      await e2e('chromium');
      await checks();
    })(),
  ]);
} else {
  for (const step of ['web-ext lint', 'e2e chromium', 'e2e firefox']) countNotRun(tally, step, 'the build failed');
  await checks();
}

console.log(`\nnpm test took ${Math.round((Date.now() - startedAt) / 1000)} s in all`);
console.log(`\n${summaryLines(tally).join('\n')}`);
process.exit(exitCode(tally));
