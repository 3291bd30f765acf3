import { describe, expect, it } from 'vitest';
import { Targeting, toTargetingResult } from './targeting';

describe('Targeting', () => {
  it('evaluates JEXL against the attributes, true when there is no expression', async () => {
    const t = new Targeting({ locale: () => 'fr-FR', browserVersion: async () => 140, topFrecentSites: () => [{ host: 'a.org' }, { host: 'b.org' }] });
    const ctx = t.context();
    expect(await t.evaluate(undefined, ctx)).toEqual({ result: true });
    expect(await t.evaluate("locale == 'fr-FR' && browserVersion >= 100", ctx)).toEqual({ result: true });
    expect(await t.evaluate('browserVersion < 100', ctx)).toEqual({ result: false });
    expect(await t.evaluate("'a.org' in (topFrecentSites|mapToProperty('host'))", ctx)).toEqual({ result: true });
    expect(await t.evaluate("(topFrecentSites|mapToProperty('host')) intersect ['b.org', 'c.org']", ctx)).toEqual({ result: true });
    expect(await t.evaluate('topFrecentSites|length == 2', ctx)).toEqual({ result: true });
  });

  it('reads an attribute only when asked, once per check', async () => {
    let reads = 0;
    const t = new Targeting({ slow: () => ++reads, unused: () => { throw new Error('never read'); } });
    const ctx = t.context();
    await t.evaluate('slow > 0', ctx);
    await t.evaluate('slow == 1', ctx);
    expect(reads).toBe(1);
    await t.evaluate('slow == 2', t.context());
    expect(reads).toBe(2);
  });

  it('tells a malformed expression from one that fails', async () => {
    const t = new Targeting({ broken: () => { throw new Error('no data'); } });
    expect(await t.evaluate('locale ==', t.context())).toMatchObject({ result: 'error', kind: 'MALFORMED_EXPRESSION' });
    expect(await t.evaluate('broken == 1', t.context())).toMatchObject({ result: 'error', kind: 'OTHER_ERROR', reason: 'no data' });
    expect(await t.evaluate('1|noSuchTransform', t.context())).toMatchObject({ result: 'error', kind: 'OTHER_ERROR' });
  });

  it('gives up on an attribute that never answers', async () => {
    const t = new Targeting({ stuck: () => new Promise(() => {}), fine: () => 1 }, 10);
    expect(await t.evaluate('stuck == 1', t.context())).toMatchObject({ result: 'error', kind: 'OTHER_ERROR', reason: expect.stringMatching(/stuck took longer/) });
    expect(await t.evaluate('fine == 1', t.context())).toEqual({ result: true });
  });

  it('offers nothing but the attributes to an expression', async () => {
    const t = new Targeting({});
    // jexl's grammar refuses prototype names outright.
    expect(await t.evaluate('__proto__', t.context())).toMatchObject({ result: 'error', kind: 'MALFORMED_EXPRESSION' });
    expect(await t.evaluate('constructor', t.context())).toMatchObject({ result: 'error', kind: 'MALFORMED_EXPRESSION' });
    expect(await t.evaluate('noSuchAttribute', t.context())).toEqual({ result: false });
  });

  it('words results for the admin page', () => {
    expect(toTargetingResult({ result: 'error', kind: 'OTHER_ERROR', reason: 'x' })).toEqual({ result: 'error', reason: 'OTHER_ERROR: x' });
    expect(toTargetingResult({ result: true })).toEqual({ result: true });
  });
});
