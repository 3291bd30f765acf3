// Our schemas must be tighter than Mozilla's, never looser: for every docType
// both define, whatever ours accepts Mozilla's must accept too, and ours must
// reject the malformed pings listed here. Mozilla's files are read from
// ../shared (or $MOZILLA_SCHEMAS_DIR) at run time; they are never copied in,
// and the suites that need them run only where they are (describeAgainstMozilla).
import { describe, expect, it } from 'vitest';
import * as T from '../pings/types';
import { USER_PREFS_MAX } from '../../background/telemetry/pings/userPrefs';
import { describeAgainstMozilla } from '../../test-support/describeAgainstMozilla';
import { everyBuilderSample, UUIDS } from '../../test-support/pingSamples';
import { errorsOf, listSchemaFiles, mozillaValidator, OUR_SCHEMAS_DIR, ourValidator, readJson, type SchemaFile } from '../../test-support/pingSchemas';

type Payload = Record<string, unknown>;
type Path = (string | number)[];

interface Mutation {
  label: string;
  payload: Payload;
  /** False for changes Mozilla may accept and ours may too (e.g. dropping an optional field). */
  oursMustReject: boolean;
}

const OURS = listSchemaFiles(OUR_SCHEMAS_DIR);
const SAMPLES = everyBuilderSample();
const BARE_UUID = UUIDS.client;
const BRACED_UUID = UUIDS.impression;
const key = (ns: string, docType: string, v: number) => `${ns}/${docType}/${v}`;

// ---- Generic mutations, derived from any valid payload ----

