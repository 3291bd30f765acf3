/**
 * Loads the project's telemetry JSON Schemas and compiles one validator per
 * `namespace/docType/docVersion`.
 *
 * Layout (mirrors mozilla-pipeline-schemas with the `<docType>/` folder dropped):
 *   <dir>/<namespace>/<docType>.<docVersion>.schema.json
 *
 * Node-only (uses fs): the collector and tests import it, the extension must not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The directory holding this module, which is where the project's schema files live. */
export const DEFAULT_SCHEMA_DIR = dirname(fileURLToPath(import.meta.url));

const SCHEMA_FILE = /^(?<docType>[a-z0-9][a-z0-9_-]*)\.(?<docVersion>[1-9][0-9]*)\.schema\.json$/;
const NAMESPACE_DIR = /^[a-z0-9][a-z0-9_-]*$/;
const DRAFT_04 = /json-schema\.org\/draft-04\/schema/;

export interface SchemaKey {
  namespace: string;
  docType: string;
  docVersion: number;
}

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

export interface SchemaRegistry {
  /** The directory the schemas were read from. */
  readonly dir: string;
  /** Every known key, as `namespace/docType/docVersion`. */
  readonly keys: ReadonlySet<string>;
  /** One compiled validator per key in `keys`. */
  readonly validators: ReadonlyMap<string, ValidateFunction>;
  hasNamespace(namespace: string): boolean;
  hasDocType(namespace: string, docType: string): boolean;
  /** Validates a decoded payload; undefined when there is no schema for that key. */
  validate(key: SchemaKey, payload: unknown): ValidationResult | undefined;
}

export function schemaKey({ namespace, docType, docVersion }: SchemaKey): string {
  return `${namespace}/${docType}/${docVersion}`;
}

/**
 * Reads every schema under `dir` (default: this module's directory) and compiles it.
 * Throws, naming the file, if a schema cannot be parsed or compiled: a collector that
 * silently skipped a broken schema would answer 404 to valid pings.
 */
export function loadSchemaRegistry(dir: string = DEFAULT_SCHEMA_DIR): SchemaRegistry {
  // The project writes draft-07; draft-04 is accepted too so the upstream Mozilla files can be used as-is.
  const draft07 = createAjv(new Ajv({ allErrors: true, strict: false }));
  const draft04 = createAjv(new AjvDraft04({ allErrors: true, strict: false }));

  const validators = new Map<string, ValidateFunction>();
  const docTypes = new Set<string>();
  const namespaces = new Set<string>();

  for (const namespace of listDirectory(dir)) {
    const namespaceDir = join(dir, namespace);
    if (!NAMESPACE_DIR.test(namespace) || !statSync(namespaceDir).isDirectory()) continue;
    for (const fileName of listDirectory(namespaceDir)) {
      const match = SCHEMA_FILE.exec(fileName);
      if (!match?.groups) continue;
      const docType = match.groups.docType as string;
      const docVersion = Number(match.groups.docVersion);
      const filePath = join(namespaceDir, fileName);
      let validator: ValidateFunction;
      try {
        const schema = JSON.parse(readFileSync(filePath, 'utf8')) as Record<string, unknown>;
        const ajv = typeof schema.$schema === 'string' && DRAFT_04.test(schema.$schema) ? draft04 : draft07;
        // Compile without registering the schema's $id so two files may share one.
        const { $id: _ignored, ...withoutId } = schema;
        validator = ajv.compile(withoutId);
      } catch (error) {
        throw new Error(`Cannot load telemetry schema ${filePath}: ${(error as Error).message}`);
      }
      validators.set(schemaKey({ namespace, docType, docVersion }), validator);
      docTypes.add(`${namespace}/${docType}`);
      namespaces.add(namespace);
    }
  }

  return {
    dir,
    keys: new Set(validators.keys()),
    validators,
    hasNamespace: (namespace) => namespaces.has(namespace),
    hasDocType: (namespace, docType) => docTypes.has(`${namespace}/${docType}`),
    validate(key, payload) {
      const validator = validators.get(schemaKey(key));
      if (!validator) return undefined;
      if (validator(payload)) return { valid: true };
      return { valid: false, errors: describeErrors(validator.errors ?? []) };
    },
  };
}

/** Human-readable reasons such as `/client_id must match pattern "^[0-9a-f-]+$"`. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const extra = error.keyword === 'enum' ? ` (${JSON.stringify(error.params.allowedValues)})` : '';
    return `${where} ${error.message ?? error.keyword}${extra}`;
  });
}

function createAjv<T extends AjvCore>(ajv: T): T {
  addFormats(ajv);
  // Annotation used by the upstream Mozilla schemas (BigQuery/retention settings); no effect on validation.
  ajv.addKeyword('mozPipelineMetadata');
  return ajv;
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
