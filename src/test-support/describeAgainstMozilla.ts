// Test-only: the gate every suite that needs Mozilla's pipeline schemas goes
// through, so a run without them behaves the same in every such suite.
import { describe, expect, it } from 'vitest';
import { findMozillaSchemas } from './mozillaSchemas';

/**
 * A describe block that needs Mozilla's schemas: run against them when found;
 * one failing test when they are required but missing; nothing otherwise.
 */
export function describeAgainstMozilla(name: string, body: (mozillaDir: string) => void, schemas = findMozillaSchemas()): void {
  if (schemas.found) {
    describe(name, () => body(schemas.dir));
  } else if (schemas.requiredBecause) {
    const missing = schemas.why;
    describe(name, () => {
      it(`needs Mozilla's schemas, required because ${schemas.requiredBecause}`, () => {
        expect.fail(`Mozilla's schemas are missing: ${missing}`);
      });
    });
  }
}
