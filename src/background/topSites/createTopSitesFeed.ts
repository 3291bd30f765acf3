// Wires TopSitesFeed to the real browser: storage.local, fetch and the
// configured sponsored-tiles feed.
import browser from 'webextension-polyfill';
import { faviconData, placesData } from '../browserData';
import { TopSitesFeed } from '../feeds/TopSitesFeed';
import { storageAreaAdapter } from '../storage';
import { imageFetcher } from './fetchImage';
import { SponsoredTiles } from './SponsoredTiles';

export function createTopSitesFeed(): TopSitesFeed {
  const storage = storageAreaAdapter(browser.storage.local);
  const fetchFn: typeof fetch = (input, init) => fetch(input, init);
  const fetchImage = imageFetcher(fetchFn);
  const sponsored = new SponsoredTiles({
    storage,
    fetch: fetchFn,
    fetchImage,
    now: () => Date.now(),
    log: console,
  });
  return new TopSitesFeed({ places: placesData, storage, sponsored, fetchImage, favicons: faviconData() });
}
