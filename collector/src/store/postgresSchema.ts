/**
 * PostgreSQL schema as versioned migrations, applied in order at start by whichever
 * replica gets the migration lock first (the others wait, then find them applied).
 * A migration is never edited once released: a change is a new one at the end.
 *
 * Every unique key includes doc_id (documents, errors) or is a small table keyed by
 * something else a distributed setup would replicate to every node (deletions,
 * counters, roll-ups), so documents can be distributed by doc_id with Citus later.
 * Text compares byte-wise (COLLATE "C"), as in SQLite, so both engines order alike.
 */
const TEXT = 'text COLLATE "C"';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, errors, deletions, split counters, roll-ups',
    sql: `
CREATE TABLE documents (
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  doc_id               ${TEXT} PRIMARY KEY,
  submission_timestamp ${TEXT} NOT NULL,
  namespace            ${TEXT} NOT NULL,
  doc_type             ${TEXT} NOT NULL,
  doc_version          integer NOT NULL,
  uri                  ${TEXT} NOT NULL,
  method               ${TEXT} NOT NULL,
  payload              ${TEXT} NOT NULL,
  content_length       integer,
  user_agent           ${TEXT},
  x_debug_id           ${TEXT},
  x_telemetry_agent    ${TEXT},
  x_source_tags        ${TEXT},
  date                 ${TEXT},
  dnt                  ${TEXT},
  origin               ${TEXT},
  client_id            ${TEXT},
  impression_id        ${TEXT},
  context_id           ${TEXT},
  session_id           ${TEXT},
  event                ${TEXT},
  source               ${TEXT},
  page                 ${TEXT},
  action_position      integer,
  session_duration     double precision,
  first_paint_ms       double precision
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_submission_timestamp ON documents(submission_timestamp);
CREATE INDEX documents_type ON documents(namespace, doc_type, doc_version);
CREATE INDEX documents_client_id ON documents(client_id);
CREATE INDEX documents_impression_id ON documents(impression_id);
CREATE INDEX documents_context_id ON documents(context_id);
CREATE INDEX documents_session_id ON documents(session_id);
CREATE INDEX documents_event ON documents(event);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_page ON documents(page);

CREATE TABLE errors (
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  submission_timestamp ${TEXT} NOT NULL,
  namespace            ${TEXT} NOT NULL,
  doc_type             ${TEXT} NOT NULL,
  doc_version          integer NOT NULL,
  doc_id               ${TEXT} NOT NULL,
  uri                  ${TEXT} NOT NULL,
  error_type           ${TEXT} NOT NULL,
  reasons              ${TEXT} NOT NULL,
  payload              ${TEXT},
  user_agent           ${TEXT},
  client_id            ${TEXT},
  impression_id        ${TEXT},
  context_id           ${TEXT},
  PRIMARY KEY (doc_id, id)
);
CREATE INDEX errors_id ON errors(id);
CREATE INDEX errors_submission_timestamp ON errors(submission_timestamp);
CREATE INDEX errors_client_id ON errors(client_id);
CREATE INDEX errors_impression_id ON errors(impression_id);
CREATE INDEX errors_context_id ON errors(context_id);

-- Split counters: a transaction adds to one of several rows per name, so replicas
-- counting duplicates at the same time do not queue on one row. Read as a sum.
CREATE TABLE counters (
  name  ${TEXT} NOT NULL,
  shard integer NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (name, shard)
);

-- One row per deletion-request docId. Ids are kept only as SHA-256 hashes.
CREATE TABLE deletions (
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  doc_id               ${TEXT} PRIMARY KEY,
  submission_timestamp ${TEXT} NOT NULL,
  client_id_sha256     ${TEXT},
  impression_id_sha256 ${TEXT},
  context_id_sha256    ${TEXT},
  documents_deleted    integer NOT NULL,
  errors_deleted       integer NOT NULL,
  requests             integer NOT NULL DEFAULT 1
);
CREATE INDEX deletions_id ON deletions(id);

-- Every id a deletion request named (hash), checked by each ingest in its own transaction.
CREATE TABLE deleted_ids (
  id_sha256 ${TEXT} PRIMARY KEY
);

CREATE TABLE daily_counts (
  day             ${TEXT} NOT NULL,
  namespace       ${TEXT} NOT NULL,
  doc_type        ${TEXT} NOT NULL,
  event           ${TEXT},
  source          ${TEXT},
  action_position integer,
  page            ${TEXT},
  count           bigint NOT NULL
);
CREATE INDEX daily_counts_day ON daily_counts(day);

CREATE TABLE daily_distributions (
  day       ${TEXT} NOT NULL,
  namespace ${TEXT} NOT NULL,
  doc_type  ${TEXT} NOT NULL,
  metric    ${TEXT} NOT NULL,
  n         bigint NOT NULL,
  p50       double precision,
  p90       double precision,
  p99       double precision,
  PRIMARY KEY (day, namespace, doc_type, metric)
);

CREATE TABLE daily_error_counts (
  day       ${TEXT} NOT NULL,
  namespace ${TEXT} NOT NULL,
  doc_type  ${TEXT} NOT NULL,
  count     bigint NOT NULL,
  PRIMARY KEY (day, namespace, doc_type)
);
`,
  },
  {
    version: 2,
    description: 'messaging view: message_id and event_context columns, daily_messaging_counts roll-up',
    // Stored documents passed their schema, so a messaging-system payload is JSON; its fields are read as messagingFieldsOf reads them.
    sql: `
ALTER TABLE documents ADD COLUMN message_id ${TEXT};
ALTER TABLE documents ADD COLUMN event_context ${TEXT};
UPDATE documents SET
  message_id = CASE WHEN jsonb_typeof(payload::jsonb -> 'message_id') = 'string' THEN payload::jsonb ->> 'message_id' END,
  event_context = CASE WHEN doc_type = 'undesired-events' AND jsonb_typeof(payload::jsonb -> 'event_context') = 'string'
                       THEN payload::jsonb ->> 'event_context' END
 WHERE namespace = 'messaging-system';

-- The messaging view's counts (messagingSummary.ts): message ids and router error reasons, no client ids.
CREATE TABLE daily_messaging_counts (
  day        ${TEXT} NOT NULL,
  doc_type   ${TEXT} NOT NULL,
  message_id ${TEXT},
  event      ${TEXT},
  context    ${TEXT},
  count      bigint NOT NULL
);
CREATE INDEX daily_messaging_counts_day ON daily_messaging_counts(day);
`,
  },
];
