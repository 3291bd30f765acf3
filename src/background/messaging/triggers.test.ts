import { describe, expect, it } from 'vitest';
import { matchesTrigger } from './triggers';

describe('matchesTrigger', () => {
  it('matches by trigger id', () => {
    expect(matchesTrigger({ id: 'newtabMessageCheck' }, { id: 'newtabMessageCheck' })).toBe(true);
    expect(matchesTrigger({ id: 'firstRun' }, { id: 'newtabMessageCheck' })).toBe(false);
  });

  it('matches openURL by host (params) with or without www', () => {
    const trigger = { id: 'openURL', params: ['example.com'] };
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://www.example.com/a' })).toBe(true);
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://example.com.evil.net/' })).toBe(false);
    expect(matchesTrigger(trigger, { id: 'openURL' })).toBe(false);
  });

  it('matches openURL by match pattern', () => {
    const trigger = { id: 'openURL', patterns: ['*://*.wikipedia.org/wiki/*'] };
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://en.wikipedia.org/wiki/Fox' })).toBe(true);
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://wikipedia.org/wiki/Fox' })).toBe(true);
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://en.wikipedia.org/w/index.php' })).toBe(false);
    expect(matchesTrigger(trigger, { id: 'openURL', url: 'https://evilwikipedia.org/wiki/Fox' })).toBe(false);
    expect(matchesTrigger({ id: 'openURL', patterns: ['not a pattern'] }, { id: 'openURL', url: 'https://a.b/' })).toBe(false);
  });

  it('never matches a page that is not http(s)', () => {
    expect(matchesTrigger({ id: 'openURL', patterns: ['*://*/*'] }, { id: 'openURL', url: 'file:///etc/passwd' })).toBe(false);
  });
});
