import { describe, expect, it } from 'vitest';
import { action, type Action } from '../../common/actions';
import { SaveToListFeed } from './SaveToListFeed';

function setup(pages: Record<number, { url: string; title: string }>) {
  const saved: [string, string][] = [];
  const dispatched: Action[] = [];
  const feed = new SaveToListFeed({
    tabPage: async (tabId) => pages[tabId] ?? null,
    savePage: async (url, title) => {
      if (!/^https?:/.test(url)) return false;
      saved.push([url, title]);
      return true;
    },
  });
  const store = { dispatch: (a: Action) => void dispatched.push(a), getState: () => ({}) as never };
  const run = (data: Action<'SAVE_TO_LIST'>['data']) => feed.onAction(action('SAVE_TO_LIST', data), store);
  const pings = () => dispatched.flatMap((a) => (a.type === 'TELEMETRY_POCKET_BUTTON' ? a.data.events : []));
  return { saved, run, pings };
}

describe('SaveToListFeed', () => {
  it("saves the tab's page, or the link the menu was opened on, and reports a save_button click without either", async () => {
    const t = setup({ 4: { url: 'https://example.org/article', title: 'An article' } });
    await t.run({ tabId: 4 });
    await t.run({ tabId: 4, link: { url: 'https://example.org/linked', text: 'Linked' } });
    expect(t.saved).toEqual([
      ['https://example.org/article', 'An article'],
      ['https://example.org/linked', 'Linked'],
    ]);
    expect(t.pings()).toEqual([
      { action: 'click', position: 0, source: 'save_button' },
      { action: 'click', position: 0, source: 'save_button' },
    ]);
    expect(JSON.stringify(t.pings())).not.toMatch(/example|article|Linked/);
  });

  it('saves nothing and sends nothing for a gone tab or a page that cannot be saved', async () => {
    const t = setup({ 5: { url: 'about:config', title: 'x' } });
    await t.run({ tabId: 9 });
    await t.run({ tabId: 5 });
    expect(t.saved).toEqual([]);
    expect(t.pings()).toEqual([]);
  });
});
