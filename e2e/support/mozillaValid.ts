// Pings read back at the collector, checked against the schemas Mozilla's
// ingestion uses (../shared/schemas/mozilla-pipeline): required in e2e.
import { expect } from '@playwright/test';
import { findMozillaSchemas } from '../../src/test-support/mozillaSchemas';
import { errorsOf, mozillaValidator } from '../../src/test-support/pingSchemas';
import type { DocumentView } from './collector';

export function expectMozillaValid(docs: DocumentView[]): void {
  const schemas = findMozillaSchemas();
  expect(schemas.found, 'Mozilla schemas (shared/schemas/mozilla-pipeline)').toBe(true);
  if (!schemas.found) return;
  for (const doc of docs) {
    const validate = mozillaValidator(schemas.dir, doc.namespace, doc.doc_type, doc.doc_version);
    expect(validate, `a Mozilla schema for ${doc.namespace}/${doc.doc_type}/${doc.doc_version}`).toBeDefined();
    expect(validate!(doc.payload), `${doc.doc_type} ${String(doc.payload.event)}: ${validate ? errorsOf(validate) : ''}`).toBe(true);
  }
}
