// Starts one of our pages: picks the locale, opens the port to the background,
// creates the page store and renders. Shared by new tab, home, welcome and options.
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import browser from 'webextension-polyfill';
import { OnlyToMain, ac, action, type PageKind } from '../../common/actions';
import { resolveLocale, translator } from '../../common/i18n';
import { I18nContext } from './i18nContext';
import { initStore, type PageStore } from './initStore';
import { PageConnection } from './PageConnection';
import { detectUserSessionStart } from './detectUserSessionStart';
import { askUntilAnswered } from './askUntilAnswered';
import { reportVisibleUntil } from './reportVisibleUntil';
import { ReportedPerf } from './reportedPerf';
import { applyTheme } from './theme';
import type { Theme } from '../../common/prefs';
import { bootPaint } from '../boot/bootPaint';
import { prefsFingerprint, removeStaleSnapshots } from '../boot/snapshot';

/** The tab title of each page, from the locale. */
const TITLE_KEYS: Record<PageKind, string> = {
  'about:newtab': 'newtabTitle',
  'about:home': 'homeTitle',
  'about:welcome': 'welcomeTitle',
  'about:preferences': 'optionsTitle',
  'toolbar-popup': 'popupTitle',
};

/** `render` gets the page store and this page's instance id (the key of its session in the background). */
export function bootPage(page: PageKind, render: (store: PageStore, instanceId: string) => ReactNode): PageStore {
  const params = new URLSearchParams(location.search);
  const tr = translator(resolveLocale([params.get('locale'), browser.i18n.getUILanguage(), navigator.language]));
  document.documentElement.lang = tr.locale;
  document.documentElement.dir = tr.dir;
  document.title = tr.t(TITLE_KEYS[page]);

  let store: PageStore | null = null;
  const instanceId = crypto.randomUUID();
  const reportedPerf = new ReportedPerf();
  const connection = new PageConnection(
    (name) => browser.runtime.connect({ name }),
    page,
    instanceId,
    (a) => store?.dispatch(a),
    (generation) => {
      document.body.dataset.reconnections = String(generation);
      store?.dispatch(ac.StateRequest());
      const perf = reportedPerf.again();
      if (perf) store?.dispatch(perf);
    },
  );
  store = initStore({
    send(a) {
      reportedPerf.note(a);
      connection.send(a);
    },
  });
  connection.open();
  // An action posted as the background was being suspended is lost with its
  // port; the page must hand it over again before it goes.
  addEventListener('pagehide', () => connection.flush());
  const pageStore = store;
  askUntilAnswered(
    () => pageStore.dispatch(ac.StateRequest()),
    () => pageStore.getState().Prefs.initialized,
  );
  // The options page and the toolbar popup are no Activity Stream pages: they have no session to start.
  if (page !== 'about:preferences' && page !== 'toolbar-popup') {
    detectUserSessionStart(document, performance, (visibleAt) =>
      store?.dispatch(ac.PerfData({ visibility_event_rcvd_ts: visibleAt })),
    );
    reportVisibleUntil(document, { setInterval: (cb, ms) => setInterval(cb, ms), clearInterval: (h) => clearInterval(h as number) }, () =>
      store?.dispatch(OnlyToMain(action('PAGE_VISIBLE_UNTIL_NOW', undefined))),
    );
  }

  const root = document.getElementById('root');
  if (!root) throw new Error('bootPage: no #root element');
  // The first render happens in this task, so always before the background's
  // answer (a later task): the page shows its frame at once, and sections
  // waiting for data measure how late it came (Firefox's _data_late_by_ms).
  const reactRoot = createRoot(root);
  flushSync(() =>
    reactRoot.render(
      <Provider store={store}>
        <I18nContext.Provider value={tr}>{render(store, instanceId)}</I18nContext.Provider>
      </Provider>,
    ),
  );
  // Tests and automation wait for this marker: the page has the background's
  // state, and shows its own DOM (no boot paint stands in for it any more).
  const markReady = () => {
    if (store?.getState().Prefs.initialized && bootPaint.handedOver) {
      document.body.dataset.ready = '1';
      unsubscribe();
    }
  };
  const unsubscribe = store.subscribe(markReady);
  bootPaint.whenHandedOver(markReady);
  // Boot snapshots made with other prefs are stale (a section hidden on the
  // settings page must not flash in the next tab's boot paint). A page with
  // no top sites to paint also ends the boot paint: its own DOM is final.
  let prefsSeen: unknown = null;
  const followPrefs = () => {
    const prefs = pageStore.getState().Prefs;
    if (!prefs.initialized || prefs.values === prefsSeen) return;
    prefsSeen = prefs.values;
    try {
      removeStaleSnapshots(localStorage, prefsFingerprint(prefs.values));
    } catch {
      // No localStorage: no snapshots.
    }
    if (!prefs.values['feeds.topsites']) bootPaint.handOver();
  };
  store.subscribe(followPrefs);
  // The theme pref, whenever it changes (a preview may set another meanwhile);
  // until the prefs come, the theme the boot paint restored (or the system's) stays.
  let theme: Theme | null = null;
  const followTheme = () => {
    if (!pageStore.getState().Prefs.initialized) return;
    const next = pageStore.getState().Prefs.values.theme;
    if (next !== theme) applyTheme(document.documentElement, (theme = next));
  };
  followTheme();
  store.subscribe(followTheme);
  return store;
}
