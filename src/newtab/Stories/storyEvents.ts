// What each thing a user does to a card dispatches: the request to the
// background, the user event and, as Firefox's DSLinkMenu does, the
// impression-stats ping with the matching spoc shim. Pings carry ids,
// positions and shims only; URLs and titles go to the background alone.
import { OnlyToMain, ac, action, type Action } from '../../common/actions';
import type { ImpressionTile, UserEvent } from '../../common/pings/types';
import type { Card, SpocShims } from '../../common/stories/types';

export const CARD_SOURCE = 'CARDGRID';

function tile(card: Card, shim: keyof SpocShims): ImpressionTile {
  const token = card.type === 'spoc' ? card.story.shim[shim] : undefined;
  return token ? { id: card.story.id, pos: card.pos, shim: token } : { id: card.story.id, pos: card.pos };
}

function userEvent(event: UserEvent, card: Card): Action {
  return ac.UserEvent({ event, source: CARD_SOURCE, action_position: card.pos, value: { card_type: card.type } });
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
  block: (card: Card): Action[] => [
    OnlyToMain(
      action(
        'DISCOVERY_STREAM_BLOCK_STORY',
        card.type === 'spoc' ? { id: card.story.id, flightId: card.story.flightId } : { id: card.story.id },
      ),
    ),
    userEvent('BLOCK', card),
    ac.ImpressionStats({ source: CARD_SOURCE, block: 0, tiles: [tile(card, 'delete')] }),
  ],
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
