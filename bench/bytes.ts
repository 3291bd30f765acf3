// Bytes: the JavaScript and CSS the new tab needs for its first render, raw and
// gzipped, and the size of the whole extension package.
//
// First render = newtab.html's entry <script type="module"> and stylesheets,
// plus every chunk the entry reaches through static `import`/`export … from`
// (found with TypeScript's parser, so minified code is read correctly), plus
// CSS @imports. Chunks reached only through dynamic import() load later and are
// listed separately.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync, gzipSync } from 'node:zlib';
import ts from 'typescript';
import { fmt, type Table } from './lib/format';
import { ROOT, runIfMain, type Suite } from './lib/suite';

const run = promisify(execFile);

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

const sizeOf = (dist: string, file: string): FileSize => {
  const buf = readFileSync(join(dist, file));
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};

/** Resolves `spec` (relative to the page or chunk at `from`) to a path inside dist, or null for external URLs. */
function resolveInDist(from: string, spec: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) || spec.startsWith('//')) return null;
  const clean = spec.split(/[?#]/)[0] ?? spec;
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(from), clean));
}

export function htmlEntries(html: string): { scripts: string[]; styles: string[]; preloads: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  const preloads: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) scripts.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase() ?? '';
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel.split(/\s+/).includes('stylesheet')) {
      // A disabled stylesheet is never fetched: newtab.html carries its rules inline, counted with the page.
      if (!/\sdisabled(\s|=|\/?>)/i.test(tag)) styles.push(href);
    } else if (rel === 'modulepreload') preloads.push(href);
  }
  return { scripts, styles, preloads };
}

/** Static and dynamic import specifiers of one ES module. */
export function moduleImports(code: string): { staticImports: string[]; dynamicImports: string[] } {
  const source = ts.createSourceFile('chunk.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const staticImports: string[] = [];
  const dynamicImports: string[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      staticImports.push(statement.moduleSpecifier.text);
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) dynamicImports.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { staticImports, dynamicImports };
}

export interface FirstRender {
  page: string;
  html: FileSize;
  js: FileSize[];
  css: FileSize[];
  lazyJs: FileSize[];
}

export function firstRenderOf(dist: string, page: string): FirstRender {
  const html = readFileSync(join(dist, page), 'utf8');
  const entries = htmlEntries(html);
  const js = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries.scripts, ...entries.preloads].map((s) => resolveInDist(page, s)).filter((s): s is string => s !== null);
  while (queue.length) {
    const file = queue.shift() as string;
    if (js.has(file) || !existsSync(join(dist, file))) continue;
    js.add(file);
    const { staticImports, dynamicImports } = moduleImports(readFileSync(join(dist, file), 'utf8'));
    for (const spec of staticImports) {
      const target = resolveInDist(file, spec);
      if (target) queue.push(target);
    }
    for (const spec of dynamicImports) {
      const target = resolveInDist(file, spec);
      if (target) lazy.add(target);
    }
  }
  const css = new Set<string>();
  const cssQueue = entries.styles.map((s) => resolveInDist(page, s)).filter((s): s is string => s !== null);
  while (cssQueue.length) {
    const file = cssQueue.shift() as string;
    if (css.has(file) || !existsSync(join(dist, file))) continue;
    css.add(file);
    const text = readFileSync(join(dist, file), 'utf8');
    for (const m of text.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/g)) {
      const target = m[1] ? resolveInDist(file, m[1]) : null;
      if (target) cssQueue.push(target);
    }
  }
  // A lazy chunk that is also imported statically is part of the first render.
  for (const f of js) lazy.delete(f);
  // Chunks that lazy chunks import statically load later too.
  const lazyQueue = [...lazy];
  while (lazyQueue.length) {
    const file = lazyQueue.shift() as string;
    if (!existsSync(join(dist, file))) continue;
    for (const spec of moduleImports(readFileSync(join(dist, file), 'utf8')).staticImports) {
      const target = resolveInDist(file, spec);
      if (target && !js.has(target) && !lazy.has(target)) {
        lazy.add(target);
        lazyQueue.push(target);
      }
    }
  }
  const sizes = (files: Iterable<string>) => [...files].filter((f) => existsSync(join(dist, f))).map((f) => sizeOf(dist, f));
  return { page, html: sizeOf(dist, page), js: sizes(js), css: sizes(css), lazyJs: sizes(lazy) };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export interface PackageSize {
  dist: string;
  files: number;
  unpacked: number;
  zip: number;
  method: string;
}

