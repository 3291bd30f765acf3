/**
 * The single-document route `POST|PUT /submit/<namespace>/<docType>/<docVersion>/<docId>`
 * and the per-document checks it shares with /submit-batch.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SchemaRegistry } from '../../src/common/schemas/registry';
import type { CollectorContext, Limits } from './context';
import { deletionIdsFrom, isDeletionRoute, type DeletionIds } from './deletion';
import { applyRequestFaults } from './faultRoute';
import { commitAssessments, requestMetadata, type DocumentResult } from './ingest';
import { decodeContent, HttpError, parseJsonObject, readBody, requireContentLength, sendJson } from './http';
import { messagingFieldsOf } from './messagingSummary';
import { firstPaintMs } from './retention';
import type { DocumentHeaders, ErrorRow, ExtractedFields, MessagingColumns, SessionMeasures } from './store/types';

export interface SubmitRoute {
  namespace: string;
  docType: string;
  docVersion: number;
  /** Lower-cased UUID; the dedupe key. */
  docId: string;
  uri: string;
}

/** What was decided about one document before anything is written. */
export type Assessment =
  | {
      kind: 'store';
      route: SubmitRoute;
      payloadText: string;
      contentLength: number;
      fields: ExtractedFields;
      measures: SessionMeasures;
      messaging: MessagingColumns;
    }
  | { kind: 'delete'; route: SubmitRoute; ids: DeletionIds }
  | { kind: 'reject'; status: number; errors: string[]; errorRow?: Omit<ErrorRow, 'submissionTimestamp' | 'userAgent'> };

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const VERSION = /^[1-9][0-9]{0,5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a /submit path (no query string); every shape problem is a 400. */
export function parseSubmitPath(path: string): { ok: true; route: SubmitRoute } | { ok: false; reason: string } {
  const parts = path.split('/');
  // ['', 'submit', namespace, docType, docVersion, docId]
  if (parts.length !== 6 || parts[0] !== '' || parts[1] !== 'submit') {
    return { ok: false, reason: 'expected /submit/<namespace>/<docType>/<docVersion>/<docId>' };
  }
  const [, , namespace = '', docType = '', docVersion = '', docId = ''] = parts;
  if (!NAME.test(namespace)) return { ok: false, reason: `invalid namespace ${JSON.stringify(namespace)}` };
  if (!NAME.test(docType)) return { ok: false, reason: `invalid docType ${JSON.stringify(docType)}` };
  if (!VERSION.test(docVersion)) return { ok: false, reason: `invalid docVersion ${JSON.stringify(docVersion)}` };
  if (!UUID.test(docId)) return { ok: false, reason: `docId must be a UUID, got ${JSON.stringify(docId)}` };
  const route = { namespace, docType, docVersion: Number(docVersion), docId: docId.toLowerCase(), uri: '' };
  route.uri = `/submit/${namespace}/${docType}/${route.docVersion}/${route.docId}`;
  return { ok: true, route };
}

/** 404 reasons when no schema matches the route, otherwise null. */
export function unknownRouteReason(registry: SchemaRegistry, route: SubmitRoute): string | null {
  if (!registry.hasNamespace(route.namespace)) return `unknown namespace ${JSON.stringify(route.namespace)}`;
  if (!registry.hasDocType(route.namespace, route.docType)) {
    return `unknown docType ${JSON.stringify(route.docType)} in namespace ${JSON.stringify(route.namespace)}`;
  }
  if (!registry.keys.has(`${route.namespace}/${route.docType}/${route.docVersion}`)) {
    return `no schema for ${route.namespace}/${route.docType} version ${route.docVersion}`;
  }
  return null;
}

/** Validates a decoded payload against its schema and decides what to do with it. */
export function assessPayload(
  registry: SchemaRegistry,
  route: SubmitRoute,
  payload: Record<string, unknown>,
  payloadText: string,
  contentLength: number,
): Assessment {
  const fields = extractFields(payload);
  const validation = registry.validate(route, payload);
  if (!validation) return { kind: 'reject', status: 404, errors: [unknownRouteReason(registry, route) ?? 'no schema'] };
  if (!validation.valid) {
    return {
      kind: 'reject',
      status: 400,
      errors: validation.errors,
      errorRow: errorRowFor(route, 'schema', validation.errors, payloadText, fields),
    };
  }
  if (isDeletionRoute(route)) {
    const ids = deletionIdsFrom(payload);
    if (!ids.ok) {
      return { kind: 'reject', status: 400, errors: [ids.reason], errorRow: errorRowFor(route, 'schema', [ids.reason], payloadText, fields) };
    }
    return { kind: 'delete', route, ids: ids.ids };
  }
  return {
    kind: 'store',
    route,
    payloadText,
    contentLength,
    fields,
    measures: sessionMeasures(payload),
    messaging: messagingFieldsOf(route.namespace, route.docType, payload),
  };
}

/** A payload that could not be decoded (bad gzip, bad JSON) on a known route. */
export function decodeRejection(route: SubmitRoute, status: 400 | 413, reason: string, payloadText: string | null): Assessment {
  if (status === 413) return { kind: 'reject', status, errors: [reason] };
  return { kind: 'reject', status, errors: [reason], errorRow: errorRowFor(route, 'decode', [reason], payloadText, emptyFields()) };
}

function errorRowFor(
  route: SubmitRoute,
  errorType: ErrorRow['errorType'],
  reasons: string[],
  payloadText: string | null,
  fields: ExtractedFields,
): Omit<ErrorRow, 'submissionTimestamp' | 'userAgent'> {
  return {
    namespace: route.namespace,
    docType: route.docType,
    docVersion: route.docVersion,
    docId: route.docId,
    uri: route.uri,
    errorType,
    reasons,
    payloadText,
    ids: { client_id: fields.client_id, impression_id: fields.impression_id, context_id: fields.context_id },
  };
}

function sessionMeasures(payload: Record<string, unknown>): SessionMeasures {
  const perf = payload.perf as Record<string, unknown> | undefined;
  const duration = payload.session_duration;
  return {
    sessionDuration: typeof duration === 'number' ? duration : null,
    firstPaint: typeof perf === 'object' && perf !== null ? firstPaintMs(perf.topsites_first_painted_ts, perf.visibility_event_rcvd_ts) : null,
  };
}

const stringField = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function extractFields(payload: Record<string, unknown>): ExtractedFields {
  const position = payload.action_position;
  return {
    client_id: stringField(payload.client_id),
    impression_id: stringField(payload.impression_id),
    context_id: stringField(payload.context_id),
    session_id: stringField(payload.session_id),
    // Our experiment events (open-activity-stream/messaging-experiments) name theirs `method`, as Firefox's Events telemetry.
    event: stringField(payload.event ?? payload.method),
    source: stringField(payload.source),
    page: stringField(payload.page),
    action_position: typeof position === 'number' && Number.isInteger(position) ? position : null,
  };
}

function emptyFields(): ExtractedFields {
  return {
    client_id: null, impression_id: null, context_id: null, session_id: null,
    event: null, source: null, page: null, action_position: null,
  };
}

const METADATA_HEADERS: ReadonlyArray<[keyof DocumentHeaders, string]> = [
  ['user_agent', 'user-agent'],
  ['x_debug_id', 'x-debug-id'],
  ['x_telemetry_agent', 'x-telemetry-agent'],
  ['x_source_tags', 'x-source-tags'],
  ['date', 'date'],
  ['dnt', 'dnt'],
  ['origin', 'origin'],
];

/** The stored metadata headers; 431 if one is longer than the limit. */
export function metadataHeaders(req: IncomingMessage, limits: Limits): DocumentHeaders {
  const headers = {} as DocumentHeaders;
  for (const [column, name] of METADATA_HEADERS) {
    const raw = req.headers[name];
    const value = Array.isArray(raw) ? raw.join(', ') : (raw ?? null);
    if (value !== null && Buffer.byteLength(value) > limits.maxHeaderValueBytes) {
      throw new HttpError(431, [`header ${name} is longer than ${limits.maxHeaderValueBytes} bytes`]);
    }
    headers[column] = value;
  }
  return headers;
}

export async function handleSubmit(
  ctx: CollectorContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: SubmitRoute,
): Promise<void> {
  const { limits } = ctx;
  const headers = metadataHeaders(req, limits);
  const contentLength = requireContentLength(req, limits.maxDocumentBytes);
  const body = await readBody(req, limits.maxDocumentBytes);

  const fault = await applyRequestFaults(ctx, req, res);
  if (fault === 'answered') return;

  const decoded = await decodeContent(body, req.headers['content-encoding'], limits.maxDocumentBytes);
  let assessment: Assessment;
  if (!decoded.ok) {
    assessment = decodeRejection(route, decoded.status, decoded.reason, null);
  } else {
    const json = parseJsonObject(decoded.bytes, limits.maxJsonDepth);
    assessment = json.ok
      ? assessPayload(ctx.registry, route, json.value, json.text, contentLength)
      : decodeRejection(route, 400, json.reason, decoded.bytes.toString('utf8'));
  }

  const meta = requestMetadata(ctx, req.method ?? 'POST', headers);
  const [result] = (await commitAssessments(ctx, [assessment], meta)) as [DocumentResult];
  if (fault === 'drop-after-store') {
    req.socket.destroy();
    return;
  }
  sendJson(res, result.status, result);
}
