import { describe, expect, it } from 'vitest';
import { sanitizeExperiments, versionFromUserAgent } from './environment';
import { opensNewTabPage } from './loadTrigger';

describe('versionFromUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.108 Safari/537.36', '156.0.8078.108'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', '156.0.0.0'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', '153.0'],
    ['curl/8.0', '0'],
  ])('%s → %s', (ua, version) => expect(versionFromUserAgent(ua)).toBe(version));
});

describe('sanitizeExperiments', () => {
  it('keeps {id: {branch}} entries only', () => {
    expect(sanitizeExperiments({ a: { branch: 'control' }, b: { branch: 3 }, c: null, ['x'.repeat(200)]: { branch: 'y' } })).toEqual({
      a: { branch: 'control' },
    });
    expect(sanitizeExperiments(undefined)).toEqual({});
    expect(sanitizeExperiments([{ branch: 'x' }])).toEqual({});
  });
});

describe('opensNewTabPage', () => {
  it('knows the new-tab page in each browser, and never a private tab', () => {
    expect(opensNewTabPage({ pendingUrl: 'chrome://newtab/', url: '', incognito: false })).toBe(true);
    expect(opensNewTabPage({ pendingUrl: 'https://example.com/', url: '', incognito: false })).toBe(false);
    expect(opensNewTabPage({ pendingUrl: 'about:blank', url: '', incognito: false })).toBe(false);
    expect(opensNewTabPage({ url: 'about:blank', incognito: false })).toBe(true);
    expect(opensNewTabPage({ url: 'about:newtab', incognito: false })).toBe(true);
    expect(opensNewTabPage({ url: 'https://example.com/', incognito: false })).toBe(false);
    expect(opensNewTabPage({ url: 'about:blank', incognito: true })).toBe(false);
  });
});