/** Zip size from `web-ext build`; falls back to a deflate estimate (local headers + central directory). */
async function packageSize(dist: string, log: (l: string) => void): Promise<PackageSize> {
  const files = walk(dist);
  const unpacked = files.reduce((s, f) => s + statSync(f).size, 0);
  const artifacts = mkdtempSync(join(tmpdir(), 'oas-bench-pkg-'));
  try {
    await run(resolve(ROOT, 'node_modules/.bin/web-ext'), ['build', '--source-dir', dist, '--artifacts-dir', artifacts, '--overwrite-dest', '--filename', 'package.zip'], {
      timeout: 60_000,
    });
    const zip = statSync(join(artifacts, 'package.zip')).size;
    return { dist: relative(ROOT, dist), files: files.length, unpacked, zip, method: 'web-ext build' };
  } catch (error) {
    log(`web-ext build failed, estimating with zlib: ${String(error).split('\n')[0]}`);
    let zip = 22; // end of central directory
    for (const f of files) {
      const name = Buffer.byteLength(relative(dist, f));
      zip += 30 + name + deflateRawSync(readFileSync(f), { level: 9 }).length + 46 + name;
    }
    return { dist: relative(ROOT, dist), files: files.length, unpacked, zip, method: 'zlib estimate' };
  } finally {
    rmSync(artifacts, { recursive: true, force: true });
  }
}

const total = (xs: FileSize[]) => ({ raw: xs.reduce((s, x) => s + x.raw, 0), gzip: xs.reduce((s, x) => s + x.gzip, 0) });

export const bytesSuite: Suite = {
  name: 'bytes',
  title: 'Bytes: first render of the new tab, and the package',
  async run(options, out) {
    const distFirefox = resolve(ROOT, 'dist/firefox');
    const distChrome = resolve(ROOT, 'dist/chrome');
    const first = firstRenderOf(distFirefox, 'newtab/newtab.html');
    const js = total(first.js);
    const css = total(first.css);
    const lazy = total(first.lazyJs);
    const background = existsSync(join(distFirefox, 'background.js')) ? sizeOf(distFirefox, 'background.js') : null;
    const packages: PackageSize[] = [];
    for (const dist of [distFirefox, distChrome]) if (existsSync(dist)) packages.push(await packageSize(dist, options.log));

    const rows: Table['rows'] = [
      [`JavaScript (${first.js.length} files: entry + static imports)`, fmt.bytes(js.raw), fmt.bytes(js.gzip)],
      [`CSS (${first.css.length} files)`, fmt.bytes(css.raw), fmt.bytes(css.gzip)],
      ['newtab.html', fmt.bytes(first.html.raw), fmt.bytes(first.html.gzip)],
      ['**First render total**', `**${fmt.bytes(js.raw + css.raw + first.html.raw)}**`, `**${fmt.bytes(js.gzip + css.gzip + first.html.gzip)}**`],
      [`Loaded later (dynamic import, ${first.lazyJs.length} files)`, fmt.bytes(lazy.raw), fmt.bytes(lazy.gzip)],
    ];
    if (background) rows.push(['background.js (parsed at every background start)', fmt.bytes(background.raw), fmt.bytes(background.gzip)]);
    out.tables.push({ title: 'New tab first render (dist/firefox)', columns: ['What', 'raw', 'gzip -9'], rows });
    out.tables.push({
      title: 'First-render files',
      columns: ['File', 'raw', 'gzip -9'],
      rows: [...first.js, ...first.css, first.html, ...first.lazyJs.map((f) => ({ ...f, file: `${f.file} (later)` }))].map((f) => [f.file, fmt.bytes(f.raw), fmt.bytes(f.gzip)]),
    });
    out.tables.push({
      title: 'Extension package',
      columns: ['Package', 'files', 'unpacked', 'zip'],
      rows: packages.map((p) => [`${p.dist} (${p.method})`, p.files, fmt.bytes(p.unpacked), fmt.bytes(p.zip)]),
    });
    out.headline.push([
      'New tab first render: JS + CSS + HTML',
      `${fmt.bytes(js.raw + css.raw + first.html.raw)} (${fmt.bytes(js.gzip + css.gzip + first.html.gzip)} gzip)`,
    ]);
    const firefoxPackage = packages[0];
    if (firefoxPackage) out.headline.push(['Extension package (zip of dist/firefox)', `${fmt.bytes(firefoxPackage.zip)} (${firefoxPackage.files} files, ${fmt.bytes(firefoxPackage.unpacked)} unpacked)`]);
    out.data = { firstRender: { ...first, totals: { js, css, lazy } }, background, packages };
    out.notes.push(
      `First render follows static imports from newtab.html's entry script (${first.js.map((f) => f.file).join(', ')}); dynamic import() chunks are counted as "loaded later". Extension pages load from disk, so gzip is shown only as a measure of code size, not of transfer.`,
    );
  },
};

await runIfMain(import.meta.url, bytesSuite);
