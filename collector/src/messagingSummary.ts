/**
 * The dashboard's messaging view: what each in-product message did on each surface
 * (impressions, clicks, dismissals, blocks, click-through), and the router's targeting
 * and provider errors per day. Both are sums of counts per day × doc type × message ×
 * event (× context, for undesired events), which raw documents and the retention
 * roll-ups (daily_messaging_counts) provide alike.
 */

import type { MessagingColumns, MessagingCountRow } from './store/types';

export const MESSAGING_NAMESPACE = 'messaging-system';
export const UNDESIRED_EVENTS_DOC_TYPE = 'undesired-events';
/** The experiment manager's events (our own docType): enrollments count per experiment and branch. */
export const EXPERIMENTS_NAMESPACE = 'open-activity-stream';
export const EXPERIMENTS_DOC_TYPE = 'messaging-experiments';
export const ENROLLMENT_METHODS = ['enroll', 'unenroll'] as const;

/** The undesired events the messaging router sends, and which chart series each belongs to. */
export const ERROR_KINDS: Record<string, MessagingErrorKind> = {
  TARGETING_EXPRESSION_ERROR: 'targeting',
  ASR_RS_ERROR: 'provider',
  ASR_RS_NO_MESSAGES: 'provider',
};

export type MessagingErrorKind = 'targeting' | 'provider';

/** One counted group: raw documents grouped by day, doc type, message, event and context, or one roll-up row. */
export type MessagingCount = MessagingCountRow;

export interface MessageFigures {
  /** The surface's doc type: snippets, infobar, spotlight, cfr, … */
  surface: string;
  message_id: string;
  impressions: number;
  clicks: number;
  dismissals: number;
  blocks: number;
  /** clicks ÷ impressions; null without impressions. */
  ctr: number | null;
  /** Every event as sent, for what the four columns do not name. */
  events: Record<string, number>;
}

export interface MessagingErrorDay {
  day: string;
  kind: MessagingErrorKind;
  event: string;
  context: string | null;
  count: number;
}

/** Enrollments and unenrollments of one experiment's branch. */
export interface BranchFigures {
  experiment: string;
  branch: string;
  enrollments: number;
  unenrollments: number;
}

export interface MessagingSummary {
  messages: MessageFigures[];
  errors_per_day: MessagingErrorDay[];
  /** Most enrollments first. */
  experiments: BranchFigures[];
}

/** The fields of a document the view needs (store/sql.ts MESSAGING_VIEW reads the same ones from columns). */
export interface MessagingFields {
  namespace: string;
  docType: string;
  event: string | null;
  messageId: string | null;
  eventContext: string | null;
}

/**
 * The message id and event context of a payload, kept in their own columns at
 * ingestion. An enrollment event keeps its experiment as the message and its
 * branch as the context (its method is its `event` column, extractFields).
 */
export function messagingFieldsOf(namespace: string, docType: string, payload: Record<string, unknown>): MessagingColumns {
  if (namespace === EXPERIMENTS_NAMESPACE && docType === EXPERIMENTS_DOC_TYPE) {
    const branch = (payload.extra_keys as { branch?: unknown } | null)?.branch;
    const enrollment = (ENROLLMENT_METHODS as readonly unknown[]).includes(payload.method) && typeof payload.value === 'string' && typeof branch === 'string';
    return enrollment ? { messageId: payload.value as string, eventContext: branch as string } : { messageId: null, eventContext: null };
  }
  if (namespace !== MESSAGING_NAMESPACE) return { messageId: null, eventContext: null };
  const { message_id: messageId, event_context: eventContext } = payload;
  return {
    messageId: typeof messageId === 'string' ? messageId : null,
    eventContext: docType === UNDESIRED_EVENTS_DOC_TYPE && typeof eventContext === 'string' ? eventContext : null,
  };
}

/**
 * Whether a document counts in the view: a user event on a message, or one of the
 * router's errors. Other undesired events (a telemetry queue overflow) do not.
 */
