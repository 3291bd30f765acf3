// Test-only code lives in src/test-support and nothing that ships may use it:
// no product module (anything under src/ or collector/src/ that is not a test)
// imports from src/test-support or a test framework, and every product module
// is used by what ships, so a test-only helper left beside the product shows.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './pingSchemas';

const TEST_SUPPORT_DIR = path.join(REPO_ROOT, 'src/test-support');
const PRODUCT_ROOTS = ['src', 'collector/src'].map((dir) => path.join(REPO_ROOT, dir));
const TEST_FRAMEWORKS = ['vitest', '@testing-library/', 'jsdom', '@playwright/test'];
// What ships: the background script (scripts/build.mjs), the three pages and the toolbar popup
// (their .html files load these, the toolbar popup's too), the collector's command and its public API.
const ENTRY_POINTS = [
  'src/background/index.ts',
  // newtab.html's boot script (scripts/build.mjs) and its module entry, which loads src/newtab/index.tsx with import().
  'src/newtab/boot/boot.ts',
  'src/newtab/main.ts',
  'src/welcome/index.tsx',
  'src/options/index.tsx',
  'src/popup/index.tsx',
  'collector/src/main.ts',
  'collector/src/index.ts',
].map((file) => path.join(REPO_ROOT, file));

const isSource = (file: string) => /\.(ts|tsx|mts|js|mjs)$/.test(file) && !file.endsWith('.d.ts');
const isTest = (file: string) => /\.test\.[cm]?[jt]sx?$/.test(file);

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === TEST_SUPPORT_DIR ? [] : sourcesUnder(full);
    return isSource(full) && !isTest(full) ? [full] : [];
  });
}

/** Every module specifier in `import ... from`, `export ... from`, `import '...'` and `import('...')`. */
function importedSpecifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) if (match[1]) found.push(match[1]);
  }
  return found;
}

/** The file a relative specifier names, as the bundler resolves it; null for packages and assets. */
function resolveModule(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, ...['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ending) => base + ending)];
  return candidates.find((file) => isSource(file) && existsSync(file) && statSync(file).isFile()) ?? null;
}

/** Every module the entry points import, directly or not. */
function usedBy(entries: string[]): Set<string> {
  const used = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (used.has(file)) continue;
    used.add(file);
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveModule(file, specifier);
      if (target) pending.push(target);
    }
  }
  return used;
}

function reachesTestCode(file: string, specifier: string): boolean {
  if (TEST_FRAMEWORKS.some((name) => specifier === name || specifier.startsWith(name.endsWith('/') ? name : `${name}/`))) return true;
  if (!specifier.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), specifier);
  return target === TEST_SUPPORT_DIR || target.startsWith(TEST_SUPPORT_DIR + path.sep);
}

describe('test-only code stays out of the product', () => {
  it('finds the product sources it checks', () => {
    const files = PRODUCT_ROOTS.flatMap(sourcesUnder).map((f) => path.relative(REPO_ROOT, f));
    expect(files).toContain('src/background/index.ts');
    expect(files).toContain('collector/src/main.ts');
    expect(files.filter((f) => f.startsWith('src/test-support/'))).toEqual([]);
  });

  it('reads every form of import', () => {
    const code = [
      "import { a } from '../test-support/x';",
      "import type { B } from './b';",
      "export { c } from 'c';",
      "import 'side-effect';",
      "const d = await import('./d');",
    ].join('\n');
    expect(importedSpecifiers(code).sort()).toEqual(['../test-support/x', './b', './d', 'c', 'side-effect']);
  });

  it('tells test code from product code', () => {
    const file = path.join(REPO_ROOT, 'src/newtab/lib/x.ts');
    expect(reachesTestCode(file, '../../test-support/renderForTest')).toBe(true);
    expect(reachesTestCode(file, 'vitest')).toBe(true);
    expect(reachesTestCode(file, '@testing-library/react')).toBe(true);
    expect(reachesTestCode(file, './initStore')).toBe(false);
    expect(reachesTestCode(file, 'vitest-like-name')).toBe(false);
    expect(reachesTestCode(file, 'react')).toBe(false);
  });

  it('no product module imports test support or a test framework', () => {
    const offenders = PRODUCT_ROOTS.flatMap(sourcesUnder).flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => reachesTestCode(file, specifier))
        .map((specifier) => `${path.relative(REPO_ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every product module is used by what ships', () => {
    expect(ENTRY_POINTS.filter((file) => !existsSync(file))).toEqual([]);
    const used = usedBy(ENTRY_POINTS);
    expect(used.size).toBeGreaterThan(ENTRY_POINTS.length);
    // Plain .js files here are assets served as they are (the collector's dashboard script), not modules.
    const unused = PRODUCT_ROOTS.flatMap(sourcesUnder).filter((file) => /\.tsx?$/.test(file) && !used.has(file));
    expect(unused.map((file) => path.relative(REPO_ROOT, file))).toEqual([]);
  });
});
