// `npm run bench`: runs the benchmark suites under bench/ one after another,
// each in its own process (tsx) with a time limit, then merges their outputs
// into bench/results.json and bench/results.md and prints the report.
//
//   npm run bench                               all suites → bench/results.{json,md}
//   npm run bench -- --suite newtab-load        some suites → bench/out/results.{json,md}
//   npm run bench -- --quick                    few samples, a smoke test → bench/out/
//   npm run bench -- --suite newtab-load --runs 50 --cold-runs 20 --browsers firefox
//
// Any other --flag is passed to every suite (see the top of each bench/*.ts).
// Only a complete, non-quick run replaces the committed bench/results.*.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'bench/out');

/** In run order: quick Node suites first, the browsers last. Limits are generous stops, not targets. */
const SUITES = [
  { name: 'bytes', file: 'bench/bytes.ts', limitMs: 3 * 60_000 },
  { name: 'telemetry', file: 'bench/telemetry.ts', limitMs: 5 * 60_000 },
  { name: 'messaging', file: 'bench/messaging.ts', limitMs: 3 * 60_000 },
  { name: 'collector', file: 'bench/collector.ts', limitMs: 5 * 60_000 },
  { name: 'collector-checks', file: 'bench/collectorChecks.ts', limitMs: 3 * 60_000 },
  { name: 'newtab-load', file: 'bench/newtab-load.ts', limitMs: 40 * 60_000 },
];

function parse(argv) {
  const selected = [];
  const passThrough = [];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--suite' || arg === '--suites') {
      selected.push(...(argv[++i] ?? '').split(','));
    } else if (arg.startsWith('--suite=') || arg.startsWith('--suites=')) {
      selected.push(...arg.slice(arg.indexOf('=') + 1).split(','));
    } else {
      if (arg === '--quick') quick = true;
      passThrough.push(arg);
    }
  }
  const names = selected.map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown suite ${unknown.join(', ')}; the suites are ${SUITES.map((s) => s.name).join(', ')}`);
  return { suites: names.length ? SUITES.filter((s) => names.includes(s.name)) : SUITES, passThrough, quick, subset: names.length > 0 };
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function checkBuild() {
  const needed = ['dist/firefox/manifest.json', 'dist/firefox/newtab/newtab.html', 'dist/chrome/manifest.json'];
  const missing = needed.filter((f) => !existsSync(resolve(root, f)));
  if (missing.length) {
    console.error(`bench: ${missing.join(', ')} missing; run \`npm run build\` first.`);
    process.exit(1);
  }
  const built = statSync(resolve(root, 'dist/firefox/manifest.json')).mtimeMs;
  if (newestMtime(resolve(root, 'src')) > built) {
    console.error('bench: warning: files under src/ are newer than dist/; the figures are for the last build (`npm run build` to refresh).');
  }
}

/** Runs one node process in its own process group; stops the whole group at the time limit. */
function run(args, limitMs, label) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    let timedOut = false;
    const kill = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`bench: ${label} passed its ${limitMs / 60_000} min limit; stopping it`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 10_000).unref();
    }, limitMs);
    const onSignal = () => kill('SIGTERM');
    process.once('SIGINT', onSignal);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      resolveRun({ ok: code === 0 && !timedOut, code, signal, timedOut });
    });
  });
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
if (options.help) {
  console.log(`npm run bench [-- --suite ${SUITES.map((s) => s.name).join('|')}[,…]] [--quick] [suite flags]; see bench/README.md`);
  process.exit(0);
}

checkBuild();
mkdirSync(outDir, { recursive: true });
const started = Date.now();
const failed = [];
for (const suite of options.suites) {
  const out = resolve(outDir, `${suite.name}.json`);
  rmSync(out, { force: true });
  console.error(`bench: ${suite.name} …`);
  const t0 = Date.now();
  const result = await run(['--import', 'tsx', suite.file, '--out', out, ...options.passThrough], suite.limitMs, suite.name);
  console.error(`bench: ${suite.name} ${result.ok ? 'done' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (!result.ok) failed.push(suite.name);
}

const complete = !options.subset && !options.quick;
const target = complete ? resolve(root, 'bench/results') : resolve(outDir, 'results');
const report = await run(
  ['--import', 'tsx', 'bench/report.ts', '--suites', options.suites.map((s) => s.name).join(','), '--write', target, ...(options.quick ? ['--quick'] : [])],
  60_000,
  'report',
);
// The report prints to stdout, which run() discards: show the file instead.
if (report.ok) {
  console.log(readFileSync(`${target}.md`, 'utf8'));
  console.log(`bench: wrote ${relative(root, target)}.json and ${relative(root, target)}.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (!complete) console.log('bench: not a complete run, so bench/results.* (committed) were left as they were.');
}
if (failed.length || !report.ok) {
  console.error(`bench: failed: ${[...failed, ...(report.ok ? [] : ['report'])].join(', ')}`);
  process.exit(1);
}
