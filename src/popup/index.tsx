// The toolbar button's popup, and in Firefox the address bar's page action
// popup (?view=cfr): it tells the background it opened, for the tab the button
// was clicked in. Tests open this page in a tab of its own and name that tab
// with ?tabId= (Playwright cannot click the browser's toolbar).
import browser from 'webextension-polyfill';
import { ac } from '../common/actions';
import type { PopupView } from '../common/messaging/types';
import { bootPage } from '../newtab/lib/bootPage';
import { Popup } from './Popup';

async function clickedTabId(): Promise<number | null> {
  const named = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isSafeInteger(named) && named >= 0 && new URLSearchParams(location.search).has('tabId')) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const view: PopupView = new URLSearchParams(location.search).get('view') === 'cfr' ? 'cfr' : 'toolbar';
const store = bootPage('toolbar-popup', () => <Popup view={view} openNewTab={() => void browser.tabs.create({})} />);
void clickedTabId().then((tabId) => store.dispatch(ac.ToolbarPopupOpened(tabId, view)));
