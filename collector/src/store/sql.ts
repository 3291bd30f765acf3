/** SQL both engines share: the summary's filters and the roll-up tables' WHERE clause. */
import type { AggregateFilter, Clause } from './types';

export const TOP_SITES_CLICK = `namespace = 'activity-stream' AND doc_type = 'events' AND event = 'CLICK'
  AND source = 'TOP_SITES' AND action_position IS NOT NULL`;
export const SESSIONS = `namespace = 'activity-stream' AND doc_type = 'sessions'`;

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
