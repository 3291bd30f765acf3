// Merges the suites' outputs (bench/out/<suite>.json) into one report:
// <write>.json (figures, date, machine, browser versions, every suite's data)
// and <write>.md (the table the README shows, then every suite), and prints
// the Markdown. Run by scripts/bench.mjs after the suites:
//   npx tsx bench/report.ts --suites bytes,telemetry --write bench/results
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownTable } from './lib/format';
import { OUT_DIR, ROOT, suiteMarkdown, type SuiteResult } from './lib/suite';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  playwright: string;
  browsers: { firefox: string; chromium: string };
  commit: string;
}

function quiet(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? process.platform;
  const pkg = (name: string) => {
    try {
      return (JSON.parse(readFileSync(resolve(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const head = quiet('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = quiet('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: pretty,
    kernel: release(),
    node: process.version,
    playwright: pkg('@playwright/test'),
    browsers: {
      firefox: quiet('/usr/bin/firefox-esr', ['--version']).replace(/^Mozilla Firefox\s*/, 'Firefox '),
      chromium: (quiet('/usr/bin/chromium', ['--version']).split('\n').find((l) => /^Chromium/.test(l)) ?? 'unknown').replace(/\s+built on.*$/, ''),
    },
    commit: `${head}${dirty ? ' + uncommitted changes' : ''}`,
  };
}

export interface Report {
  generatedAt: string;
  quick: boolean;
  machine: MachineInfo;
  suites: SuiteResult[];
  missing: string[];
}

export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` (after \`npm run build\`) on ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${m.commit}.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os} (Linux ${m.kernel}), Node ${m.node}. Browsers: ${m.browsers.firefox}, ${m.browsers.chromium}, driven by Playwright ${m.playwright}, headless.`,
  ];
  if (report.quick) lines.push('', '**Quick run (`--quick`): a smoke test of the suites with few samples. Do not quote these figures.**');
  const headline = report.suites.flatMap((s) => s.headline);
  if (headline.length) {
    lines.push('', markdownTable({ title: 'Summary', columns: ['What', 'Figure'], rows: headline, align: ['left', 'left'] }, 2));
  }
  for (const suite of report.suites) {
    lines.push('', `## ${suite.title}`, '', suiteMarkdown(suite, 3));
  }
  lines.push('', '## This run', '');
  for (const suite of report.suites) {
    lines.push(
      `- \`${suite.suite}\`: ${suite.ok ? 'ok' : 'FAILED'}, ${(suite.durationMs / 1000).toFixed(0)} s, started ${suite.startedAt.slice(11, 19)} UTC; 1-minute load average ${suite.loadAverage.before} before, ${suite.loadAverage.after} after (${m.cores} cores: above ${m.cores} means other work competed for the CPU).`,
    );
  }
  for (const name of report.missing) lines.push(`- \`${name}\`: no output (the suite crashed or was stopped).`);
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { suites: { type: 'string' }, write: { type: 'string' }, in: { type: 'string' }, quick: { type: 'boolean' } },
  });
  const inDir = resolve(values.in ?? OUT_DIR);
  const names = (values.suites ?? '').split(',').filter(Boolean);
  const suites: SuiteResult[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const file = resolve(inDir, `${name}.json`);
    if (existsSync(file)) suites.push(JSON.parse(readFileSync(file, 'utf8')) as SuiteResult);
    else missing.push(name);
  }
  const report: Report = {
    generatedAt: new Date().toISOString(),
    quick: values.quick === true || suites.some((s) => s.quick),
    machine: machineInfo(),
    suites,
    missing,
  };
  const markdown = renderMarkdown(report);
  const base = resolve(values.write ?? resolve(OUT_DIR, 'results'));
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown);
  console.log(markdown);
  console.log(`wrote ${relative(ROOT, base)}.json and ${relative(ROOT, base)}.md`);
}

await main();
