/**
 * Sample draft-07 schemas and payloads for the collector's own tests.
 *
 * They are shaped like the Mozilla pipeline schemas (same required fields and id
 * formats), but they are fixtures: the project's real schemas live in
 * src/common/schemas/ and are owned elsewhere, so tests never depend on them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';

const UUID = '^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$';
const BRACED_UUID = '^\\{[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\\}$';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const PAGES = ['about:newtab', 'about:home', 'about:welcome', 'unknown', 'n/a'];

const common = {
  addon_version: { type: 'string' },
  version: { type: 'string' },
  locale: { type: 'string' },
  release_channel: { type: 'string' },
  experiments: { type: 'object', additionalProperties: { type: 'object', properties: { branch: { type: 'string' } } } },
};

function impressionStats(tileId: 'integer' | 'string') {
  return {
    $schema: DRAFT_07,
    type: 'object',
    required: ['impression_id', 'addon_version', 'locale', 'page', 'user_prefs', 'tiles'],
    properties: {
      ...common,
      impression_id: { type: 'string', pattern: BRACED_UUID },
      page: { type: 'string', enum: PAGES },
      source: { type: 'string' },
      user_prefs: { type: 'integer' },
      tiles: {
        type: 'array',
        items: { type: 'object', required: ['id'], properties: { id: { type: tileId }, pos: { type: 'integer' } } },
      },
    },
  };
}

/** A surface's messaging-system user event (snippets, infobar, spotlight): the client and the message. */
function messageEvent() {
  return {
    $schema: DRAFT_07,
    type: 'object',
    required: ['client_id', 'event', 'message_id', 'addon_version', 'version', 'locale'],
    properties: {
      ...common,
      client_id: { type: 'string', pattern: UUID },
      browser_session_id: { type: 'string' },
      event: { type: 'string' },
      message_id: { type: 'string' },
      source: { type: 'string' },
    },
  };
}

/** Relative file path → schema object. */
export const SAMPLE_SCHEMAS: Record<string, object> = {
  'activity-stream/events.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    required: ['client_id', 'event', 'addon_version', 'version', 'locale'],
    properties: {
      ...common,
      client_id: { type: 'string', pattern: UUID },
      session_id: { type: 'string', pattern: `${BRACED_UUID}|^n/a$` },
      event: { type: 'string' },
      source: { type: 'string' },
      action_position: { type: 'integer' },
      page: { type: 'string', enum: PAGES },
      user_prefs: { type: 'integer' },
    },
  },
  'activity-stream/sessions.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    required: ['client_id', 'addon_version', 'page', 'version', 'locale', 'session_id', 'session_duration', 'perf'],
    properties: {
      ...common,
      client_id: { type: 'string', pattern: UUID },
      session_id: { type: 'string', pattern: `${BRACED_UUID}|^n/a$` },
      page: { type: 'string', enum: PAGES },
      session_duration: { type: 'integer', minimum: 0 },
      user_prefs: { type: 'integer' },
      perf: {
        type: 'object',
        required: ['load_trigger_type'],
        properties: {
          load_trigger_type: { type: 'string', enum: ['menu_plus_or_keyboard', 'unexpected', 'first_window_opened'] },
          load_trigger_ts: { type: 'integer' },
          visibility_event_rcvd_ts: { type: 'integer' },
          topsites_first_painted_ts: { type: 'integer' },
          is_preloaded: { type: 'boolean' },
        },
      },
    },
  },
  'activity-stream/impression-stats.1.schema.json': impressionStats('integer'),
  'activity-stream/impression-stats.2.schema.json': impressionStats('string'),
  'messaging-system/cfr.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    required: ['event', 'addon_version', 'version', 'locale'],
    oneOf: [{ required: ['client_id'] }, { required: ['impression_id'] }],
    properties: {
      ...common,
      client_id: { type: 'string', pattern: UUID },
      impression_id: { type: 'string', pattern: BRACED_UUID },
      event: { type: 'string' },
      message_id: { type: 'string' },
      source: { type: 'string' },
    },
  },
  'messaging-system/snippets.1.schema.json': messageEvent(),
  'messaging-system/infobar.1.schema.json': messageEvent(),
  'messaging-system/spotlight.1.schema.json': messageEvent(),
  'messaging-system/undesired-events.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    required: ['impression_id', 'event', 'addon_version', 'version', 'locale'],
    properties: {
      ...common,
      impression_id: { type: 'string', pattern: BRACED_UUID },
      event: { type: 'string' },
      event_context: { type: 'string' },
      message_id: { type: 'string' },
    },
  },
  'contextual-services/topsites-click.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    required: ['context_id', 'tile_id', 'version'],
    properties: {
      context_id: { type: 'string', pattern: BRACED_UUID },
      tile_id: { type: 'integer' },
      position: { type: 'integer' },
      source: { type: 'string', enum: ['newtab', 'urlbar'] },
      version: { type: 'string' },
    },
  },
  'open-activity-stream/deletion-request.1.schema.json': {
    $schema: DRAFT_07,
    type: 'object',
    anyOf: [{ required: ['client_id'] }, { required: ['impression_id'] }, { required: ['context_id'] }],
    properties: {
      client_id: { type: 'string', pattern: UUID },
      impression_id: { type: 'string', pattern: BRACED_UUID },
      context_id: { type: 'string', pattern: BRACED_UUID },
    },
  },
};

