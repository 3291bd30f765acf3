// `npm test`: type-check, lint, unit tests, build, web-ext lint, then the
// end-to-end suites in Chromium and Firefox ESR (one worker per browser, run
// side by side). Ends with one plain line `N passed, N failed` over everything.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => {
      console.log(`◀ ${name}: ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

/** A step that is one check: it counts as one passed or failed test. */
async function check(name, cmd, args) {
  const ok = await run(name, cmd, args);
  if (ok) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(name);
  }
  return ok;
}

async function countVitest(file) {
  const report = JSON.parse(await readFile(file, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  results.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0) failures.push(`unit tests (${report.numFailedTests} failed)`);
}

async function countPlaywright(file, label) {
  const report = JSON.parse(await readFile(file, 'utf8'));
  const s = report.stats;
  results.passed += s.expected + s.flaky;
  results.failed += s.unexpected;
  results.skipped += s.skipped;
  if (s.unexpected > 0) failures.push(`${label} (${s.unexpected} failed)`);
  if (s.flaky > 0) console.log(`${label}: ${s.flaky} flaky test(s) passed on retry`);
  for (const e of report.errors ?? []) failures.push(`${label}: ${e.message?.split('\n')[0]}`);
}

await rm('test-results', { recursive: true, force: true });
await check('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);

const unitOk = await run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
try {
  await countVitest('test-results/unit.json');
} catch {
  results.failed += 1;
  failures.push('unit tests (no report)');
}
if (!unitOk && !failures.some((f) => f.startsWith('unit tests'))) failures.push('unit tests');

const built = await check('build', 'npm', ['run', 'build']);
if (built) {
  await check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--warnings-as-errors']);
  const e2e = ['chromium', 'firefox'].map(async (project) => {
    const file = `test-results/e2e-${project}.json`;
    await run(`e2e ${project}`, 'npx', ['playwright', 'test', `--project=${project}`, `--output=test-results/artifacts-${project}`], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
      OAS_E2E_PROJECT: project,
    });
    try {
      await countPlaywright(file, `e2e ${project}`);
    } catch {
      results.failed += 1;
      failures.push(`e2e ${project} (no report)`);
    }
  });
  await Promise.all(e2e);
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
if (results.skipped) console.log(`(${results.skipped} skipped)`);
console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 && failures.length === 0 ? 0 : 1);
