// Launches Firefox ESR and Chromium with a copy of the built extension for the
// load benchmark, through the end-to-end tests' launcher, with two differences:
// the extension directory is a temporary copy that also holds the floor page,
// and Firefox gets the prefs that let its own about:newtab render (the anchor).
import type { BrowserContext } from '@playwright/test';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExtensionBrowser, type BrowserName } from '../../e2e/support/extension';
import { ROOT } from './suite';

export type { BrowserName };

/**
 * Firefox's remote agent applies "recommended preferences" that blank
 * about:newtab; we turn them off (shared/reference/browser-testing.md,
 * addendum) and put back the ones that keep a test browser quiet and offline.
 */
export const FIREFOX_BENCH_PREFS: Record<string, string | number | boolean> = {
  'remote.prefs.recommended': false,
  'browser.newtabpage.enabled': true,
  // No network: no stories, no sponsored tiles, no weather.
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.discoverystream.enabled': false,
  'browser.newtabpage.activity-stream.showSponsored': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.newtabpage.activity-stream.showWeather': false,
  'browser.newtabpage.activity-stream.system.showWeather': false,
  'browser.newtabpage.activity-stream.feeds.weatherfeed': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.topsites.contile.enabled': false,
  // Navigation by URL never uses the preloaded new tab; without this a hidden
  // preloaded about:newtab would compete for the CPU during measurements.
  'browser.newtab.preload': false,
  // Quiet, offline test browser (a subset of the remote agent's recommended prefs).
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'browser.discovery.enabled': false,
  'browser.region.network.url': '',
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.search.update': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'toolkit.telemetry.server': '',
};

export interface BenchBrowser {
  name: BrowserName;
  context: BrowserContext;
  /** moz-extension://<uuid> or chrome-extension://<id> */
  baseUrl: string;
  close(): Promise<void>;
}

const BENCH_PAGES = ['bench-floor.html', 'bench-floor.js', 'bench-controller.html', 'bench-watch.js'];
const WATCH_TAG = '<script src="./bench-watch.js"></script>';

/**
 * Copies a built extension into `dir` and adds the benchmark's pages
 * (bench/pages/*) next to newtab.html: the floor, the Firefox controller, and
 * the tile watcher, which is also inserted as the first script of the copy's
 * newtab.html. dist/ itself is never changed.
 */
export async function prepareExtensionCopy(dist: string, dir: string): Promise<void> {
  await cp(dist, dir, { recursive: true });
  for (const file of BENCH_PAGES) await cp(resolve(ROOT, 'bench/pages', file), join(dir, 'newtab', file));
  const page = join(dir, 'newtab', 'newtab.html');
  const html = await readFile(page, 'utf8');
  const watched = html.replace(/<\/title>/i, (t) => `${t}\n    ${WATCH_TAG}`);
  if (watched === html) throw new Error(`${page}: no <title> to put the tile watcher after`);
  await writeFile(page, watched);
}

export async function launchBenchBrowser(name: BrowserName, extDir: string, profileDir: string): Promise<BenchBrowser> {
  const firefoxPrefs = name === 'firefox' ? FIREFOX_BENCH_PREFS : undefined;
  const ext = await ExtensionBrowser.launch(name, { extensionDir: extDir, profileDir, ...(firefoxPrefs ? { firefoxPrefs, firefoxOwnProfile: true } : {}) });
  return { name, context: ext.context, baseUrl: ext.baseUrl, close: () => ext.close() };
}