const createdDirs: string[] = [];

/** Writes SAMPLE_SCHEMAS into `dir` (a new temp dir by default) and returns the directory. */
export function writeSampleSchemas(dir?: string): string {
  if (dir === undefined) {
    dir = mkdtempSync(join(tmpdir(), 'oas-schemas-'));
    createdDirs.push(dir);
  }
  for (const [relativePath, schema] of Object.entries(SAMPLE_SCHEMAS)) {
    const filePath = join(dir, relativePath);
    mkdirSync(dirname(filePath), { recursive: true });
    writeFileSync(filePath, JSON.stringify(schema, null, 2));
  }
  return dir;
}

/** Removes the temp dirs writeSampleSchemas() created. */
export function removeSampleSchemas(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const braced = (uuid: string): string => `{${uuid}}`;

type Payload = Record<string, unknown>;

export function eventPayload(overrides: Payload = {}): Payload {
  return {
    client_id: randomUUID(),
    session_id: braced(randomUUID()),
    event: 'CLICK',
    source: 'TOP_SITES',
    action_position: 0,
    page: 'about:newtab',
    addon_version: '20240101000000',
    version: '0.1.0',
    locale: 'en-US',
    user_prefs: 7,
    ...overrides,
  };
}

export function sessionPayload(overrides: Payload = {}): Payload {
  return {
    client_id: randomUUID(),
    session_id: braced(randomUUID()),
    page: 'about:newtab',
    session_duration: 4199,
    addon_version: '20240101000000',
    version: '0.1.0',
    locale: 'en-US',
    user_prefs: 7,
    perf: { load_trigger_type: 'menu_plus_or_keyboard', visibility_event_rcvd_ts: 1000, topsites_first_painted_ts: 1080 },
    ...overrides,
  };
}

/** A messaging-system user event on `message_id` (snippets, infobar, spotlight). */
export function messagePayload(message_id: string, event: string, overrides: Payload = {}): Payload {
  return {
    client_id: randomUUID(),
    browser_session_id: randomUUID(),
    event,
    message_id,
    addon_version: '20240101000000',
    version: '0.1.0',
    locale: 'en-US',
    ...overrides,
  };
}

/** A messaging router error: messaging-system/undesired-events. */
export function undesiredEventPayload(event: string, event_context?: string, overrides: Payload = {}): Payload {
  return {
    impression_id: braced(randomUUID()),
    event,
    ...(event_context === undefined ? {} : { event_context }),
    addon_version: '20240101000000',
    version: '0.1.0',
    locale: 'en-US',
    ...overrides,
  };
}

export function submitUri(namespace: string, docType: string, docVersion = 1, docId: string = randomUUID()): string {
  return `/submit/${namespace}/${docType}/${docVersion}/${docId}`;
}