/** Every path below the root: object keys, and the first element of arrays. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.length ? [[...prefix, 0], ...paths(value[0], [...prefix, 0])] : [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], value);
}

function setAt(payload: Payload, path: Path, replacement: unknown): Payload {
  const copy = structuredClone(payload);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = replacement;
  return copy;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? {} : 'not an object';
}

const isBraced = (v: unknown) => typeof v === 'string' && /^\{.*\}$/.test(v);

function genericMutations(payload: Payload, oursRequired: string[]): Mutation[] {
  const out: Mutation[] = [];
  for (const field of Object.keys(payload)) {
    const { [field]: _dropped, ...rest } = payload;
    out.push({ label: `without ${field}`, payload: rest, oursMustReject: oursRequired.includes(field) });
  }
  for (const path of paths(payload)) {
    const value = getAt(payload, path);
    const at = path.join('.');
    out.push({ label: `${at} of the wrong type`, payload: setAt(payload, path, wrongType(value)), oursMustReject: true });
    if (typeof value === 'number') {
      out.push({ label: `${at} not an integer`, payload: setAt(payload, path, value + 0.5), oursMustReject: true });
    }
    if (value && typeof value === 'object' && !Array.isArray(value) && at !== 'experiments') {
      out.push({ label: `${at} with a url`, payload: setAt(payload, [...path, 'url'], 'https://example.com/'), oursMustReject: true });
    }
  }
  out.push({ label: 'with a url', payload: { ...payload, url: 'https://example.com/' }, oursMustReject: true });
  out.push({ label: 'with a title', payload: { ...payload, title: 'My bank' }, oursMustReject: true });
  for (const field of ['client_id', 'browser_session_id']) {
    if (field in payload) out.push({ label: `${field} in braces`, payload: { ...payload, [field]: `{${BARE_UUID}}` }, oursMustReject: true });
  }
  for (const field of ['impression_id', 'context_id', 'session_id']) {
    if (isBraced(payload[field])) out.push({ label: `${field} without braces`, payload: { ...payload, [field]: BARE_UUID }, oursMustReject: true });
  }
  return out;
}

// ---- Mutations the seed rules out but Mozilla's schemas may accept ----

const CHINA_PAGE = 'https://newtab.firefoxchina.cn/newtab/as/activity-stream.html';
const without = (p: Payload, ...fields: string[]) => Object.fromEntries(Object.entries(p).filter(([k]) => !fields.includes(k)));
const releaseCfr = (p: Payload) => ({ ...without(p, 'client_id', 'event_context'), impression_id: BRACED_UUID, message_id: 'n/a' });

const SPECIFIC: Record<string, [string, (p: Payload) => Payload][]> = {
  'activity-stream/events/1': [
    ['page about:blank', (p) => ({ ...p, page: 'about:blank' })],
    ['the China page URL', (p) => ({ ...p, page: CHINA_PAGE })],
    ['an unknown event', (p) => ({ ...p, event: 'NOT_AN_EVENT' })],
    ['an unknown source', (p) => ({ ...p, source: 'NOWHERE' })],
    ['value as an object', (p) => ({ ...p, value: { card_type: 'pinned' } })],
    ['value not JSON', (p) => ({ ...p, value: 'pinned' })],
    ['value with a url', (p) => ({ ...p, value: '{"url":"https://example.com/"}' })],
    ['value with a title', (p) => ({ ...p, value: '{"title":"My bank"}' })],
    ['value with a search term', (p) => ({ ...p, value: '{"search_vendor":"google","search_term":"secret"}' })],
    ['value with an unknown card_type', (p) => ({ ...p, value: '{"card_type":"bogus"}' })],
    ['value with an unknown icon_type', (p) => ({ ...p, value: '{"icon_type":"bogus"}' })],
    ['value with an unknown topic', (p) => ({ ...p, value: '{"topic":"bogus"}' })],
    ['value with a non-boolean status', (p) => ({ ...p, value: '{"status":"yes"}' })],
    ['value with a section title for an id', (p) => ({ ...p, value: '{"section":"Home & Garden"}' })],
    ['value with an unknown report reason', (p) => ({ ...p, value: '{"report_reason":"I hate it"}' })],
    ['action_position below -1', (p) => ({ ...p, action_position: -2 })],
    ['session_id not a uuid', (p) => ({ ...p, session_id: 'abc' })],
    ['client_id in upper case', (p) => ({ ...p, client_id: BARE_UUID.toUpperCase() })],
    ['user_prefs beyond its bits', (p) => ({ ...p, user_prefs: USER_PREFS_MAX + 1 })],
    ['value with an unknown widget_action', (p) => ({ ...p, value: '{"widget_action":"bogus"}' })],
    ['value with a list item', (p) => ({ ...p, value: '{"widget_action":"item_add","text":"buy milk"}' })],
    ['value with a selected_wallpaper that is no id', (p) => ({ ...p, value: '{"selected_wallpaper":"data:image/png;base64,AAAA"}' })],
    ['value with a colour for selected_wallpaper', (p) => ({ ...p, value: '{"selected_wallpaper":"#ff0000"}' })],
  ],
  'activity-stream/sessions/1': [
    ["page 'n/a'", (p) => ({ ...p, page: 'n/a' })],
    ["session_id 'n/a'", (p) => ({ ...p, session_id: 'n/a' })],
    ['an unknown load_trigger_type', (p) => ({ ...p, perf: { ...(p.perf as Payload), load_trigger_type: 'bogus' } })],
    ['a negative duration', (p) => ({ ...p, session_duration: -1 })],
    ['a non-integer duration', (p) => ({ ...p, session_duration: 4199.5 })],
    ['an unknown icon type', (p) => ({ ...p, perf: { ...(p.perf as Payload), topsites_icon_stats: { favicon: 1 } } })],
  ],
  'activity-stream/impression-stats/1': [
    ['a string tile id', (p) => ({ ...p, tiles: [{ id: '10000' }] })],
    ['no tiles', (p) => ({ ...p, tiles: [] })],
    ['both click and block', (p) => ({ ...p, click: 0, block: 0 })],
    ["page 'both'", (p) => ({ ...p, page: 'both' })],
    ['an unknown source', (p) => ({ ...p, source: 'NOWHERE' })],
    ['a client_id', (p) => ({ ...p, client_id: BARE_UUID })],
  ],
  'activity-stream/impression-stats/2': [
    ['an integer tile id', (p) => ({ ...p, tiles: [{ id: 10000 }] })],
    ['a URL as tile id', (p) => ({ ...p, tiles: [{ id: 'https://example.com/' }] })],
    ['a session_id', (p) => ({ ...p, session_id: BRACED_UUID })],
  ],
  'activity-stream/pocket-button/1': [
    ['a logged-in status of true', (p) => ({ ...p, pocket_logged_in_status: true })],
    ['a source we have no view for', (p) => ({ ...p, events: [{ action: 'click', position: 0, source: 'sign_up_1' }] })],
    ['a URL in an event', (p) => ({ ...p, events: [{ action: 'click', position: 0, source: 'save_button', url: 'https://example.com/' }] })],
    ['a client_id', (p) => ({ ...p, client_id: BARE_UUID })],
  ],
  'activity-stream/on-save-recs/1': [
    ['no events', (p) => ({ ...p, events: [] })],
    ['a negative position', (p) => ({ ...p, events: [{ action: 'impression', position: -1 }] })],
  ],
  'activity-stream/spoc-fills/1': [
    ['a displayed spoc with a reason', (p) => ({ ...p, spoc_fills: [{ id: 1, displayed: 1, reason: 'frequency_cap', full_recalc: 0 }] })],
    ["a dropped spoc with reason 'n/a'", (p) => ({ ...p, spoc_fills: [{ id: 1, displayed: 0, reason: 'n/a', full_recalc: 0 }] })],
    ['the old campaign_duplicate reason', (p) => ({ ...p, spoc_fills: [{ id: 1, displayed: 0, reason: 'campaign_duplicate', full_recalc: 0 }] })],
    ['displayed 2', (p) => ({ ...p, spoc_fills: [{ id: 1, displayed: 2, reason: 'n/a', full_recalc: 0 }] })],
  ],
  'contextual-services/topsites-impression/1': [
    ['source urlbar', (p) => ({ ...p, source: 'urlbar' })],
    ['an http reporting_url', (p) => ({ ...p, reporting_url: 'http://test.reporting.net/x' })],
    ['a javascript: reporting_url', (p) => ({ ...p, reporting_url: 'javascript:alert(1)' })],
    ['a 0-based position', (p) => ({ ...p, position: 0 })],
    ['a client_id', (p) => ({ ...p, client_id: BARE_UUID })],
    ['an impression_id', (p) => ({ ...p, impression_id: BRACED_UUID })],
  ],
  'messaging-system/cfr/1': [
    ['both client_id and impression_id', (p) => ({ ...p, client_id: BARE_UUID, impression_id: BRACED_UUID })],
    ['neither client_id nor impression_id', (p) => without(p, 'client_id', 'impression_id')],
    ['release policy with a real message_id and no bucket', (p) => without({ ...releaseCfr(p), message_id: 'wikipedia_addon' }, 'bucket_id')],
    ['release policy with event_context', (p) => ({ ...releaseCfr(p), event_context: '{"modelVersion":"m"}' })],
    ["impression_id 'n/a'", (p) => ({ ...without(p, 'client_id'), impression_id: 'n/a' })],
    ["client_id 'n/a'", (p) => ({ ...p, client_id: 'n/a' })],
    ['an unknown event', (p) => ({ ...p, event: 'NOT_AN_EVENT' })],
    ['source other than CFR', (p) => ({ ...p, source: 'NEWTAB_FOOTER_BAR' })],
  ],
  'messaging-system/snippets/1': [
    ['source SNIPPETS', (p) => ({ ...p, source: 'SNIPPETS' })],
    ["Firefox's CLICK_BUTTON (we send the seed's CLICK_BUTTION)", (p) => ({ ...p, event: 'CLICK_BUTTON' })],
  ],
  'messaging-system/onboarding/1': [
    ['event_context as an object', (p) => ({ ...p, event_context: { page: 'about:welcome' } })],
    ['event_context without the page', (p) => ({ ...p, event_context: '{"source":"primary_button"}' })],
    ['an unknown message_id', (p) => ({ ...p, message_id: 'SOME_MESSAGE' })],
    ['an unknown reason', (p) => ({ ...p, event_context: '{"page":"about:welcome","reason":"bogus"}' })],
    ["Firefox's CLICK_BUTTON (we send the seed's CLICK_BUTTION)", (p) => ({ ...p, event: 'CLICK_BUTTON' })],
    ['an attribution field the seed does not name', (p) => ({ ...p, attribution: { source: 'example.org', dltoken: 'abc' } })],
    ['a URL in the attribution', (p) => ({ ...p, attribution: { source: 'https://example.org/' } })],
    ['a path in the attribution', (p) => ({ ...p, attribution: { content: 'example.org/x' } })],
    ['an empty attribution', (p) => ({ ...p, attribution: {} })],
    ['an attribution field of 101 characters', (p) => ({ ...p, attribution: { campaign: 'c'.repeat(101) } })],
  ],
  'messaging-system/whats-new-panel/1': [
    ['value as an object', (p) => ({ ...p, value: { view: 'application_menu' } })],
    ['an unknown view', (p) => ({ ...p, value: '{"view":"bogus"}' })],
    ['no browser_session_id', (p) => without(p, 'browser_session_id')],
  ],
  'messaging-system/undesired-events/1': [
    ['a URL in event_context', (p) => ({ ...p, event_context: 'https://example.com/' })],
    ['a client_id', (p) => ({ ...p, client_id: BARE_UUID })],
    ['an unknown event', (p) => ({ ...p, event: 'NOT_AN_EVENT' })],
  ],
};
SPECIFIC['contextual-services/topsites-click/1'] = SPECIFIC['contextual-services/topsites-impression/1'] ?? [];
SPECIFIC['messaging-system/moments/1'] = SPECIFIC['messaging-system/cfr/1'] ?? [];
for (const docType of ['infobar', 'spotlight']) {
  SPECIFIC[`messaging-system/${docType}/1`] = [['an unknown event', (p) => ({ ...p, event: 'NOT_AN_EVENT' })]];
}

function mutationsFor(id: string, valid: Payload[], oursRequired: string[]): Mutation[] {
  const generic = valid.flatMap((p) => genericMutations(p, oursRequired));
  const base = valid[0] ?? {};
  const specific = (SPECIFIC[id] ?? []).map(([label, mutate]) => ({ label, payload: mutate(base), oursMustReject: true }));
  return [...generic, ...specific];
}

// ---- Tests ----

describe('our schema files', () => {
  it('are the docTypes we send', () => {
    expect(OURS.map((f) => key(f.namespace, f.docType, f.docVersion)).sort()).toEqual(
      [...new Set(SAMPLES.map(({ env }) => key(env.namespace, env.docType, env.docVersion)))].sort(),
    );
  });

  it.each(OURS.map((f) => [key(f.namespace, f.docType, f.docVersion), f] as const))(
    '%s is draft-07, closed, and compiles in strict mode',
    (_id, f) => {
      const schema = readJson(f.file);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.additionalProperties).toBe(false);
      expect(() => ourValidator(f.namespace, f.docType, f.docVersion)).not.toThrow();
    },
  );

  const schemaAt = (file: string, ...pointer: string[]) =>
    pointer.reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], readJson(`${OUR_SCHEMAS_DIR}/${file}.schema.json`));
  it.each([
    ['activity-stream/events.1', ['properties', 'event', 'enum'], T.USER_EVENTS],
    ['activity-stream/events.1', ['properties', 'source', 'enum'], T.USER_EVENT_SOURCES],
    ['activity-stream/events.1', ['properties', 'page', 'enum'], T.PAGES],
    ['activity-stream/sessions.1', ['properties', 'page', 'enum'], T.SESSION_PAGES],
    ['activity-stream/sessions.1', ['properties', 'perf', 'properties', 'load_trigger_type', 'enum'], T.LOAD_TRIGGER_TYPES],
    ['activity-stream/impression-stats.1', ['properties', 'source', 'enum'], T.IMPRESSION_SOURCES],
    ['activity-stream/impression-stats.2', ['properties', 'source', 'enum'], T.IMPRESSION_SOURCES],
    ['activity-stream/impression-stats.1', ['properties', 'page', 'enum'], T.SESSION_PAGES],
    ['activity-stream/spoc-fills.1', ['properties', 'spoc_fills', 'items', 'properties', 'reason', 'enum'], T.SPOC_FILL_REASONS],
    ['messaging-system/cfr.1', ['properties', 'event', 'enum'], T.CFR_EVENTS],
    ['messaging-system/moments.1', ['properties', 'event', 'enum'], T.MOMENTS_EVENTS],
    ['messaging-system/snippets.1', ['properties', 'event', 'enum'], T.SNIPPETS_EVENTS],
    ['messaging-system/snippets.1', ['properties', 'source', 'enum'], T.SNIPPETS_SOURCES],
    ['messaging-system/onboarding.1', ['properties', 'event', 'enum'], T.ONBOARDING_EVENTS],
    ['messaging-system/onboarding.1', ['properties', 'message_id', 'enum'], T.ONBOARDING_MESSAGE_IDS],
    ['messaging-system/whats-new-panel.1', ['properties', 'event', 'enum'], T.WHATS_NEW_EVENTS],
    ['messaging-system/infobar.1', ['properties', 'event', 'enum'], T.INFOBAR_EVENTS],
    ['messaging-system/spotlight.1', ['properties', 'event', 'enum'], T.SPOTLIGHT_EVENTS],
    ['messaging-system/undesired-events.1', ['properties', 'event', 'enum'], T.UNDESIRED_EVENTS],
  ] as const)('%s %j lists the same values as the ping types', (file, pointer, values) => {
    expect(schemaAt(file, ...pointer)).toEqual([...values]);
  });

  it('counts every icon type, and nothing else, in session perf', () => {
    const stats = schemaAt('activity-stream/sessions.1', 'properties', 'perf', 'properties', 'topsites_icon_stats', 'properties');
    expect(Object.keys(stats as object)).toEqual([...T.ICON_TYPES]);
  });
});

const PAIRS = OURS.filter((f) => f.namespace !== 'open-activity-stream');
const PAIR_CASES = PAIRS.map((f) => [key(f.namespace, f.docType, f.docVersion), f] as const);

/** Our validator, the builder samples and their mutations for one docType. */
function pairCase(id: string, f: SchemaFile) {
  const valid = SAMPLES.filter(({ env }) => key(env.namespace, env.docType, env.docVersion) === id).map(({ env }) => env.payload);
  const oursRequired = (readJson(f.file).required ?? []) as string[];
  return { ours: ourValidator(f.namespace, f.docType, f.docVersion), valid, mutations: mutationsFor(id, valid, oursRequired) };
}

