// Answers a page's state request with the whole background state, so a page
// (or a page that reconnected after a suspension) rehydrates in one step.
// The Messaging slice is left out: each page has its own message, sent to it
// alone, which a reconnect must not wipe.
import { AlsoToOneContent, action, actionUtils, type Action } from '../../common/actions';
import type { Feed, FeedStore } from './Feed';

export class NewTabInit implements Feed {
  readonly name = 'NewTabInit';

  onAction(a: Action, store: FeedStore): void {
    if (a.type !== 'NEW_TAB_STATE_REQUEST') return;
    const portId = actionUtils.getPortIdOfSender(a);
    if (!portId) return;
    const { Messaging: _perPage, ...state } = store.getState();
    store.dispatch(AlsoToOneContent(action('NEW_TAB_INITIAL_STATE', state), portId, true));
  }
}
