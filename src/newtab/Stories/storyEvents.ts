// What each thing a user does to a card dispatches: the request to the
// background, the user event and, as Firefox's DSLinkMenu does, the
// impression-stats ping with the matching spoc shim. Pings carry ids,
// positions and shims only; URLs and titles go to the background alone.
import { AlsoToMain, OnlyToMain, ac, action, type Action } from '../../common/actions';
import type { ImpressionTile, ReportReason, UserEvent, UserEventValue } from '../../common/pings/types';
import type { Card, SpocShims } from '../../common/stories/types';

export const CARD_SOURCE = 'CARDGRID';

function tile(card: Card, shim: keyof SpocShims): ImpressionTile {
  const token = card.type === 'spoc' ? card.story.shim[shim] : undefined;
  return token ? { id: card.story.id, pos: card.pos, shim: token } : { id: card.story.id, pos: card.pos };
}

function userEvent(event: UserEvent, card: Card, extra: UserEventValue = {}): Action {
  return ac.UserEvent({ event, source: CARD_SOURCE, action_position: card.pos, value: { card_type: card.type, ...extra } });
}

/** A card's section (topic) id, for the feedback events: which topic the feedback is about. */
const sectionOf = (card: Card): UserEventValue => (card.type === 'organic' && card.story.section ? { section: card.story.section } : {});

/** The story goes for good (a spoc takes its flight with it), with the impression-stats block ping. */
function hide(card: Card): Action[] {
  return [
    OnlyToMain(
      action(
        'DISCOVERY_STREAM_BLOCK_STORY',
        card.type === 'spoc' ? { id: card.story.id, flightId: card.story.flightId } : { id: card.story.id },
      ),
    ),
    ac.ImpressionStats({ source: CARD_SOURCE, block: 0, tiles: [tile(card, 'delete')] }),
  ];
}

/** Reporting a story (or a spoc) with one of Firefox's reasons hides it, as Firefox's report form does. */
export function reportEvents(card: Card, reason: ReportReason): Action[] {
  return [userEvent('REPORT_CONTENT', card, { ...sectionOf(card), report_reason: reason }), ...hide(card)];
}

export const storyEvents = {
  /** The card's link was followed (the browser navigates by itself). */
  open: (card: Card): Action[] => [
    userEvent('CLICK', card),
    ac.ImpressionStats({ source: CARD_SOURCE, click: 0, tiles: [tile(card, 'click')] }),
  ],
  save: (card: Card): Action[] => [
    OnlyToMain(action('DISCOVERY_STREAM_SAVE_STORY', { id: card.story.id })),
    ac.ImpressionStats({ source: CARD_SOURCE, pocket: 0, tiles: [tile(card, 'save')] }),
  ],
  unsave: (card: Card): Action[] => [OnlyToMain(action('DISCOVERY_STREAM_UNSAVE_STORY', { id: card.story.id }))],
  block: (card: Card): Action[] => {
    const [request, stats] = hide(card) as [Action, Action];
    return [request, userEvent('BLOCK', card), stats];
  },
  /** Kept (the button stays pressed across reloads); the story stays. */
  thumbsUp: (card: Card): Action[] => [
    AlsoToMain(action('DISCOVERY_STREAM_THUMBS_UP', { id: card.story.id })),
    userEvent('THUMBS_UP', card, sectionOf(card)),
  ],
  /** "Not for me": the story goes, as a dismissal does. */
  thumbsDown: (card: Card): Action[] => [userEvent('THUMBS_DOWN', card, sectionOf(card)), ...hide(card)],
  openNewWindow: (card: Card): Action[] => [
    OnlyToMain(action('OPEN_NEW_WINDOW', { url: card.story.url })),
    userEvent('OPEN_NEW_WINDOW', card),
  ],
  openPrivateWindow: (card: Card): Action[] => [
    OnlyToMain(action('OPEN_PRIVATE_WINDOW', { url: card.story.url })),
    userEvent('OPEN_PRIVATE_WINDOW', card),
  ],
  bookmark: (card: Card): Action[] => [
    OnlyToMain(action('BOOKMARK_URL', { url: card.story.url, title: card.story.title })),
    userEvent('BOOKMARK_ADD', card),
  ],
  showPrivacyInfo: (card: Card): Action[] => [userEvent('SHOW_PRIVACY_INFO', card)],
};

export type StoryEventName = keyof typeof storyEvents;
