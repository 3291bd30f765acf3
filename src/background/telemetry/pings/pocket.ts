// The save-for-later button's pings: activity-stream/pocket-button/1 (the
// seed's "Save to Pocket button pings") and activity-stream/on-save-recs/1 (the
// recommendations shown after a save). Pseudonymous like impression stats: the
// impression_id, never the client_id, and never a saved page's URL or title.
import type { OnSaveRecsEvent, PingContext, PingEnvelope, PocketButtonEvent } from '../../../common/pings/types';
import { makeEnvelope, pingCentreFields } from './envelope';

function common(ctx: PingContext) {
  return { impression_id: ctx.impression_id, ...pingCentreFields(ctx) };
}

export function buildPocketButtonPing(ctx: PingContext, events: readonly PocketButtonEvent[]): PingEnvelope {
  return makeEnvelope(ctx, 'activity-stream', 'pocket-button', 1, {
    ...common(ctx),
    events: events.map(({ action, position, source }) => ({ action, position, source })),
    // The schema's name. Saving needs no account here (the list stays in this browser), so no one is ever logged in.
    pocket_logged_in_status: false,
  });
}

export function buildOnSaveRecsPing(ctx: PingContext, events: readonly OnSaveRecsEvent[]): PingEnvelope {
  return makeEnvelope(ctx, 'activity-stream', 'on-save-recs', 1, {
    ...common(ctx),
    events: events.map(({ action, position }) => ({ action, position })),
  });
}
