// The save-for-later button outside the new tab: the toolbar popup's "Save
// this page" and the context menu's "Save to list" (on a page or a link) put
// the page in the saved list the new tab's "Save for later" uses
// (DiscoveryStreamFeed). The page's URL and title are read here from the tab
// and stay in storage.local; the ping says only that the save button was used.
import { action, type Action } from '../../common/actions';
import type { Feed, FeedStore } from './Feed';

export interface SaveToListDeps {
  /** The tab's page; null when it is gone or private. */
  tabPage(tabId: number): Promise<{ url: string; title: string } | null>;
  savePage(url: string, title: string): Promise<boolean>;
}

export class SaveToListFeed implements Feed {
  readonly name = 'SaveToListFeed';

  constructor(private readonly deps: SaveToListDeps) {}

  async onAction(a: Action, store: FeedStore): Promise<void> {
    if (a.type !== 'SAVE_TO_LIST') return;
    const page = a.data.link ? { url: a.data.link.url, title: a.data.link.text ?? '' } : await this.deps.tabPage(a.data.tabId);
    if (!page || !(await this.deps.savePage(page.url, page.title))) return;
    store.dispatch(action('TELEMETRY_POCKET_BUTTON', { events: [{ action: 'click', position: 0, source: 'save_button' }] }));
  }
}
