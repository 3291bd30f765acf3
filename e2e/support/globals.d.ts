// Code passed to page.evaluate runs inside extension pages, where Chromium
// exposes `chrome` (promise-based in MV3) and Firefox also exposes `browser`.
import type Browser from 'webextension-polyfill';

declare global {
  const chrome: Browser.Browser;
}
