import type { ImpressionStatsData, ImpressionTile, Page, PingContext, PingEnvelope } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';
import { withOptional } from './whitelist';

const OPTIONAL_NUMBER_KEYS = ['click', 'block', 'pocket', 'loaded', 'window_inner_width', 'window_inner_height'] as const;

/**
 * activity-stream/impression-stats: v1 when every tile id is an integer, v2
 * (string ids) otherwise. Content-level data, so it carries the pseudonymous
 * impression_id and neither client_id nor session_id (Firefox 2022+).
 */
export function buildImpressionStatsPing(ctx: PingContext, page: Page, data: ImpressionStatsData): PingEnvelope {
  const integerIds = data.tiles.every((tile) => Number.isInteger(tile.id));
  const payload: Record<string, unknown> = {
    impression_id: ctx.impression_id,
    addon_version: ctx.addon_version,
    user_prefs: ctx.user_prefs,
    ...pingCentreFields(ctx),
    page,
    source: data.source,
    tiles: data.tiles.map((tile) => copyTile(tile, integerIds)),
  };
  for (const key of OPTIONAL_NUMBER_KEYS) Object.assign(payload, withOptional(key, data[key]));
  return makeEnvelope(ctx, 'activity-stream', 'impression-stats', integerIds ? 1 : 2, payload);
}

function copyTile(tile: ImpressionTile, integerIds: boolean): Record<string, unknown> {
  return {
    id: integerIds ? tile.id : String(tile.id),
    ...withOptional('pos', tile.pos),
    ...withOptional('shim', tile.shim),
  };
}
