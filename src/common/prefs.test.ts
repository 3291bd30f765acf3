import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS, isAllowedEndpoint, isAllowedFeedUrl, prefValueError, sanitizePrefs } from './prefs';

describe('prefs', () => {
  it('checks types and ranges', () => {
    expect(prefValueError('showSearch', true)).toBeNull();
    expect(prefValueError('showSearch', 'yes')).toMatch(/expects a boolean/);
    expect(prefValueError('topSitesRows', 4)).toBeNull();
    expect(prefValueError('topSitesRows', 5)).toMatch(/1 to 4/);
    expect(prefValueError('topSitesRows', 1.5)).toMatch(/1 to 4/);
    expect(prefValueError('widgets.focusTimer.focusSeconds', 3)).toBeNull();
    expect(prefValueError('widgets.focusTimer.breakSeconds', 0)).toMatch(/1 to 86400/);
    expect(prefValueError('widgets.focusTimer.focusSeconds', 86401)).toMatch(/1 to 86400/);
    expect(prefValueError('widgets.order', 'focusTimer,lists')).toBeNull();
    expect(prefValueError('widgets.order', 'lists;rm -rf')).toMatch(/widget ids/);
  });

  it('allows telemetry over https, and plain http only to loopback', () => {
    expect(isAllowedEndpoint('https://telemetry.example.org')).toBe(true);
    expect(isAllowedEndpoint('http://127.0.0.1:8787')).toBe(true);
    expect(isAllowedEndpoint('http://localhost:1')).toBe(true);
    expect(isAllowedEndpoint('http://[::1]:8787')).toBe(true);
    expect(isAllowedEndpoint('http://telemetry.example.org')).toBe(false);
    expect(isAllowedEndpoint('ftp://127.0.0.1')).toBe(false);
    expect(isAllowedEndpoint('not a url')).toBe(false);
    expect(prefValueError('telemetry.endpoint', 'http://evil.example')).toMatch(/https/);
    expect(prefValueError('telemetry.endpoint', '')).toBeNull();
  });

  it('allows a feed from the web like telemetry, or from the extension’s own files but not another extension’s', () => {
    const own = 'moz-extension://0d8f-11aa';
    expect(isAllowedFeedUrl('https://feeds.example/stories.json', own)).toBe(true);
    expect(isAllowedFeedUrl('http://127.0.0.1:9/stories.json', own)).toBe(true);
    expect(isAllowedFeedUrl(`${own}/stories/sample-feed.json`, own)).toBe(true);
    expect(isAllowedFeedUrl('chrome-extension://abc/stories/sample-feed.json', 'chrome-extension://abc')).toBe(true);
    expect(isAllowedFeedUrl('moz-extension://another-one/stories/sample-feed.json', own)).toBe(false);
    expect(isAllowedFeedUrl(`chrome-extension://0d8f-11aa/stories/sample-feed.json`, own)).toBe(false);
    expect(isAllowedFeedUrl('moz-extension://x@0d8f-11aa/stories/sample-feed.json', own)).toBe(false);
    expect(isAllowedFeedUrl(`${own}/stories/sample-feed.json`, null)).toBe(false);
    expect(isAllowedFeedUrl('http://feeds.example/stories.json', own)).toBe(false);
    // Outside an extension page (here: a test page on http) no extension URL passes.
    expect(prefValueError('discoverystream.feedUrl', `${own}/stories/sample-feed.json`)).toMatch(/file of this extension/);
    expect(prefValueError('topsites.sponsoredFeedUrl', 'https://tiles.example/feed')).toBeNull();
  });

  it('sanitizes stored prefs: defaults for missing, corrupt or unknown entries', () => {
    expect(sanitizePrefs(undefined)).toEqual(PREF_DEFAULTS);
    expect(sanitizePrefs('garbage')).toEqual(PREF_DEFAULTS);
    const prefs = sanitizePrefs({ showSearch: false, topSitesRows: 9, unknown: 1, 'feeds.topsites': 'no' });
    expect(prefs.showSearch).toBe(false);
    expect(prefs.topSitesRows).toBe(PREF_DEFAULTS.topSitesRows);
    expect(prefs['feeds.topsites']).toBe(true);
    expect(prefs).not.toHaveProperty('unknown');
  });
});
