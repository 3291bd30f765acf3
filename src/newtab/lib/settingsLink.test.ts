import { describe, expect, it } from 'vitest';
import { settingsOpener, settingsUrl } from './settingsLink';

const ID = '11111111-1111-4111-8111-111111111111';

describe('settings link', () => {
  it('names the opening page in the settings address, and reads it back', () => {
    const url = settingsUrl((path) => `moz-extension://abc/${path}`, ID);
    expect(url).toBe(`moz-extension://abc/options/options.html?opener=${ID}`);
    expect(settingsOpener(new URL(url).search)).toBe(ID);
  });

  it('has no opener when opened another way or with something that is not an instance id', () => {
    for (const search of ['', '?opener=', '?opener=https%3A%2F%2Fexample.org', '?other=1']) expect(settingsOpener(search)).toBeNull();
  });
});
