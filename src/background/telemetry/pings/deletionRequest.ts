import type { PingContext, PingEnvelope } from '../../../common/pings/types';
import { makeEnvelope } from './envelope';
import { withOptional } from './whitelist';

/**
 * open-activity-stream/deletion-request/1, sent when the user opts out: every
 * id we ever sent, so the collector can delete all data keyed by any of them.
 * Not a PingCentre ping, so it carries nothing else.
 */
export function buildDeletionRequestPing(ctx: PingContext, reason?: string): PingEnvelope {
  return makeEnvelope(ctx, 'open-activity-stream', 'deletion-request', 1, {
    client_id: ctx.client_id,
    impression_id: ctx.impression_id,
    context_id: ctx.context_id,
    version: ctx.version,
    addon_version: ctx.addon_version,
    ...withOptional('reason', reason),
  });
}
