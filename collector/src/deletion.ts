/**
 * Deletion requests: `/submit/open-activity-stream/deletion-request/1/<docId>` with
 * `{"client_id"?, "impression_id"?, "context_id"?}` removes every raw document and
 * error row carrying one of those ids. The request itself is not stored as a
 * document; the deletions table keeps only SHA-256 hashes of the ids and counts.
 * Those hashes also keep out any document with a deleted id that arrives later
 * (a retry whose answer was lost, a request in flight): clients start over with
 * fresh ids after a deletion, so only such stragglers can carry one.
 */
import { createHash } from 'node:crypto';
import type { DeletionTarget, ExtractedFields, Write } from './store/types';

export const DELETION_NAMESPACE = 'open-activity-stream';
export const DELETION_DOC_TYPE = 'deletion-request';

const ID_COLUMNS = ['client_id', 'impression_id', 'context_id'] as const;
type IdColumn = (typeof ID_COLUMNS)[number];

export type DeletionIds = Partial<Record<IdColumn, string>>;

export function isDeletionRoute(route: { namespace: string; docType: string }): boolean {
  return route.namespace === DELETION_NAMESPACE && route.docType === DELETION_DOC_TYPE;
}

/** The ids named by a deletion-request payload; at least one is required. */
export function deletionIdsFrom(payload: Record<string, unknown>): { ok: true; ids: DeletionIds } | { ok: false; reason: string } {
  const ids: DeletionIds = {};
  for (const column of ID_COLUMNS) {
    const value = payload[column];
    if (typeof value === 'string' && normalizeId(value) !== '') ids[column] = value;
  }
  if (Object.keys(ids).length === 0) {
    return { ok: false, reason: 'deletion-request needs at least one of client_id, impression_id, context_id' };
  }
  return { ok: true, ids };
}

/** Bare lower-case id: `{ABC-...}` and `abc-...` name the same thing. */
function normalizeId(id: string): string {
  return id.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}

/** Every spelling a stored column may hold, so the lookup can use the column's index. */
function spellings(id: string): string[] {
  const bare = normalizeId(id);
  const upper = bare.toUpperCase();
  return [...new Set([id, bare, upper, `{${bare}}`, `{${upper}}`])];
}

const sha256 = (id: string): string => createHash('sha256').update(normalizeId(id)).digest('hex');

/** The write that deletes what `ids` name and records the request. */
export function deletionWrite(docId: string, ids: DeletionIds, submissionTimestamp: string): Extract<Write, { kind: 'deletion' }> {
  const targets: DeletionTarget[] = [];
  for (const column of ID_COLUMNS) {
    const id = ids[column];
    if (id === undefined) continue;
    targets.push({ column, spellings: spellings(id), normalized: normalizeId(id), sha256: sha256(id) });
  }
  const hash = (column: IdColumn) => targets.find((target) => target.column === column)?.sha256 ?? null;
  return {
    kind: 'deletion',
    docId,
    submissionTimestamp,
    targets,
    hashes: { client_id: hash('client_id'), impression_id: hash('impression_id'), context_id: hash('context_id') },
  };
}

/** Hashes of a document's ids, looked up in the deletions before it is stored. */
export function idHashes(ids: Pick<ExtractedFields, IdColumn>): string[] {
  return ID_COLUMNS.flatMap((column) => {
    const id = ids[column];
    return id === null || normalizeId(id) === '' ? [] : [sha256(id)];
  });
}

const UUID_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Hashes of every UUID-shaped token in text about to be stored (an error row's payload
 * excerpt or reasons, which may be undecodable): ids are UUIDs, so a deleted id in there
 * is found while the collector still compares hashes only.
 */
export function textIdHashes(texts: ReadonlyArray<string | null>): string[] {
  const hashes = new Set<string>();
  for (const text of texts) for (const token of text?.match(UUID_TOKEN) ?? []) hashes.add(sha256(token));
  return [...hashes];
}
