// Which ping each surface sends for what happened, in the seed's words. The
// channel policy (release CFR pings carry the bucket, not the client or the
// message) is applied by the ping builder, so every sender gets it.
import type { MessageTemplate, RouterMessage } from '../../common/messaging/types';
import type { CfrEvent, MessagingEventData } from '../../common/pings/types';
import type { TargetingErrorKind } from './targeting';

export type SurfaceEvent = 'IMPRESSION' | 'CLICK_PRIMARY' | 'CLICK_SECONDARY' | 'DISMISS' | 'BLOCK';

/** Templates of the CFR family: they follow the CFR release policy. */
export const CFR_FAMILY: readonly MessageTemplate[] = ['cfr_doorhanger', 'cfr_urlbar_chiclet', 'toolbar_badge', 'save_to_pocket'];

/** The ping for `event` on `message`'s surface; null when that surface has no such event. */
export function surfaceEventPing(message: Pick<RouterMessage, 'id' | 'template' | 'bucket_id'>, event: SurfaceEvent): MessagingEventData | null {
  const ids = { message_id: message.id, ...(message.bucket_id ? { bucket_id: message.bucket_id } : {}) };
  switch (message.template) {
    case 'simple_snippet': {
      const e = ({ IMPRESSION: 'IMPRESSION', CLICK_PRIMARY: 'CLICK_BUTTION', BLOCK: 'BLOCK' } as const)[event as 'IMPRESSION'];
      return e ? { action: 'snippets_user_event', event: e, source: 'NEWTAB_FOOTER_BAR', ...ids } : null;
    }
    case 'infobar': {
      const e = ({ IMPRESSION: 'IMPRESSION', CLICK_PRIMARY: 'CLICK_PRIMARY_BUTTON', CLICK_SECONDARY: 'CLICK_SECONDARY_BUTTON', DISMISS: 'DISMISSED' } as const)[event as 'IMPRESSION'];
      return e ? { action: 'infobar_user_event', event: e, ...ids } : null;
    }
    case 'spotlight': {
      const e = ({ IMPRESSION: 'IMPRESSION', CLICK_PRIMARY: 'CLICK', CLICK_SECONDARY: 'CLICK', DISMISS: 'DISMISS' } as const)[event as 'IMPRESSION'];
      return e ? { action: 'spotlight_user_event', event: e, ...ids } : null;
    }
    case 'update_action':
      return null;
    default: {
      if (!CFR_FAMILY.includes(message.template)) return null;
      const e = ({ IMPRESSION: 'IMPRESSION', CLICK_PRIMARY: 'CLICK', CLICK_SECONDARY: 'DISMISS', DISMISS: 'DISMISS', BLOCK: 'BLOCK' } as const)[event];
      return { action: 'cfr_user_event', event: e, ...ids };
    }
  }
}

/**
 * A CFR doorhanger's event. A message picked by a personalized CFR model is
 * the model's experiment: only then does the ping carry `modelVersion`, under
 * the experiment's (prerelease) identity rule.
 */
export function cfrEventPing(message: Pick<RouterMessage, 'id' | 'bucket_id' | 'personalizedModelVersion'>, event: CfrEvent): MessagingEventData {
  const model = message.personalizedModelVersion;
  return {
    action: 'cfr_user_event',
    event,
    message_id: message.id,
    ...(message.bucket_id ? { bucket_id: message.bucket_id } : {}),
    ...(model ? { in_experiment: true, event_context: { modelVersion: model } } : {}),
  };
}

export function targetingErrorPing(messageId: string, kind: TargetingErrorKind): MessagingEventData {
  return { action: 'asrouter_undesired_event', event: 'TARGETING_EXPRESSION_ERROR', message_id: messageId, event_context: kind };
}

export function providerErrorPing(event: 'ASR_RS_ERROR' | 'ASR_RS_NO_MESSAGES', providerId: string): MessagingEventData {
  return { action: 'asrouter_undesired_event', event, event_context: providerId };
}
