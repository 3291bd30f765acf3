// Starts one of our pages: picks the locale, opens the port to the background,
// creates the page store and renders. Shared by new tab, home, welcome and options.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import browser from 'webextension-polyfill';
import { ac, type PageKind } from '../../common/actions';
import { resolveLocale, translator } from '../../common/i18n';
import { I18nContext } from './i18nContext';
import { initStore, type PageStore } from './initStore';
import { PageConnection } from './PageConnection';

export function bootPage(page: PageKind, render: (store: PageStore) => ReactNode): PageStore {
  const params = new URLSearchParams(location.search);
  const tr = translator(resolveLocale([params.get('locale'), browser.i18n.getUILanguage(), navigator.language]));
  document.documentElement.lang = tr.locale;
  document.documentElement.dir = tr.dir;

  let store: PageStore | null = null;
  const connection = new PageConnection(
    (name) => browser.runtime.connect({ name }),
    page,
    crypto.randomUUID(),
    (a) => store?.dispatch(a),
    (generation) => {
      document.body.dataset.reconnections = String(generation);
      store?.dispatch(ac.StateRequest());
    },
  );
  store = initStore(connection);
  connection.open();
  store.dispatch(ac.StateRequest());

  const root = document.getElementById('root');
  if (!root) throw new Error('bootPage: no #root element');
  createRoot(root).render(
    <Provider store={store}>
      <I18nContext.Provider value={tr}>{render(store)}</I18nContext.Provider>
    </Provider>,
  );
  // Tests and automation wait for this marker: the page has the background's state.
  const markReady = () => {
    if (store?.getState().Prefs.initialized) {
      document.body.dataset.ready = '1';
      unsubscribe();
    }
  };
  const unsubscribe = store.subscribe(markReady);
  return store;
}
