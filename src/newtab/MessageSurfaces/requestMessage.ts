// Firefox's new tab asks ASRouter for a message once it has loaded
// (trigger `newtabMessageCheck`). Ours asks once per page session, as soon as
// the page has the background's state; a reconnect after the background was
// suspended does not ask again, so a message is not chosen twice for one page.
// `onAnswered` runs once the background has answered, message or not: the page
// marks it, so tests and tools can tell "nothing to show" from "not asked yet".
import { ac, type Action } from '../../common/actions';
import type { RootState } from '../../common/reducers';

export interface ReadyStore {
  getState(): Pick<RootState, 'Prefs' | 'Messaging'>;
  subscribe(listener: () => void): () => void;
  dispatch(a: Action): unknown;
}

export function requestMessageWhenReady(store: ReadyStore, onAnswered: () => void = () => undefined): void {
  let asked = false;
  let answered = false;
  const follow = () => {
    if (!asked && store.getState().Prefs.initialized) {
      asked = true;
      store.dispatch(ac.MessagingTrigger());
    }
    if (asked && !answered && store.getState().Messaging.answered) {
      answered = true;
      unsubscribe();
      onAnswered();
    }
  };
  const unsubscribe = store.subscribe(follow);
  follow();
}
