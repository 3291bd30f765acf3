import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MOZILLA_SCHEMAS_DIR, findMozillaSchemas, notRunNotice } from './mozillaSchemas';
import { REPO_ROOT } from './pingSchemas';

const root = mkdtempSync(path.join(tmpdir(), 'oas-mozilla-schemas-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withSchemas = path.join(root, 'with');
mkdirSync(path.join(withSchemas, 'activity-stream'), { recursive: true });
writeFileSync(path.join(withSchemas, 'activity-stream', 'events.1.schema.json'), '{}');
const empty = path.join(root, 'empty');
mkdirSync(path.join(empty, 'activity-stream'), { recursive: true });
writeFileSync(path.join(empty, 'activity-stream', 'README.md'), 'no schemas here');
const nowhere = path.join(root, 'nowhere');

describe('finding Mozilla schemas', () => {
  it('looks in ../shared beside the project by default', () => {
    expect(DEFAULT_MOZILLA_SCHEMAS_DIR).toBe(path.resolve(REPO_ROOT, '..', 'shared', 'schemas', 'mozilla-pipeline'));
  });

  it('finds them in the default place, or where MOZILLA_SCHEMAS_DIR says', () => {
    expect(findMozillaSchemas({}, withSchemas)).toEqual({ found: true, dir: withSchemas });
    expect(findMozillaSchemas({ MOZILLA_SCHEMAS_DIR: withSchemas }, nowhere)).toEqual({ found: true, dir: withSchemas });
    expect(findMozillaSchemas({ MOZILLA_SCHEMAS_DIR: '', CI: 'true' }, withSchemas)).toEqual({ found: true, dir: withSchemas });
  });

  it('without them and without CI, they are optional and the reason is given', () => {
    expect(findMozillaSchemas({}, nowhere)).toEqual({ found: false, dir: nowhere, why: `${nowhere} does not exist`, requiredBecause: null });
    expect(findMozillaSchemas({ CI: 'false' }, empty)).toEqual({
      found: false,
      dir: empty,
      why: `${empty} holds no <namespace>/<docType>.<version>.schema.json files`,
      requiredBecause: null,
    });
    expect(findMozillaSchemas({ CI: '0' }, nowhere)).toMatchObject({ found: false, requiredBecause: null });
  });

  it('are required when CI is set or MOZILLA_SCHEMAS_DIR names a place', () => {
    expect(findMozillaSchemas({ CI: 'true' }, nowhere)).toMatchObject({ found: false, requiredBecause: 'CI is set' });
    expect(findMozillaSchemas({ CI: '1' }, empty)).toMatchObject({ found: false, requiredBecause: 'CI is set' });
    expect(findMozillaSchemas({ MOZILLA_SCHEMAS_DIR: empty }, withSchemas)).toMatchObject({
      found: false,
      dir: empty,
      requiredBecause: 'MOZILLA_SCHEMAS_DIR is set',
    });
  });

  it('says in one line that the suites were not run, and why', () => {
    const schemas = findMozillaSchemas({}, nowhere);
    if (schemas.found) throw new Error('expected no schemas');
    const notice = notRunNotice(schemas);
    expect(notice).not.toContain('\n');
    expect(notice).toMatch(/^Mozilla schema conformance suites not run: .*nowhere does not exist/);
    expect(notice).toContain('MOZILLA_SCHEMAS_DIR');
  });
});
