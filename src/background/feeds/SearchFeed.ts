// Runs searches for pages. A page cannot use the search API itself in every
// browser, and the background knows which tab each page is in: the results
// replace the page that asked, which ends its session as the tab navigates.
import { actionUtils, type Action } from '../../common/actions';
import { addressBarTarget } from '../../common/search';
import { searchShortcutFor } from '../../common/topSites/catalog';
import type { SearchData } from '../browserData';
import type { Feed } from './Feed';

export class SearchFeed implements Feed {
  readonly name = 'SearchFeed';
  /** Which tab each connected page is in. */
  private readonly tabOfPort = new Map<string, number | null>();

  constructor(private readonly search: SearchData) {}

  onAction(a: Action): Promise<void> | void {
    switch (a.type) {
      case 'NEW_TAB_INIT':
        this.tabOfPort.set(a.data.portId, a.data.tabId);
        return;
      case 'NEW_TAB_UNLOAD':
        this.tabOfPort.delete(a.data.portId);
        return;
      case 'SEARCH_QUERY':
        return this.search.searchInTab(a.data.text.trim(), this.senderTab(a));
      case 'SEARCH_WITH_SHORTCUT': {
        // messages.ts only lets known vendors through.
        const engine = searchShortcutFor(a.data.vendor);
        return engine && this.search.searchWithEngine(a.data.text.trim(), engine, this.senderTab(a));
      }
      case 'HANDOFF_SEARCH_TO_AWESOMEBAR': {
        const target = addressBarTarget(a.data.text);
        const tabId = this.senderTab(a);
        return target.kind === 'url' ? this.search.openInTab(target.url, tabId) : this.search.searchInTab(target.text, tabId);
      }
    }
  }

  /** The sender's tab; null (the current tab) if the page's tab is unknown. */
  private senderTab(a: Action): number | null {
    const portId = actionUtils.getPortIdOfSender(a);
    return portId ? (this.tabOfPort.get(portId) ?? null) : null;
  }
}
