import type { MessagingAction, MessagingEventData, PingContext, PingEnvelope, UndesiredEvent } from '../../../common/pings/types';
import { ATTRIBUTION_KEYS, type Attribution } from '../../../common/onboarding/attribution';
import { makeEnvelope, pingCentreFields } from './envelope';
import { jsonOrOmit, pickPrimitives, withOptional } from './whitelist';

/** Firefox picks the messaging-system docType from the internal `action`, which is not sent. */
export const MESSAGING_DOC_TYPES = {
  cfr_user_event: 'cfr',
  moments_user_event: 'moments',
  snippets_user_event: 'snippets',
  onboarding_user_event: 'onboarding',
  'whats-new-panel_user_event': 'whats-new-panel',
  infobar_user_event: 'infobar',
  spotlight_user_event: 'spotlight',
  asrouter_undesired_event: 'undesired-events',
} as const satisfies Record<MessagingAction, string>;

type CfrPolicyData = Extract<MessagingEventData, { action: 'cfr_user_event' | 'moments_user_event' }>;

/** messaging-system/<docType>/1, with Firefox's per-action identity policy (TelemetryFeed apply*Policy). */
export function buildMessagingPing(ctx: PingContext, data: MessagingEventData): PingEnvelope {
  const common = { addon_version: ctx.addon_version, ...pingCentreFields(ctx), event: data.event };
  let fields: Record<string, unknown>;
  switch (data.action) {
    case 'cfr_user_event':
    case 'moments_user_event':
      fields = { ...cfrPolicyFields(ctx, data), source: 'CFR' };
      break;
    case 'asrouter_undesired_event':
      fields = {
        impression_id: ctx.impression_id,
        ...withOptional('message_id', data.message_id),
        ...withOptional('event_context', data.event_context),
      };
      break;
    case 'onboarding_user_event':
      fields = {
        ...clientFields(ctx),
        message_id: data.message_id,
        // Firefox adds the page to every onboarding context.
        event_context: JSON.stringify({
          page: 'about:welcome',
          ...pickPrimitives(data.event_context, ['source', 'reason']),
        }),
        ...attributionFields(data.attribution),
      };
      break;
    case 'whats-new-panel_user_event':
      fields = {
        ...clientFields(ctx),
        message_id: data.message_id,
        ...withOptional('bucket_id', data.bucket_id),
        ...jsonOrOmit('value', pickPrimitives(data.value, ['view', 'prefValue'])),
      };
      break;
    case 'snippets_user_event':
      fields = {
        ...clientFields(ctx),
        message_id: data.message_id,
        ...withOptional('bucket_id', data.bucket_id),
        ...withOptional('source', data.source),
      };
      break;
    case 'infobar_user_event':
    case 'spotlight_user_event':
      fields = { ...clientFields(ctx), message_id: data.message_id, ...withOptional('bucket_id', data.bucket_id) };
      break;
  }
  return makeEnvelope(ctx, 'messaging-system', MESSAGING_DOC_TYPES[data.action], 1, { ...common, ...fields });
}

/**
 * Our own client-side problems, e.g. TELEMETRY_QUEUE_OVERFLOW with
 * `{"dropped":n}` as context: messaging-system/undesired-events/1.
 */
export function buildUndesiredEventPing(
  ctx: PingContext,
  event: UndesiredEvent,
  value: number,
  context?: string,
): PingEnvelope {
  return makeEnvelope(ctx, 'messaging-system', 'undesired-events', 1, {
    impression_id: ctx.impression_id,
    addon_version: ctx.addon_version,
    ...pingCentreFields(ctx),
    event,
    value,
    ...withOptional('event_context', context),
  });
}

/** Only the seed's attribution keys, as strings; nothing when there is none. */
function attributionFields(attribution: Attribution | undefined): { attribution?: Record<string, unknown> } {
  const kept = pickPrimitives(attribution, ATTRIBUTION_KEYS);
  return Object.keys(kept).length > 0 ? { attribution: kept } : {};
}

/** Snippets, onboarding, what's new, infobar and spotlight always report the client. */
function clientFields(ctx: PingContext) {
  return { client_id: ctx.client_id, browser_session_id: ctx.browser_session_id };
}

/**
 * CFR and moments on release, outside a CFR experiment: only the bucket and
 * the pseudonymous impression_id, never the client or the message's own id (legal's
 * rule, bug 1484035). Prerelease or in a CFR experiment: client and message.
 */
function cfrPolicyFields(ctx: PingContext, data: CfrPolicyData): Record<string, unknown> {
  const inCfrExperiment = data.in_experiment === true || Object.keys(ctx.experiments).some((id) => id.startsWith('cfr'));
  const bucket = withOptional('bucket_id', data.bucket_id);
  if (ctx.release_channel === 'release' && !inCfrExperiment) {
    // The seed's release forms: a CFR ping's message_id is the bucket; moments keeps 'n/a' beside its bucket_id.
    const messageId = data.action === 'cfr_user_event' ? (data.bucket_id ?? 'n/a') : 'n/a';
    return { impression_id: ctx.impression_id, message_id: messageId, ...bucket };
  }
  return {
    client_id: ctx.client_id,
    message_id: data.message_id,
    ...bucket,
    ...jsonOrOmit('event_context', pickPrimitives(data.event_context, ['modelVersion'])),
  };
}