export function countsInMessagingView(doc: MessagingFields): boolean {
  if (doc.namespace === EXPERIMENTS_NAMESPACE && doc.docType === EXPERIMENTS_DOC_TYPE) {
    return doc.messageId !== null && (ENROLLMENT_METHODS as readonly (string | null)[]).includes(doc.event);
  }
  if (doc.namespace !== MESSAGING_NAMESPACE || doc.event === null) return false;
  if (doc.docType === UNDESIRED_EVENTS_DOC_TYPE) return doc.event in ERROR_KINDS;
  return doc.messageId !== null;
}

type Outcome = 'impressions' | 'clicks' | 'dismissals' | 'blocks';

/**
 * What an event means across surfaces: snippets CLICK_BUTTON (CLICK_BUTTION in the seed),
 * infobar CLICK_PRIMARY_BUTTON / CLICK_SECONDARY_BUTTON, spotlight CLICK, CFR CLICK_DOORHANGER
 * are clicks; infobar DISMISSED and the others' DISMISS are dismissals.
 */
function outcomeOf(event: string): Outcome | null {
  if (event === 'IMPRESSION') return 'impressions';
  if (event.startsWith('CLICK')) return 'clicks';
  if (event === 'DISMISS' || event === 'DISMISSED') return 'dismissals';
  if (event === 'BLOCK') return 'blocks';
  return null;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per message and surface figures (most impressions first) and errors per day (oldest first). */
export function summarizeMessaging(rows: Iterable<MessagingCount>): MessagingSummary {
  const messages = new Map<string, MessageFigures>();
  const errors = new Map<string, MessagingErrorDay>();
  const branches = new Map<string, BranchFigures>();
  for (const row of rows) {
    if (row.event === null) continue;
    if (row.doc_type === EXPERIMENTS_DOC_TYPE) {
      if (row.message_id === null || row.context === null) continue;
      const key = JSON.stringify([row.message_id, row.context]);
      let figures = branches.get(key);
      if (!figures) branches.set(key, (figures = { experiment: row.message_id, branch: row.context, enrollments: 0, unenrollments: 0 }));
      if (row.event === 'enroll') figures.enrollments += row.count;
      else if (row.event === 'unenroll') figures.unenrollments += row.count;
      continue;
    }
    if (row.doc_type === UNDESIRED_EVENTS_DOC_TYPE) {
      const kind = ERROR_KINDS[row.event];
      if (!kind) continue;
      const key = JSON.stringify([row.day, row.event, row.context]);
      const entry = errors.get(key);
      if (entry) entry.count += row.count;
      else errors.set(key, { day: row.day, kind, event: row.event, context: row.context, count: row.count });
      continue;
    }
    if (row.message_id === null) continue;
    const key = JSON.stringify([row.doc_type, row.message_id]);
    let figures = messages.get(key);
    if (!figures) {
      figures = { surface: row.doc_type, message_id: row.message_id, impressions: 0, clicks: 0, dismissals: 0, blocks: 0, ctr: null, events: {} };
      messages.set(key, figures);
    }
    figures.events[row.event] = (figures.events[row.event] ?? 0) + row.count;
    const outcome = outcomeOf(row.event);
    if (outcome) figures[outcome] += row.count;
  }
  for (const figures of messages.values()) figures.ctr = figures.impressions > 0 ? figures.clicks / figures.impressions : null;
  return {
    messages: [...messages.values()].sort(
      (a, b) => b.impressions - a.impressions || compare(a.surface, b.surface) || compare(a.message_id, b.message_id),
    ),
    errors_per_day: [...errors.values()].sort(
      (a, b) => compare(a.day, b.day) || compare(a.event, b.event) || compare(a.context ?? '', b.context ?? ''),
    ),
    experiments: [...branches.values()].sort(
      (a, b) => b.enrollments - a.enrollments || compare(a.experiment, b.experiment) || compare(a.branch, b.branch),
    ),
  };
}

/** The key one counted group is kept under in the summary cache. */
export const messagingCountKey = (docType: string, messageId: string | null, event: string | null, context: string | null): string =>
  JSON.stringify([docType, messageId, event, context]);

export function parseMessagingCountKey(day: string, key: string, count: number): MessagingCount {
  const [doc_type, message_id, event, context] = JSON.parse(key) as [string, string | null, string | null, string | null];
  return { day, doc_type, message_id, event, context, count };
}
