import type { PingContext, PingEnvelope, SpocFill } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';

/** activity-stream/spoc-fills/1: which sponsored stories were shown or dropped, and why. */
export function buildSpocFillsPing(ctx: PingContext, fills: SpocFill[]): PingEnvelope {
  return makeEnvelope(ctx, 'activity-stream', 'spoc-fills', 1, {
    impression_id: ctx.impression_id,
    addon_version: ctx.addon_version,
    user_prefs: ctx.user_prefs,
    ...pingCentreFields(ctx),
    spoc_fills: fills.map(({ id, displayed, reason, full_recalc }) => ({ id, displayed, reason, full_recalc })),
  });
}
