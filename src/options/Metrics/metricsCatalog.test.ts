// The "What we collect" page must list exactly what the ping builders send.
import { describe, expect, it } from 'vitest';
import { FULL_PERF, everyBuilderSample } from '../../test-support/pingSamples';
import { LOCALES } from '../../common/i18n';
import { SESSION_PERF_KEYS, USER_EVENT_VALUE_KEYS } from '../../common/pings/types';
import { SENT_PINGS } from '../../common/pings/registry';
import { ALL_PING_DOCS, COMMON_FIELD_GROUPS, PING_DOCS } from './metricsCatalog';

const samples = everyBuilderSample();
const common = new Set(COMMON_FIELD_GROUPS.flatMap((g) => g.fields));
const docTypeOf = (s: (typeof samples)[number]) => `${s.env.namespace}/${s.env.docType}`;

describe('metrics catalog', () => {
  it('documents every kind of ping we build, and no other', () => {
    const built = new Set(samples.map(docTypeOf));
    const documented = ALL_PING_DOCS.flatMap((d) => d.docTypes);
    expect(new Set(documented)).toEqual(built);
    expect(documented).toHaveLength(built.size);
  });

  it('lists exactly the pings this build sends, from the registry the background sends by', () => {
    const listed = PING_DOCS.flatMap((d) => d.docTypes);
    expect(new Set(listed)).toEqual(new Set(SENT_PINGS.map((p) => p.docType)));
    expect(listed).toHaveLength(SENT_PINGS.length);
    expect(PING_DOCS.find((d) => d.id === 'metrics-messages')?.docTypes).toEqual([
      'messaging-system/cfr',
      'messaging-system/moments',
      'messaging-system/snippets',
      'messaging-system/onboarding',
      'messaging-system/whats-new-panel',
      'messaging-system/infobar',
      'messaging-system/spotlight',
    ]);
  });

  it('lists every field each ping can carry, and only those', () => {
    for (const doc of ALL_PING_DOCS) {
      const sent = new Set(samples.filter((s) => doc.docTypes.includes(docTypeOf(s))).flatMap((s) => Object.keys(s.env.payload)));
      const listed = new Set([...doc.fields, ...[...common].filter((f) => sent.has(f))]);
      expect([...sent].filter((f) => !listed.has(f)), `${doc.id}: sent but not listed`).toEqual([]);
      expect(doc.fields.filter((f) => !sent.has(f)), `${doc.id}: listed but never sent`).toEqual([]);
    }
    const everySent = new Set(samples.flatMap((s) => Object.keys(s.env.payload)));
    expect([...common].filter((f) => !everySent.has(f)), 'common fields never sent').toEqual([]);
  });

  it('lists every key of a user event value and of session perf', () => {
    const valueKeys = new Set(
      samples
        .filter((s) => docTypeOf(s) === 'activity-stream/events' && typeof s.env.payload.value === 'string')
        .flatMap((s) => Object.keys(JSON.parse(s.env.payload.value as string) as object)),
    );
    expect(new Set(USER_EVENT_VALUE_KEYS)).toEqual(valueKeys);
    expect(new Set(SESSION_PERF_KEYS)).toEqual(new Set(Object.keys(FULL_PERF)));
  });

  it('has every text it shows in every locale', () => {
    const keys = [...COMMON_FIELD_GROUPS.map((g) => g.label), ...ALL_PING_DOCS.flatMap((d) => [d.title, d.description, ...(d.values ?? []).map((v) => v.label)])];
    for (const [locale, messages] of Object.entries(LOCALES)) {
      expect(keys.filter((k) => !messages[k]), locale).toEqual([]);
    }
  });
});
