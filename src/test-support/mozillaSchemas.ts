// Test-only: where the conformance suites find Mozilla's pipeline schemas, and
// what a run without them does. Mozilla's files are MPL-2.0 and are never
// copied into the project, so a fresh clone has none: there the suites are not
// run and the run says so once (vitest's global setup, mozillaSchemasNotice.ts);
// when CI is set, or MOZILLA_SCHEMAS_DIR names a place, they are required and
// their absence fails a test.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listSchemaFiles, REPO_ROOT } from './pingSchemas';

export const DEFAULT_MOZILLA_SCHEMAS_DIR = path.resolve(REPO_ROOT, '../shared/schemas/mozilla-pipeline');

export type MozillaSchemas =
  | { found: true; dir: string }
  | { found: false; dir: string; why: string; requiredBecause: string | null };

type Env = Record<string, string | undefined>;

/** CI services set CI=true (or 1); an explicit "false" or "0" means a local run. */
const ciIsSet = (env: Env) => Boolean(env.CI) && !['false', '0'].includes(env.CI!.toLowerCase());

export function findMozillaSchemas(env: Env = process.env, defaultDir = DEFAULT_MOZILLA_SCHEMAS_DIR): MozillaSchemas {
  const configured = env.MOZILLA_SCHEMAS_DIR || null;
  const dir = path.resolve(configured ?? defaultDir);
  let why: string | null = null;
  if (!existsSync(dir)) why = `${dir} does not exist`;
  else if (listSchemaFiles(dir).length === 0) why = `${dir} holds no <namespace>/<docType>.<version>.schema.json files`;
  if (why === null) return { found: true, dir };
  const requiredBecause = ciIsSet(env) ? 'CI is set' : configured ? 'MOZILLA_SCHEMAS_DIR is set' : null;
  return { found: false, dir, why, requiredBecause };
}

/** The one line a run without the (optional) schemas prints. */
export function notRunNotice(schemas: Extract<MozillaSchemas, { found: false }>): string {
  return `Mozilla schema conformance suites not run: ${schemas.why} ` +
    '(put the shared folder beside the project or set MOZILLA_SCHEMAS_DIR; with CI set they are required).';
}