describe.each(PAIR_CASES)('%s (ours)', (id, f) => {
  const { ours, mutations } = pairCase(id, f);

  it('ours rejects the malformed pings', () => {
    const accepted = mutations.filter((m) => m.oursMustReject && ours(m.payload)).map((m) => m.label);
    expect([...new Set(accepted)]).toEqual([]);
  });
});

describeAgainstMozilla('our schemas against Mozilla\'s', (mozillaDir) => {
  it('reads Mozilla schemas from outside the project', () => {
    expect(mozillaDir.startsWith(OUR_SCHEMAS_DIR)).toBe(false);
    expect(listSchemaFiles(mozillaDir).length).toBeGreaterThan(0);
  });

  it('has a Mozilla counterpart for every docType except our own namespace', () => {
    const missing = OURS.filter((f) => !mozillaValidator(mozillaDir, f.namespace, f.docType, f.docVersion));
    expect(missing.map((f) => key(f.namespace, f.docType, f.docVersion))).toEqual([
      'open-activity-stream/deletion-request/1',
      'open-activity-stream/messaging-experiments/1',
    ]);
  });

  describe.each(PAIR_CASES)('%s', (id, f) => {
    const { ours, valid, mutations } = pairCase(id, f);
    const theirs = mozillaValidator(mozillaDir, f.namespace, f.docType, f.docVersion);

    it('has builder samples and a Mozilla schema', () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(theirs).toBeDefined();
    });

    it('both accept every builder sample', () => {
      const failures = valid.flatMap((p) => [
        ...(ours(p) ? [] : [`ours: ${errorsOf(ours)} in ${JSON.stringify(p)}`]),
        ...(theirs?.(p) ? [] : [`Mozilla: ${theirs ? errorsOf(theirs) : ''} in ${JSON.stringify(p)}`]),
      ]);
      expect(failures).toEqual([]);
    });

    it('whenever ours accepts a ping, Mozilla accepts it too', () => {
      const looser = [...valid, ...mutations.map((m) => m.payload)]
        .filter((p) => ours(p) && !theirs?.(p))
        .map((p) => `${theirs ? errorsOf(theirs) : ''}: ${JSON.stringify(p)}`);
      expect(looser).toEqual([]);
    });
  });
});

