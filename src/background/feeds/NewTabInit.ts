// Answers a page's state request with the whole background state, so a page
// (or a page that reconnected after a suspension) rehydrates in one step.
import { AlsoToOneContent, action, actionUtils, type Action } from '../../common/actions';
import type { Feed, FeedStore } from './Feed';

export class NewTabInit implements Feed {
  readonly name = 'NewTabInit';

  onAction(a: Action, store: FeedStore): void {
    if (a.type !== 'NEW_TAB_STATE_REQUEST') return;
    const portId = actionUtils.getPortIdOfSender(a);
    if (!portId) return;
    const state = store.getState() as unknown as Record<string, unknown>;
    store.dispatch(AlsoToOneContent(action('NEW_TAB_INITIAL_STATE', state), portId, true));
  }
}
