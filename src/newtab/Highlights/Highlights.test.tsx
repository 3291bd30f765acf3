// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import type { HighlightItem, HighlightsState } from '../../common/highlights';
import { renderForTest } from '../../test-support/renderForTest';
import { Highlights } from './Highlights';

afterEach(cleanup);

const BOOKMARK: HighlightItem = {
  url: 'https://example.org/recipes',
  title: 'Recipes',
  hostname: 'example.org',
  type: 'bookmark',
  bookmarkGuid: 'bm-1',
  date: 2,
};
const VISIT: HighlightItem = { url: 'https://news.example.com/a', title: 'Breaking news', hostname: 'news.example.com', type: 'history', date: 1 };

function update(page: ReturnType<typeof renderForTest>, state: Partial<HighlightsState>) {
  act(() => {
    page.store.dispatch(
      BroadcastToContent(action('HIGHLIGHTS_UPDATE', { initialized: true, rows: [], canOpenPrivateWindow: false, ...state })),
    );
  });
}

function openMenuOf(title: string) {
  const card = screen.getByRole('link', { name: new RegExp(title) }).closest('li')!;
  fireEvent.click(within(card).getByRole('button', { name: 'More options' }));
  return screen.getByRole('menu');
}

describe('Highlights', () => {
  it('reports highlights_data_late_by_ms once when it first rendered empty', () => {
    let clock = 100;
    const page = renderForTest(<Highlights now={() => clock} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    clock = 167.4;
    update(page, { rows: [BOOKMARK] });
    update(page, { rows: [BOOKMARK, VISIT] });
    expect(page.sentOfType('SAVE_SESSION_PERF_DATA').map((a) => a.data)).toEqual([{ highlights_data_late_by_ms: 67 }]);
  });

  it('reports nothing when the data was there at the first render', () => {
    const page = renderForTest(<p />);
    update(page, { rows: [BOOKMARK] });
    page.rerender(<Highlights />);
    expect(page.sentOfType('SAVE_SESSION_PERF_DATA')).toEqual([]);
  });

  it('shows a card per item and says when there is nothing yet', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [] });
    expect(screen.getByText('Pages you bookmark or visit will show up here.')).toBeTruthy();
    update(page, { rows: [BOOKMARK, VISIT] });
    const links = screen.getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual([BOOKMARK.url, VISIT.url]);
    expect(links[0]!.textContent).toContain('Bookmarked');
    expect(links[1]!.textContent).toContain('Visited');
  });

  it('a click sends CLICK from HIGHLIGHTS with the position; card_type only for bookmarks', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [BOOKMARK, VISIT] });
    const [first, second] = screen.getAllByRole('link');
    first!.addEventListener('click', (e) => e.preventDefault());
    second!.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(first!);
    fireEvent.click(second!);
    expect(page.userEvents()).toEqual([
      { event: 'CLICK', source: 'HIGHLIGHTS', action_position: 0, value: { card_type: 'bookmark' } },
      { event: 'CLICK', source: 'HIGHLIGHTS', action_position: 1 },
    ]);
  });

  it('bookmarks a visited page and removes a bookmark, with BOOKMARK_ADD / BOOKMARK_DELETE', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [BOOKMARK, VISIT] });
    fireEvent.click(within(openMenuOf('Breaking news')).getByRole('menuitem', { name: 'Bookmark' }));
    fireEvent.click(within(openMenuOf('Recipes')).getByRole('menuitem', { name: 'Remove bookmark' }));
    expect(page.sentOfType('BOOKMARK_URL').map((a) => a.data)).toEqual([{ url: VISIT.url, title: 'Breaking news' }]);
    expect(page.sentOfType('DELETE_BOOKMARK_BY_ID').map((a) => a.data)).toEqual([{ bookmarkGuid: 'bm-1' }]);
    expect(page.userEvents()).toEqual([
      { event: 'BOOKMARK_ADD', source: 'HIGHLIGHTS', action_position: 1, value: { card_type: 'history' } },
      { event: 'BOOKMARK_DELETE', source: 'HIGHLIGHTS', action_position: 0, value: { card_type: 'bookmark' } },
    ]);
  });

  it('opens in a new window, and in a private one only when allowed', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [VISIT] });
    let menu = openMenuOf('Breaking news');
    expect(within(menu).queryByRole('menuitem', { name: 'Open in a new private window' })).toBeNull();
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Open in a new window' }));
    update(page, { rows: [VISIT], canOpenPrivateWindow: true });
    menu = openMenuOf('Breaking news');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Open in a new private window' }));
    expect(page.sentOfType('OPEN_NEW_WINDOW').map((a) => a.data)).toEqual([{ url: VISIT.url }]);
    expect(page.sentOfType('OPEN_PRIVATE_WINDOW').map((a) => a.data)).toEqual([{ url: VISIT.url }]);
    expect(page.userEvents().map((e) => [e.event, e.source, e.action_position])).toEqual([
      ['OPEN_NEW_WINDOW', 'HIGHLIGHTS', 0],
      ['OPEN_PRIVATE_WINDOW', 'HIGHLIGHTS', 0],
    ]);
  });

  it('deletes from history only after the user confirms', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [BOOKMARK, VISIT] });
    fireEvent.click(within(openMenuOf('Breaking news')).getByRole('menuitem', { name: 'Delete from history' }));
    const dialog = screen.getByRole('alertdialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(page.sentOfType('DELETE_HISTORY_URL')).toEqual([]);

    fireEvent.click(within(openMenuOf('Breaking news')).getByRole('menuitem', { name: 'Delete from history' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(page.sentOfType('DELETE_HISTORY_URL').map((a) => a.data)).toEqual([{ url: VISIT.url }]);
    expect(page.userEvents()).toEqual([{ event: 'DELETE', source: 'HIGHLIGHTS', action_position: 1, value: { card_type: 'history' } }]);
  });

  it('never puts a URL or title into a user event', () => {
    const page = renderForTest(<Highlights />);
    update(page, { rows: [BOOKMARK, VISIT] });
    for (const title of ['Recipes', 'Breaking news']) {
      const menu = openMenuOf(title);
      fireEvent.click(within(menu).getAllByRole('menuitem')[0]!);
    }
    const events = JSON.stringify(page.userEvents());
    for (const secret of [BOOKMARK.url, VISIT.url, 'example', 'Recipes', 'Breaking']) expect(events).not.toContain(secret);
  });
});
