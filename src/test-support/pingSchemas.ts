// Test-only: the JSON schemas pings are checked against, ours (in the project)
// and Mozilla's (outside it, see mozillaSchemas.ts), compiled once per file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUR_SCHEMAS_DIR = path.join(REPO_ROOT, 'src/common/schemas');

export interface SchemaFile {
  namespace: string;
  docType: string;
  docVersion: number;
  file: string;
}

/** Every `<namespace>/<docType>.<docVersion>.schema.json` under `dir`. */
export function listSchemaFiles(dir: string): SchemaFile[] {
  const files: SchemaFile[] = [];
  for (const namespace of readdirSync(dir, { withFileTypes: true })) {
    if (!namespace.isDirectory()) continue;
    for (const name of readdirSync(path.join(dir, namespace.name))) {
      const match = /^(.+)\.(\d+)\.schema\.json$/.exec(name);
      if (match?.[1] && match[2]) {
        files.push({ namespace: namespace.name, docType: match[1], docVersion: Number(match[2]), file: path.join(dir, namespace.name, name) });
      }
    }
  }
  return files;
}

export const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

const schemaFile = (dir: string, ns: string, docType: string, docVersion: number) =>
  path.join(dir, ns, `${docType}.${docVersion}.schema.json`);

// Strict, so a typo in one of our schemas fails to compile instead of being
// ignored; `required` inside oneOf/anyOf/if names properties defined above it.
const ourAjv = addFormats(new Ajv({ strict: true, strictRequired: false, allErrors: true }));
const mozillaAjv = new Ajv04({ strict: false, allErrors: true });
mozillaAjv.addKeyword('mozPipelineMetadata');
const compiled = new Map<string, ValidateFunction>();

function cachedCompile(ajv: Ajv | Ajv04, file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    validate = ajv.compile(readJson(file));
    compiled.set(file, validate);
  }
  return validate;
}

export function ourValidator(ns: string, docType: string, docVersion: number): ValidateFunction {
  return cachedCompile(ourAjv, schemaFile(OUR_SCHEMAS_DIR, ns, docType, docVersion));
}

/**
 * Mozilla's validator for the same docType from the schemas in `mozillaDir`,
 * or undefined for our own docTypes.
 */
export function mozillaValidator(mozillaDir: string, ns: string, docType: string, docVersion: number): ValidateFunction | undefined {
  const file = schemaFile(mozillaDir, ns, docType, docVersion);
  const known = listSchemaFiles(mozillaDir).some((f) => f.file === file);
  return known ? cachedCompile(mozillaAjv, file) : undefined;
}

/** Ajv's error text for a failed validation, for readable test failures. */
export function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}
