/**
 * Writes assessed documents (from /submit or /submit-batch) in one transaction and
 * turns each into its per-document result.
 */
import type { CollectorContext } from './context';
import { deletionWrite, idHashes, textIdHashes } from './deletion';
import { errorExcerpt, storageErrorStatus, type DocumentHeaders, type RemovedDocument, type Write } from './store/types';
import type { Assessment } from './submit';
import type { SummaryDocument } from './summary';

export type DocumentResult =
  | { status: 200; duplicate: boolean; deleted?: { documents: number; errors: number }; discarded?: 'deleted-id' }
  | { status: number; errors: string[] };

export interface RequestMetadata {
  submissionTimestamp: string;
  method: string;
  headers: DocumentHeaders;
}

export function requestMetadata(ctx: CollectorContext, method: string, headers: DocumentHeaders): RequestMetadata {
  return { submissionTimestamp: new Date(ctx.now()).toISOString(), method, headers };
}

/**
 * All writes of one request share a transaction: a failure rolls every one back, and
 * every document that would have been accepted gets 507 (storage full/unwritable)
 * or 500, so the client retries exactly those.
 */
export async function commitAssessments(
  ctx: CollectorContext,
  assessments: readonly Assessment[],
  meta: RequestMetadata,
): Promise<DocumentResult[]> {
  const results: DocumentResult[] = assessments.map((assessment) =>
    assessment.kind === 'reject' ? { status: assessment.status, errors: assessment.errors } : { status: 200, duplicate: false },
  );
  const writes: Write[] = [];
  // For each write, the index of the assessment it came from.
  const assessmentIndex: number[] = [];
  assessments.forEach((assessment, index) => {
    const write = writeFor(assessment, meta);
    if (!write) return;
    writes.push(write);
    assessmentIndex.push(index);
  });
  if (writes.length === 0) return results;
  try {
    const outcomes = await ctx.store.write(writes);
    const stored: SummaryDocument[] = [];
    const removed: SummaryDocument[] = [];
    outcomes.forEach((outcome, at) => {
      const index = assessmentIndex[at] as number;
      const assessment = assessments[index] as Assessment;
      if (outcome.kind === 'document') {
        if (outcome.outcome === 'discarded') results[index] = { status: 200, duplicate: false, discarded: 'deleted-id' };
        else results[index] = { status: 200, duplicate: outcome.outcome === 'duplicate' };
        if (outcome.outcome === 'stored' && assessment.kind === 'store') stored.push(summaryDocument(assessment, meta.submissionTimestamp));
      } else if (outcome.kind === 'deletion') {
        removed.push(...outcome.removed.map(removedSummaryDocument));
        results[index] = { status: 200, duplicate: outcome.duplicate, deleted: { documents: outcome.documents, errors: outcome.errors } };
      }
    });
    // Only once committed: a rolled-back write must not show in the summary.
    ctx.summary.record(stored, 1);
    ctx.summary.record(removed, -1);
  } catch (error) {
    const status = storageErrorStatus(error);
    const code = (error as { code?: string }).code ?? 'error';
    ctx.log(`storage write failed (${code}): ${(error as Error).message}`);
    assessments.forEach((assessment, index) => {
      if (assessment.kind !== 'reject') {
        results[index] = { status, errors: [status === 507 ? `storage unavailable (${code})` : 'internal error'] };
      }
    });
  }
  return results;
}

function writeFor(assessment: Assessment, meta: RequestMetadata): Write | null {
  switch (assessment.kind) {
    case 'reject': {
      const row = assessment.errorRow;
      if (!row) return null;
      return {
        kind: 'error',
        row: { ...row, submissionTimestamp: meta.submissionTimestamp, userAgent: meta.headers.user_agent },
        idHashes: [...new Set([...idHashes(row.ids), ...textIdHashes([errorExcerpt(row.payloadText), ...row.reasons])])],
      };
    }
    case 'store': {
      const { route } = assessment;
      return {
        kind: 'document',
        idHashes: idHashes(assessment.fields),
        row: {
          docId: route.docId,
          submissionTimestamp: meta.submissionTimestamp,
          namespace: route.namespace,
          docType: route.docType,
          docVersion: route.docVersion,
          uri: route.uri,
          method: meta.method,
          payloadText: assessment.payloadText,
          contentLength: assessment.contentLength,
          headers: meta.headers,
          fields: assessment.fields,
          measures: assessment.measures,
          messaging: assessment.messaging,
        },
      };
    }
    case 'delete':
      return deletionWrite(assessment.route.docId, assessment.ids, meta.submissionTimestamp);
  }
}

function removedSummaryDocument(row: RemovedDocument): SummaryDocument {
  return {
    day: row.day,
    namespace: row.namespace,
    docType: row.doc_type,
    event: row.event,
    source: row.source,
    actionPosition: row.action_position,
    sessionDuration: row.session_duration,
    firstPaint: row.first_paint_ms,
    messageId: row.message_id,
    eventContext: row.event_context,
  };
}

function summaryDocument(assessment: Extract<Assessment, { kind: 'store' }>, submissionTimestamp: string): SummaryDocument {
  return {
    day: submissionTimestamp.slice(0, 10),
    namespace: assessment.route.namespace,
    docType: assessment.route.docType,
    event: assessment.fields.event,
    source: assessment.fields.source,
    actionPosition: assessment.fields.action_position,
    ...assessment.measures,
    ...assessment.messaging,
  };
}
