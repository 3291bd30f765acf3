import type { ExperimentEventData } from '../../../common/experiments/types';
import type { PingContext, PingEnvelope } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';

/**
 * open-activity-stream/messaging-experiments/1: enrollment, unenrollment,
 * reach and targeting-attribute events, in the seed's category / method /
 * object / value / extra_keys form (Firefox sends them as Events telemetry,
 * which has no structured-ingestion schema; ours is in src/common/schemas).
 */
export function buildExperimentEventPing(ctx: PingContext, data: ExperimentEventData): PingEnvelope {
  const extra: Record<string, string> = {};
  for (const key of ['branch', 'reason', 'branches', 'source'] as const) {
    const value = (data.extra_keys as Partial<Record<typeof key, string>>)[key];
    if (typeof value === 'string') extra[key] = value;
  }
  return makeEnvelope(ctx, 'open-activity-stream', 'messaging-experiments', 1, {
    client_id: ctx.client_id,
    browser_session_id: ctx.browser_session_id,
    addon_version: ctx.addon_version,
    ...pingCentreFields(ctx),
    category: data.category,
    method: data.method,
    object: data.object,
    value: data.value,
    extra_keys: extra,
  });
}
