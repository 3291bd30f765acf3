import { describe, expect, it } from 'vitest';
import { addressBarTarget } from './search';

describe('addressBarTarget', () => {
  it.each([
    ['https://example.org/a?b=c', 'https://example.org/a?b=c'],
    ['  http://example.org  ', 'http://example.org/'],
    ['example.org', 'https://example.org/'],
    ['news.example.co.uk/path?q=1', 'https://news.example.co.uk/path?q=1'],
    ['example.org:8080/x', 'https://example.org:8080/x'],
  ])('opens %s as an address', (text, url) => {
    expect(addressBarTarget(text)).toEqual({ kind: 'url', url });
  });

  it.each(['privacy tools', 'what is example.org', 'javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'v1.2', 'hello'])(
    'searches for %s',
    (text) => {
      expect(addressBarTarget(text)).toEqual({ kind: 'search', text: text.trim() });
    },
  );
});
