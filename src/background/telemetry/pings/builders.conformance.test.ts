// Every builder, fed every enum value the seed names, must produce a payload
// that Mozilla's pipeline schema for its docType accepts, and ours too.
import { describe, expect, it } from 'vitest';
import { describeAgainstMozilla } from '../../../test-support/describeAgainstMozilla';
import { everyBuilderSample } from '../../../test-support/pingSamples';
import { errorsOf, mozillaValidator, ourValidator } from '../../../test-support/pingSchemas';

const samples = everyBuilderSample();

describe('builder output against our schemas', () => {
  it('covers every docType we send', () => {
    const docTypes = new Set(samples.map(({ env }) => `${env.namespace}/${env.docType}/${env.docVersion}`));
    expect([...docTypes].sort()).toEqual([
      'activity-stream/events/1',
      'activity-stream/impression-stats/1',
      'activity-stream/impression-stats/2',
      'activity-stream/on-save-recs/1',
      'activity-stream/pocket-button/1',
      'activity-stream/sessions/1',
      'activity-stream/spoc-fills/1',
      'contextual-services/topsites-click/1',
      'contextual-services/topsites-impression/1',
      'messaging-system/cfr/1',
      'messaging-system/infobar/1',
      'messaging-system/moments/1',
      'messaging-system/onboarding/1',
      'messaging-system/snippets/1',
      'messaging-system/spotlight/1',
      'messaging-system/undesired-events/1',
      'messaging-system/whats-new-panel/1',
      'open-activity-stream/deletion-request/1',
      'open-activity-stream/messaging-experiments/1',
    ]);
  });

  it.each(samples.map((s) => [s.label, s] as const))('%s: ours accepts it', (_label, { env }) => {
    const validate = ourValidator(env.namespace, env.docType, env.docVersion);
    expect(validate(env.payload), errorsOf(validate)).toBe(true);
  });
});

describeAgainstMozilla('builder output against Mozilla\'s schemas', (mozillaDir) => {
  it.each(samples.map((s) => [s.label, s] as const))('%s: Mozilla accepts it', (_label, { env }) => {
    const validate = mozillaValidator(mozillaDir, env.namespace, env.docType, env.docVersion);
    if (env.namespace === 'open-activity-stream') {
      expect(validate).toBeUndefined();
      return;
    }
    expect(validate, `no Mozilla schema for ${env.namespace}/${env.docType}`).toBeDefined();
    expect(validate?.(env.payload), validate && errorsOf(validate)).toBe(true);
  });
});
