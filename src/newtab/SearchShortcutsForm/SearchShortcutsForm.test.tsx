// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TopSiteSlot } from '../../common/topSites/types';
import { renderForTest } from '../../test-support/renderForTest';
import { SearchShortcutsForm } from './SearchShortcutsForm';

afterEach(cleanup);

const site = (url: string, extra: object = {}) => ({ url, label: url, hostname: new URL(url).hostname, ...extra });
const ROWS: TopSiteSlot[] = [
  site('https://pinned.example/', { isPinned: true }),
  site('https://www.bing.com/', { isPinned: true, searchVendor: 'bing' }),
  site('https://news.example/'),
  null,
  site('https://www.wikipedia.org/'),
];

describe('SearchShortcutsForm', () => {
  it('lists the engines with the current shortcuts checked', () => {
    renderForTest(<SearchShortcutsForm rows={ROWS} onClose={() => {}} />);
    const checked = screen.getAllByRole<HTMLInputElement>('checkbox').map((c) => [c.name, c.checked]);
    expect(checked).toEqual([
      ['google', false],
      ['bing', true],
      ['duckduckgo', false],
      ['wikipedia', false],
      ['amazon', false],
    ]);
  });

  it('sends the changes, then SEARCH_EDIT_DELETE where a shortcut was and SEARCH_EDIT_ADD where each new one goes', () => {
    const onClose = vi.fn();
    const page = renderForTest(<SearchShortcutsForm rows={ROWS} onClose={onClose} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Bing' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'DuckDuckGo' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Google' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(page.sentOfType('UPDATE_PINNED_SEARCH_SHORTCUTS').map((a) => a.data)).toEqual([{ added: ['google', 'duckduckgo'], deleted: ['bing'] }]);
    // Bing's slot (1) is free again, so the new ones go to 1 and 2.
    expect(page.userEvents()).toEqual([
      { event: 'SEARCH_EDIT_DELETE', source: 'TOP_SITES', action_position: 1, value: { search_vendor: 'bing' } },
      { event: 'SEARCH_EDIT_ADD', source: 'TOP_SITES', action_position: 1, value: { search_vendor: 'google' } },
      { event: 'SEARCH_EDIT_ADD', source: 'TOP_SITES', action_position: 2, value: { search_vendor: 'duckduckgo' } },
    ]);
    expect(onClose).toHaveBeenCalled();
  });

  it('saving without changes, or cancelling, sends nothing', () => {
    const onClose = vi.fn();
    const page = renderForTest(<SearchShortcutsForm rows={ROWS} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(page.sent).toEqual([]);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
