// The contract between a benchmark suite, the runner and the report.
// A suite is a module under bench/ exporting a `Suite`; `runIfMain` makes the
// same file runnable alone: `npx tsx bench/<name>.ts [--quick] [--out file]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, type Table } from './format';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT_DIR = resolve(ROOT, 'bench/out');

export interface SuiteOptions {
  /** Fewer runs and shorter loops: a smoke test of the suite, not figures to quote. */
  quick: boolean;
  /** Every --flag given on the command line, for suite-specific knobs (--runs 30 …). */
  flags: Record<string, string | boolean | undefined>;
  log: (line: string) => void;
}

export interface SuiteContext {
  /** The few figures for the summary at the top of bench/results.md: [what, figure]. */
  headline: [string, string][];
  tables: Table[];
  notes: string[];
  data: Record<string, unknown>;
}

export interface Suite {
  name: string;
  title: string;
  run(options: SuiteOptions, out: SuiteContext): Promise<void>;
}

export interface SuiteResult extends SuiteContext {
  suite: string;
  title: string;
  ok: boolean;
  error?: string;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  /** 1-minute load average of the machine before and after: other work on the box shows up here. */
  loadAverage: { before: number; after: number };
}

/** A numeric flag (`--runs 30`), or the default. */
export function numberFlag(options: SuiteOptions, name: string, fallback: number): number {
  const raw = options.flags[name];
  if (raw === undefined || typeof raw === 'boolean') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} expects a non-negative number, got "${raw}"`);
  return n;
}

export function listFlag(options: SuiteOptions, name: string, fallback: string[]): string[] {
  const raw = options.flags[name];
  return typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

export async function runSuite(suite: Suite, options: SuiteOptions): Promise<SuiteResult> {
  const out: SuiteContext = { headline: [], tables: [], notes: [], data: {} };
  const startedAt = new Date();
  const before = loadavg()[0] ?? 0;
  const t0 = performance.now();
  let error: string | undefined;
  try {
    await suite.run(options, out);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    options.log(`suite ${suite.name} failed: ${error}`);
  }
  return {
    suite: suite.name,
    title: suite.title,
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    loadAverage: { before: round2(before), after: round2(loadavg()[0] ?? 0) },
    ...out,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function suiteMarkdown(result: SuiteResult, headingLevel = 3): string {
  const parts = result.tables.map((t) => markdownTable(t, headingLevel));
  if (!result.ok) parts.push(`**Suite failed:** ${result.error?.split('\n')[0] ?? 'unknown error'}`);
  if (result.notes.length) parts.push(result.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}

/**
 * `--name value`, `--name=value` and bare `--name` (true). util.parseArgs in
 * non-strict mode would read `--runs 30` as a boolean and a positional.
 */
export function parseFlags(argv: string[]): Record<string, string | boolean> {
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (flags are --name value)`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) flags[arg.slice(2)] = argv[++i] as string;
    else flags[arg.slice(2)] = true;
  }
  return flags;
}

/** Runs the suite when its file is the entry point; writes JSON to --out (default bench/out/<name>.json). */
export async function runIfMain(moduleUrl: string, suite: Suite): Promise<void> {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  const values = parseFlags(process.argv.slice(2));
  const t0 = performance.now();
  const options: SuiteOptions = {
    quick: values.quick === true,
    flags: values,
    log: (line) => console.error(`[${suite.name} +${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}`),
  };
  const result = await runSuite(suite, options);
  const outFile = typeof values.out === 'string' ? resolve(values.out) : resolve(OUT_DIR, `${suite.name}.json`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`\n## ${suite.title}\n\n${suiteMarkdown(result)}\n`);
  // Browsers, sockets and timers of a finished suite must not keep it alive.
  process.exit(result.ok ? 0 : 1);
}
