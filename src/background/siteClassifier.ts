// Puts a home page or new-tab URL into one of the page-takeover categories
// (Firefox's SiteClassifier idea) from a list bundled here, so no URL ever
// leaves the browser: only the category does.
import type { PageCategory } from '../common/pings/types';

/** Pages known to be set by unwanted software; these win over every other category. */
const KNOWN_HIJACKERS: readonly string[] = [
  'conduit.com',
  'babylon.com',
  'trovi.com',
  'delta-homes.com',
  'snap.do',
  'istartsurf.com',
  'mystartsearch.com',
  'search.myway.com',
  'mysearch.com',
  'sweetpacks.com',
  'qvo6.com',
  'webssearches.com',
  'omiga-plus.com',
  'nationzoom.com',
  'v9.com',
  'search-results.com',
  'searchlock.com',
  'search.yac.mx',
  'hohosearch.com',
];

const DOMAIN_CATEGORIES: readonly { category: 'social-media' | 'news-portal' | 'ecommerce'; domains: readonly string[] }[] = [
  {
    category: 'social-media',
    domains: [
      'facebook.com',
      'twitter.com',
      'x.com',
      'instagram.com',
      'reddit.com',
      'linkedin.com',
      'tiktok.com',
      'pinterest.com',
      'tumblr.com',
      'vk.com',
      'youtube.com',
      'mastodon.social',
      'bsky.app',
      'weibo.com',
    ],
  },
  {
    category: 'news-portal',
    domains: [
      'news.google.com',
      'news.yahoo.com',
      'msn.com',
      'aol.com',
      'cnn.com',
      'bbc.com',
      'bbc.co.uk',
      'nytimes.com',
      'theguardian.com',
      'washingtonpost.com',
      'reuters.com',
      'foxnews.com',
      'aljazeera.com',
      'aljazeera.net',
      'lemonde.fr',
      'lefigaro.fr',
      'spiegel.de',
      'yahoo.com',
      'sina.com.cn',
      'rambler.ru',
    ],
  },
  {
    category: 'ecommerce',
    domains: ['amazon.*', 'ebay.*', 'walmart.com', 'aliexpress.com', 'etsy.com', 'target.com', 'bestbuy.com', 'rakuten.*', 'taobao.com', 'jd.com', 'allegro.pl', 'noon.com', 'mercadolivre.com.br'],
  },
];

/**
 * Search engines, and the query parameter that carries a partner tag: a
 * Firefox/Mozilla tag makes it `search-engine-mozilla-tag`, any other tag
 * `search-engine-other-tag`.
 */
const SEARCH_ENGINES: readonly { domains: readonly string[]; tagParam?: string; mozillaTag?: RegExp }[] = [
  { domains: ['google.*'], tagParam: 'client', mozillaTag: /^firefox/i },
  { domains: ['bing.com'], tagParam: 'pc', mozillaTag: /^moz/i },
  { domains: ['duckduckgo.com'], tagParam: 't', mozillaTag: /^(ff|firefox)/i },
  { domains: ['search.yahoo.com', 'search.yahoo.co.jp'], tagParam: 'fr', mozillaTag: /moz/i },
  { domains: ['baidu.com'], tagParam: 'tn', mozillaTag: /^monline/i },
  { domains: ['yandex.*', 'ya.ru'], tagParam: 'clid' },
  { domains: ['ecosia.org'], tagParam: 'tt', mozillaTag: /^mzl/i },
  { domains: ['qwant.com'], tagParam: 'client', mozillaTag: /^(brz-moz|firefox)/i },
  { domains: ['startpage.com'] },
  { domains: ['search.brave.com'] },
  { domains: ['ask.com'] },
  { domains: ['naver.com'] },
  { domains: ['seznam.cz'] },
];

// A domain matches its host and every subdomain; `name.*` matches that name
// under any one- or two-label public suffix (amazon.de, amazon.co.uk).
function hostMatches(host: string, domain: string): boolean {
  if (domain.endsWith('.*')) {
    const name = domain.slice(0, -2).replace(/\./g, '\\.');
    return new RegExp(`(^|\\.)${name}\\.[a-z]{2,}(\\.[a-z]{2,})?$`).test(host);
  }
  return host === domain || host.endsWith(`.${domain}`);
}

/** The most specific matching domain decides: news.google.com beats google.*, search.yahoo.com beats yahoo.com. */
function mostSpecificCategory(host: string, url: URL): PageCategory | undefined {
  const matches: { labels: number; category: PageCategory }[] = [];
  for (const { category, domains } of DOMAIN_CATEGORIES) {
    for (const d of domains) if (hostMatches(host, d)) matches.push({ labels: d.split('.').length, category });
  }
  for (const engine of SEARCH_ENGINES) {
    for (const d of engine.domains) {
      if (hostMatches(host, d)) matches.push({ labels: d.split('.').length, category: searchEngineCategory(engine, url) });
    }
  }
  // Stable sort: on a tie the earlier list wins.
  return matches.sort((a, b) => b.labels - a.labels)[0]?.category;
}

function searchEngineCategory(engine: (typeof SEARCH_ENGINES)[number], url: URL): PageCategory {
  const tag = engine.tagParam ? url.searchParams.get(engine.tagParam) : null;
  if (!tag) return 'search-engine';
  return engine.mozillaTag?.test(tag) ? 'search-engine-mozilla-tag' : 'search-engine-other-tag';
}

export function classifySite(rawUrl: string): PageCategory {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'other';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'other';
  const host = url.hostname.toLowerCase();
  if (KNOWN_HIJACKERS.some((d) => hostMatches(host, d))) return 'known-hijacker';
  return mostSpecificCategory(host, url) ?? 'other';
}
