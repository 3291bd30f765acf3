/** SQL both engines share: the summary's filters and the roll-up tables' WHERE clause. */
import { ENROLLMENT_METHODS, ERROR_KINDS, EXPERIMENTS_DOC_TYPE, EXPERIMENTS_NAMESPACE, MESSAGING_NAMESPACE, UNDESIRED_EVENTS_DOC_TYPE } from '../messagingSummary';
import type { AggregateFilter, Clause } from './types';

export const TOP_SITES_CLICK = `namespace = 'activity-stream' AND doc_type = 'events' AND event = 'CLICK'
  AND source = 'TOP_SITES' AND action_position IS NOT NULL`;
export const SESSIONS = `namespace = 'activity-stream' AND doc_type = 'sessions'`;

/** The documents the messaging view counts: countsInMessagingView() over the message_id and event columns. */
export const MESSAGING_VIEW = `((namespace = '${MESSAGING_NAMESPACE}' AND event IS NOT NULL AND CASE
  WHEN doc_type = '${UNDESIRED_EVENTS_DOC_TYPE}' THEN event IN (${Object.keys(ERROR_KINDS).map((event) => `'${event}'`).join(', ')})
  ELSE message_id IS NOT NULL END)
  OR (namespace = '${EXPERIMENTS_NAMESPACE}' AND doc_type = '${EXPERIMENTS_DOC_TYPE}' AND message_id IS NOT NULL
    AND event IN (${ENROLLMENT_METHODS.map((m) => `'${m}'`).join(', ')})))`;

/** The messaging view's groups (MessagingCountRow) of the documents matching MESSAGING_VIEW and `also`. */
export const messagingGroupsSql = (also = 'TRUE') =>
  `SELECT substr(submission_timestamp, 1, 10) AS day, doc_type, message_id, event, event_context AS context, count(*) AS count
     FROM documents WHERE ${MESSAGING_VIEW} AND ${also} GROUP BY 1, doc_type, message_id, event, event_context`;

/** The roll-up tables' filter as a WHERE clause (days inclusive). */
export function aggregateClause(filter: AggregateFilter): Clause {
  const clause: Clause = { where: '1 = 1', params: [] };
  const add = (sql: string, value: string | null) => {
    if (value === null) return;
    clause.where += ` AND ${sql}`;
    clause.params.push(value);
  };
  add('day >= ?', filter.since);
  add('day <= ?', filter.until);
  add('namespace = ?', filter.namespace);
  add('doc_type = ?', filter.docType);
  return clause;
}
