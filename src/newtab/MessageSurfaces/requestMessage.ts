// Firefox's new tab asks ASRouter for a message once it has loaded
// (trigger `newtabMessageCheck`). Ours asks once per page session, as soon as
// the page has the background's state; a reconnect after the background was
// suspended does not ask again, so a message is not chosen twice for one page.
import { ac, type Action } from '../../common/actions';
import type { RootState } from '../../common/reducers';

export interface ReadyStore {
  getState(): Pick<RootState, 'Prefs'>;
  subscribe(listener: () => void): () => void;
  dispatch(a: Action): unknown;
}

export function requestMessageWhenReady(store: ReadyStore): void {
  let asked = false;
  const askIfReady = () => {
    if (asked || !store.getState().Prefs.initialized) return;
    asked = true;
    unsubscribe();
    store.dispatch(ac.MessagingTrigger());
  };
  const unsubscribe = store.subscribe(askIfReady);
  askIfReady();
}
