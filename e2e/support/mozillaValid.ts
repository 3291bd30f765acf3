// Pings read back at the collector, checked against the schemas Mozilla's
// ingestion uses (../shared/schemas/mozilla-pipeline). Like the unit
// conformance suites: a fresh clone without them says once that the check was
// not run; with CI or MOZILLA_SCHEMAS_DIR set they are required.
import { expect } from '@playwright/test';
import { findMozillaSchemas, notRunNotice } from '../../src/test-support/mozillaSchemas';
import { errorsOf, mozillaValidator } from '../../src/test-support/pingSchemas';
import type { DocumentView } from './collector';

let noticeShown = false;

export function expectMozillaValid(docs: DocumentView[]): void {
  const schemas = findMozillaSchemas();
  if (!schemas.found) {
    expect(schemas.requiredBecause, `Mozilla schemas: ${schemas.why}`).toBeNull();
    if (!noticeShown) console.log(notRunNotice(schemas));
    noticeShown = true;
    return;
  }
  for (const doc of docs) {
    const validate = mozillaValidator(schemas.dir, doc.namespace, doc.doc_type, doc.doc_version);
    expect(validate, `a Mozilla schema for ${doc.namespace}/${doc.doc_type}/${doc.doc_version}`).toBeDefined();
    expect(validate!(doc.payload), `${doc.doc_type} ${String(doc.payload.event)}: ${validate ? errorsOf(validate) : ''}`).toBe(true);
  }
}
