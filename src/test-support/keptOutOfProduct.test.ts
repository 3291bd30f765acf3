// Test-only code lives in src/test-support and nothing that ships may use it:
// no product module (anything under src/ or collector/src/ that is not a test)
// imports from src/test-support or a test framework.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './pingSchemas';

const TEST_SUPPORT_DIR = path.join(REPO_ROOT, 'src/test-support');
const PRODUCT_ROOTS = ['src', 'collector/src'].map((dir) => path.join(REPO_ROOT, dir));
const TEST_FRAMEWORKS = ['vitest', '@testing-library/', 'jsdom', '@playwright/test'];

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
});
