// `npm run build`: writes dist/firefox (event page) and dist/chrome (service
// worker) from the one manifest.json plus a small per-browser transform.
import { build } from 'vite';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildDefines, buildSettings } from './buildSettings.mjs';

const root = resolve(import.meta.dirname, '..');
// OAS_DIST_DIR: build elsewhere (the onboarding e2e test builds an attributed copy).
const dist = resolve(root, process.env.OAS_DIST_DIR ?? 'dist');

export function manifestFor(browser, base) {
  const m = structuredClone(base);
  if (browser === 'chrome') {
    m.background = { service_worker: 'background.js' };
    delete m.browser_specific_settings;
    // Chromium's MV3 has no page action: a CFR badges the toolbar button on its tab instead.
    delete m.page_action;
    // Chromium serves favicons at chrome-extension://<id>/_favicon/ with this
    // permission; Firefox has no such permission (its favicons come with topSites.get).
    m.permissions = [...m.permissions, 'favicon'];
    // Chromium has no search.search with an engine name; it has search.query.
    // Its homepage override is Windows/macOS only, but harmless elsewhere.
  }
  return m;
}

/**
 * One classic script, self-contained: the background (an event page and a
 * service worker both load it that way) and the new tab's boot script (a
 * classic script runs while the page parses; see src/newtab/boot/boot.ts).
 */
async function buildClassicScript(out, entry, name, file) {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { ...buildDefines('production'), 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry: resolve(root, entry), formats: ['iife'], name, fileName: () => file },
    },
  });
}

// Firefox compiles a script of 5,000 characters or more off the main thread
// (ScriptLoader's OffThreadMinimumTextLength) and runs it only once a later task
// takes the result: the page's parse, and so the boot paint, would wait for it.
const BOOT_SCRIPT_MAX_CHARS = 4_999;

async function checkBootScriptLength(file) {
  const length = (await readFile(file, 'utf8')).length;
  if (length > BOOT_SCRIPT_MAX_CHARS) {
    throw new Error(`newtab/boot.js is ${length} characters, over ${BOOT_SCRIPT_MAX_CHARS}: Firefox would compile it off the main thread and the boot paint would wait (keep the boot script free of the app's modules)`);
  }
}

async function buildBrowser(browser, base) {
  const out = resolve(dist, browser);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  process.env.OAS_OUT_DIR = out;
  await build({ configFile: resolve(root, 'vite.config.ts'), logLevel: 'warn' });
  await buildClassicScript(out, 'src/background/index.ts', 'OpenActivityStreamBackground', 'background.js');
  await buildClassicScript(out, 'src/newtab/boot/boot.ts', 'OpenActivityStreamBoot', 'newtab/boot.js');
  await checkBootScriptLength(resolve(out, 'newtab/boot.js'));
  await cp(resolve(root, 'locales'), resolve(out, '_locales'), { recursive: true });
  await writeFile(resolve(out, 'manifest.json'), JSON.stringify(manifestFor(browser, base), null, 2));
}

const base = JSON.parse(await readFile(resolve(root, 'manifest.json'), 'utf8'));
const settings = buildSettings();
// OAS_BROWSERS: build only these (a test that builds its own copy for one browser).
const browsers = process.env.OAS_BROWSERS?.split(',') ?? ['firefox', 'chrome'];
for (const browser of browsers) await buildBrowser(browser, base);
console.log(`built ${dist}/{${browsers.join(',')}} (build ${settings.buildId}, ${settings.telemetryTransport} → ${settings.telemetryEndpoint})`);
