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
import type { ExtractedFields, RemovedDocument, TelemetryStore } from './storage';
import { DUPLICATES_COUNTER } from './storage';

export const DELETION_NAMESPACE = 'open-activity-stream';
export const DELETION_DOC_TYPE = 'deletion-request';

const ID_COLUMNS = ['client_id', 'impression_id', 'context_id'] as const;
type IdColumn = (typeof ID_COLUMNS)[number];

export type DeletionIds = Partial<Record<IdColumn, string>>;

export interface DeletionOutcome {
  duplicate: boolean;
  documents: number;
  errors: number;
  /** The deleted documents, for the summary to take away. */
  removed: RemovedDocument[];
}

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

/** Deletes matching rows and records the request. Call inside a store transaction. */
export function applyDeletion(store: TelemetryStore, docId: string, ids: DeletionIds, submissionTimestamp: string): DeletionOutcome {
  const removed: RemovedDocument[] = [];
  let errors = 0;
  for (const column of ID_COLUMNS) {
    const id = ids[column];
    if (id === undefined) continue;
    const values = spellings(id);
    removed.push(...store.deleteDocumentsWithId(column, values));
    errors += store.deleteErrorsWithId(column, values);
    // Undecodable bodies have no id columns: their excerpt and reasons may still hold the id.
    errors += store.deleteErrorsMentioning(normalizeId(id));
  }
  const documents = removed.length;

  // A retried request (same docId) deletes again (documents may have arrived in between) but counts as a duplicate.
  const existing = store.db.prepare('SELECT id FROM deletions WHERE doc_id = ?').get(docId) as { id: number } | undefined;
  if (existing) {
    store.db
      .prepare(
        'UPDATE deletions SET requests = requests + 1, documents_deleted = documents_deleted + ?, errors_deleted = errors_deleted + ? WHERE id = ?',
      )
      .run(documents, errors, existing.id);
    store.bumpCounter(DUPLICATES_COUNTER, 1);
  } else {
    store.db
      .prepare(
        `INSERT INTO deletions (doc_id, submission_timestamp, client_id_sha256, impression_id_sha256, context_id_sha256,
           documents_deleted, errors_deleted) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        docId,
        submissionTimestamp,
        ids.client_id === undefined ? null : sha256(ids.client_id),
        ids.impression_id === undefined ? null : sha256(ids.impression_id),
        ids.context_id === undefined ? null : sha256(ids.context_id),
        documents,
        errors,
      );
  }
  return { duplicate: existing !== undefined, documents, errors, removed };
}

export const DISCARDED_AFTER_DELETION_COUNTER = 'discarded_after_deletion';

/** Whether a deletion request already named one of the document's ids (asked for every stored document). */
export function namedByDeletion(store: TelemetryStore, ids: Pick<ExtractedFields, IdColumn>): boolean {
  const hashes = ID_COLUMNS.flatMap((column) => {
    const id = ids[column];
    return id === null || normalizeId(id) === '' ? [] : [sha256(id)];
  });
  return hashes.length > 0 && store.anyDeletedIdHash(hashes);
}

const UUID_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Whether text about to be stored (an error row's payload excerpt or reasons, which may be
 * undecodable) holds an id a deletion request named. Ids are UUIDs, so every UUID-shaped
 * token is hashed and looked up: the collector still compares hashes only.
 */
export function textNamesDeletedId(store: TelemetryStore, texts: ReadonlyArray<string | null>): boolean {
  const hashes = new Set<string>();
  for (const text of texts) for (const token of text?.match(UUID_TOKEN) ?? []) hashes.add(sha256(token));
  return hashes.size > 0 && store.anyDeletedIdHash([...hashes]);
}