describe('open-activity-stream/deletion-request/1 (ours only)', () => {
  const ours = ourValidator('open-activity-stream', 'deletion-request', 1);
  const valid = SAMPLES.filter(({ env }) => env.docType === 'deletion-request').map(({ env }) => env.payload);

  it('accepts what the builder sends, and a ping with any one id', () => {
    const [sample] = valid;
    expect(sample).toBeDefined();
    for (const p of [...valid, without(sample ?? {}, 'client_id', 'context_id'), without(sample ?? {}, 'client_id', 'impression_id')]) {
      expect(ours(p), errorsOf(ours)).toBe(true);
    }
  });

  it('rejects malformed requests and one without any id', () => {
    const mutations = [
      ...valid.flatMap((p) => genericMutations(p, ['version', 'addon_version'])),
      { label: 'no id', payload: without(valid[0] ?? {}, 'client_id', 'impression_id', 'context_id'), oursMustReject: true },
    ];
    expect(mutations.filter((m) => m.oursMustReject && ours(m.payload)).map((m) => m.label)).toEqual([]);
  });
});

describe('open-activity-stream/messaging-experiments/1 (ours only)', () => {
  const ours = ourValidator('open-activity-stream', 'messaging-experiments', 1);
  const valid = SAMPLES.filter(({ env }) => env.docType === 'messaging-experiments').map(({ env }) => env.payload);
  const enroll = valid[0] ?? {};
  const reach = valid.find((p) => p.method === 'reach') ?? {};

  it('accepts every event the builder sends', () => {
    expect(valid.length).toBeGreaterThan(5);
    for (const p of valid) expect(ours(p), errorsOf(ours)).toBe(true);
  });

  it('rejects malformed events, and extra keys that do not belong to the method', () => {
    const mutations = [
      ...valid.flatMap((p) => genericMutations(p, (readJson(`${OUR_SCHEMAS_DIR}/open-activity-stream/messaging-experiments.1.schema.json`).required ?? []) as string[])),
      ...(
        [
          ['enroll without a branch', { ...enroll, extra_keys: {} }],
          ['enroll with a reason', { ...enroll, extra_keys: { branch: 'a', reason: 'recipe-not-seen' } }],
          ['an unknown unenroll reason', { ...enroll, method: 'unenroll', extra_keys: { branch: 'a', reason: 'bored' } }],
          ['reach in the normandy category', { ...reach, category: 'normandy' }],
          ['reach branches with a URL', { ...reach, extra_keys: { branches: 'https://x.example/' } }],
          ['a targeting event of another kind', { ...reach, method: 'targeting', object: 'spotlight', extra_keys: { source: 'x' } }],
          ['a URL as value', { ...enroll, value: 'https://example.com/' }],
        ] as const
      ).map(([label, payload]) => ({ label, payload: payload as Payload, oursMustReject: true })),
    ];
    expect(mutations.filter((m) => m.oursMustReject && ours(m.payload)).map((m) => m.label)).toEqual([]);
  });
});
