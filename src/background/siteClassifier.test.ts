import { describe, expect, it } from 'vitest';
import { classifySite } from './siteClassifier';

describe('classifySite', () => {
  it.each([
    ['https://www.google.com/', 'search-engine'],
    ['https://www.google.co.uk/?hl=en', 'search-engine'],
    ['https://www.google.com/webhp?client=firefox-b-d', 'search-engine-mozilla-tag'],
    ['https://www.google.de/?client=ms-unknown', 'search-engine-other-tag'],
    ['https://www.bing.com/?pc=MOZI', 'search-engine-mozilla-tag'],
    ['https://www.bing.com/?pc=COSP', 'search-engine-other-tag'],
    ['https://duckduckgo.com/?t=ffab', 'search-engine-mozilla-tag'],
    ['https://duckduckgo.com/', 'search-engine'],
    ['https://search.yahoo.com/?fr=yhs-avast', 'search-engine-other-tag'],
    ['https://news.google.com/topstories', 'news-portal'],
    ['https://www.yahoo.com/', 'news-portal'],
    ['https://www.bbc.co.uk/news', 'news-portal'],
    ['https://www.amazon.de/', 'ecommerce'],
    ['https://smile.amazon.co.uk/', 'ecommerce'],
    ['https://www.ebay.com/', 'ecommerce'],
    ['https://www.facebook.com/', 'social-media'],
    ['https://x.com/home', 'social-media'],
    ['https://search.conduit.com/?q=', 'known-hijacker'],
    ['http://www.delta-homes.com/?type=hp', 'known-hijacker'],
    ['https://intranet.example.org/', 'other'],
    ['https://notgoogle.com/', 'other'],
    ['https://amazonaws.com/', 'other'],
    ['file:///home/me/start.html', 'other'],
    ['not a url', 'other'],
  ])('%s is %s', (url, category) => {
    expect(classifySite(url)).toBe(category);
  });
});
