import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_DIR, loadSchemaRegistry } from '../../src/common/schemas/registry';
import { eventPayload, removeSampleSchemas, writeSampleSchemas } from './support/sampleSchemas';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oas-registry-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  removeSampleSchemas();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const events = { namespace: 'activity-stream', docType: 'events', docVersion: 1 };

describe('schema registry', () => {
  it('loads <namespace>/<docType>.<version>.schema.json from a directory, one validator per key', () => {
    const registry = loadSchemaRegistry(writeSampleSchemas());
    expect([...registry.keys].sort()).toEqual([
      'activity-stream/events/1',
      'activity-stream/impression-stats/1',
      'activity-stream/impression-stats/2',
      'activity-stream/sessions/1',
      'contextual-services/topsites-click/1',
      'messaging-system/cfr/1',
      'messaging-system/infobar/1',
      'messaging-system/snippets/1',
      'messaging-system/spotlight/1',
      'messaging-system/undesired-events/1',
      'open-activity-stream/deletion-request/1',
    ]);
    expect(registry.validators.size).toBe(registry.keys.size);
    expect(registry.hasNamespace('messaging-system')).toBe(true);
    expect(registry.hasDocType('activity-stream', 'impression-stats')).toBe(true);
    expect(registry.hasDocType('activity-stream', 'cfr')).toBe(false);
    expect(registry.validate(events, eventPayload())).toEqual({ valid: true });
    expect(registry.validate({ ...events, docVersion: 2 }, {})).toBeUndefined();
  });

  it('reports every error (allErrors) with its path', () => {
    const registry = loadSchemaRegistry(writeSampleSchemas());
    const result = registry.validate(events, { ...eventPayload({ client_id: 'x', page: 'nowhere' }), event: undefined });
    expect(result).toEqual({
      valid: false,
      errors: [
        "(root) must have required property 'event'",
        expect.stringContaining('/client_id must match pattern'),
        expect.stringContaining('/page must be equal to one of the allowed values'),
      ],
    });
  });

  it('supports ajv-formats and draft-04 files (the upstream Mozilla layout)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ns'));
    writeFileSync(join(dir, 'ns', 'dated.1.schema.json'), JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { when: { type: 'string', format: 'date-time' } },
    }));
    writeFileSync(join(dir, 'ns', 'old.4.schema.json'), JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      mozPipelineMetadata: { bq_table: 'old_v4' },
      type: 'object',
      properties: { n: { type: 'integer', minimum: 0, exclusiveMinimum: true } },
    }));
    writeFileSync(join(dir, 'ns', 'README.md'), 'not a schema');
    const registry = loadSchemaRegistry(dir);
    expect([...registry.keys].sort()).toEqual(['ns/dated/1', 'ns/old/4']);
    expect(registry.validate({ namespace: 'ns', docType: 'dated', docVersion: 1 }, { when: 'yesterday' })).toMatchObject({ valid: false });
    expect(registry.validate({ namespace: 'ns', docType: 'dated', docVersion: 1 }, { when: '2024-01-01T00:00:00Z' })).toEqual({ valid: true });
    expect(registry.validate({ namespace: 'ns', docType: 'old', docVersion: 4 }, { n: 0 })).toMatchObject({ valid: false });
  });

  it('names the file when a schema is broken, and is empty for a missing directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ns'));
    writeFileSync(join(dir, 'ns', 'broken.1.schema.json'), '{ not json');
    expect(() => loadSchemaRegistry(dir)).toThrow(/broken\.1\.schema\.json/);
    expect(loadSchemaRegistry(join(dir, 'missing')).keys.size).toBe(0);
  });

  it('reads the project schemas next to the module by default', () => {
    const registry = loadSchemaRegistry();
    expect(registry.dir).toBe(DEFAULT_SCHEMA_DIR);
    const expected = [
      'activity-stream/events/1',
      'activity-stream/sessions/1',
      'activity-stream/impression-stats/1',
      'activity-stream/impression-stats/2',
      'activity-stream/spoc-fills/1',
      'messaging-system/cfr/1',
      'messaging-system/snippets/1',
      'messaging-system/onboarding/1',
      'messaging-system/whats-new-panel/1',
      'messaging-system/moments/1',
      'messaging-system/infobar/1',
      'messaging-system/spotlight/1',
      'messaging-system/undesired-events/1',
      'contextual-services/topsites-impression/1',
      'contextual-services/topsites-click/1',
      'open-activity-stream/deletion-request/1',
    ];
    for (const key of expected) expect(registry.keys.has(key), key).toBe(true);
  });
});
