import { ICON_TYPES } from '../../../common/pings/types';
import type { PageSession, PingContext, PingEnvelope, SessionPerf } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';

const PERF_NUMBER_KEYS = [
  'load_trigger_ts',
  'visibility_event_rcvd_ts',
  'topsites_first_painted_ts',
  'topsites_pinned',
  'topsites_search_shortcuts',
  'highlights_data_late_by_ms',
  'topsites_data_late_by_ms',
] as const satisfies readonly (keyof SessionPerf)[];

/** activity-stream/sessions/1, sent when a page session ends. */
export function buildSessionPing(
  ctx: PingContext,
  session: PageSession,
  perf: SessionPerf,
  sessionDurationMs: number,
): PingEnvelope {
  return makeEnvelope(ctx, 'activity-stream', 'sessions', 1, {
    client_id: ctx.client_id,
    session_id: session.session_id,
    page: session.page,
    addon_version: ctx.addon_version,
    user_prefs: ctx.user_prefs,
    profile_creation_date: ctx.profile_creation_date,
    ...pingCentreFields(ctx),
    session_duration: Math.round(sessionDurationMs),
    perf: roundedPerf(perf),
  });
}

// The schema types every perf number as an integer, while the page measures
// DOMHighResTimeStamps; values that are not finite are left out.
function roundedPerf(perf: SessionPerf): Record<string, unknown> {
  const out: Record<string, unknown> = {
    load_trigger_type: perf.load_trigger_type,
    is_preloaded: perf.is_preloaded,
  };
  for (const key of PERF_NUMBER_KEYS) {
    const rounded = roundFinite(perf[key]);
    if (rounded !== undefined) out[key] = rounded;
  }
  if (perf.topsites_icon_stats) {
    const stats: Record<string, number> = {};
    for (const iconType of ICON_TYPES) {
      const rounded = roundFinite(perf.topsites_icon_stats[iconType]);
      if (rounded !== undefined) stats[iconType] = rounded;
    }
    out.topsites_icon_stats = stats;
  }
  return out;
}

function roundFinite(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : undefined;
}
