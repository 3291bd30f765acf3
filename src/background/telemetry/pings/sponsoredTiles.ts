import type { PingContext, PingEnvelope, SponsoredTileEvent } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';
import { withOptional } from './whitelist';

/**
 * contextual-services/topsites-impression/1 or topsites-click/1. Keyed by the
 * separate context_id only: no client_id, so the partner-facing pipeline
 * cannot join tiles to the rest of telemetry.
 */
export function buildSponsoredTilePing(ctx: PingContext, ev: SponsoredTileEvent): PingEnvelope {
  const docType = ev.type === 'click' ? 'topsites-click' : 'topsites-impression';
  return makeEnvelope(ctx, 'contextual-services', docType, 1, {
    context_id: ctx.context_id,
    tile_id: ev.tile_id,
    position: ev.position,
    advertiser: ev.advertiser,
    source: ev.source,
    ...withOptional('reporting_url', ev.reporting_url),
    ...pingCentreFields(ctx),
  });
}
