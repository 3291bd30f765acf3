// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import { applyListsOp, initialLists, MAX_ITEMS, type ListsState } from '../../common/widgets/lists';
import { WIDGETS_INITIAL_STATE, type WidgetsState } from '../../common/widgets/reducer';
import { renderForTest } from '../../test-support/renderForTest';
import { NotificationsPermission } from './TimerNotify';
import { Widgets } from './Widgets';
import { WidgetsPrefs } from './WidgetsPrefs';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

type Page = ReturnType<typeof renderForTest>;
/** As the background does: apply each list change the page sent and send the state back. */
function background(page: Page, widgets: Partial<WidgetsState> = {}) {
  let state: WidgetsState = { ...WIDGETS_INITIAL_STATE, ...widgets };
  const send = () => act(() => void page.store.dispatch(BroadcastToContent(action('WIDGETS_UPDATE', state))));
  send();
  let handled = 0;
  return {
    sync() {
      for (const a of page.sentOfType('WIDGETS_LISTS_CHANGE').slice(handled)) {
        state = { ...state, lists: applyListsOp(state.lists, a.data).state };
        handled++;
      }
      send();
    },
    get state() {
      return state;
    },
    set(next: Partial<WidgetsState>) {
      state = { ...state, ...next };
      send();
    },
  };
}
const items = () => screen.queryAllByRole('listitem').map((li) => li.textContent?.replace(/[✎↑↓×]/g, '').trim());
const listEvents = (page: Page) => page.userEvents().filter((e) => e.event === 'WIDGET_LISTS_CHANGE').map((e) => e.value?.widget_action);

describe('Widgets area', () => {
  it('shows the widgets in the user’s order, each a labelled region, under one heading', () => {
    renderForTest(<Widgets />, { prefs: { 'widgets.order': 'focusTimer,lists' } });
    expect(screen.getByRole('heading', { name: 'Widgets', level: 2 })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Focus timer', 'Lists']);
    expect(screen.getByRole('region', { name: 'Lists' })).toBeTruthy();
  });

  it('shows nothing with the master switch off, the system switch off, or every widget hidden', () => {
    for (const prefs of [
      { 'widgets.enabled': false },
      { 'widgets.system.enabled': false },
      { 'widgets.lists.enabled': false, 'widgets.focusTimer.enabled': false },
    ]) {
      const { container } = renderForTest(<Widgets />, { prefs });
      expect(container.innerHTML).toBe('');
      cleanup();
    }
    renderForTest(<Widgets />, { prefs: { 'widgets.lists.enabled': false } });
    expect(screen.queryByRole('region', { name: 'Lists' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Focus timer' })).toBeTruthy();
  });
});

describe('Lists widget', () => {
  it('adds, edits, completes, moves and deletes tasks from the keyboard, saying only what kind of change it was', () => {
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.focusTimer.enabled': false } });
    const bg = background(page);
    const input = screen.getByRole('textbox', { name: 'Add a task' });
    for (const text of ['milk', 'bread', 'eggs']) {
      fireEvent.change(input, { target: { value: text } });
      fireEvent.submit(input);
      bg.sync();
    }
    expect(items()).toEqual(['milk', 'bread', 'eggs']);
    expect((input as HTMLInputElement).value).toBe('');

    // Alt+ArrowUp on the third task's checkbox moves it up and keeps focus on it.
    const eggs = screen.getByRole('checkbox', { name: 'eggs' });
    eggs.focus();
    fireEvent.keyDown(eggs, { key: 'ArrowUp', altKey: true });
    bg.sync();
    expect(items()).toEqual(['milk', 'eggs', 'bread']);
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'eggs' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', altKey: true });
    bg.sync();
    expect(items()).toEqual(['milk', 'bread', 'eggs']);

    // Edit: Enter saves, focus goes back to the edit button.
    fireEvent.click(screen.getByRole('button', { name: 'Edit: milk' }));
    const editor = screen.getByRole('textbox', { name: 'Edit task' });
    fireEvent.change(editor, { target: { value: 'oat milk' } });
    fireEvent.keyDown(editor, { key: 'Enter' });
    bg.sync();
    expect(items()[0]).toBe('oat milk');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit: oat milk' }));

    // Escape cancels an edit.
    fireEvent.click(screen.getByRole('button', { name: 'Edit: bread' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit task' }), { target: { value: 'cake' } });
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Edit task' }), { key: 'Escape' });
    expect(items()[1]).toBe('bread');

    fireEvent.click(screen.getByRole('checkbox', { name: 'bread' }));
    bg.sync();
    expect(bg.state.lists.lists[0]!.items[1]!.completed).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move down: oat milk' }));
    bg.sync();
    expect(items()).toEqual(['bread', 'oat milk', 'eggs']);
    fireEvent.click(screen.getByRole('button', { name: 'Delete: eggs' }));
    bg.sync();
    expect(items()).toEqual(['bread', 'oat milk']);

    expect(listEvents(page)).toEqual(['item_add', 'item_add', 'item_add', 'item_move', 'item_move', 'item_edit', 'item_complete', 'item_move', 'item_delete']);
    // No event carries a task's text.
    expect(JSON.stringify(page.userEvents())).not.toMatch(/milk|bread|eggs/);
  });

  it('makes, renames, switches and deletes lists', () => {
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.focusTimer.enabled': false } });
    const bg = background(page);
    expect(screen.getByRole('button', { name: 'Delete list' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'New list' }));
    bg.sync();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Add a task' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const name = screen.getByRole('textbox', { name: 'List name' });
    fireEvent.change(name, { target: { value: 'Work' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    bg.sync();
    const select = screen.getByRole('combobox', { name: 'Choose a list' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['List 1', 'Work']);
    fireEvent.change(select, { target: { value: 'default' } });
    bg.sync();
    expect(bg.state.lists.selected).toBe('default');
    fireEvent.click(screen.getByRole('button', { name: 'Delete list' }));
    bg.sync();
    expect(bg.state.lists.lists.map((l) => l.name)).toEqual(['Work']);
    expect(listEvents(page)).toEqual(['list_add', 'list_rename', 'list_delete']);
    expect(JSON.stringify(page.userEvents())).not.toMatch(/Work/);
  });

  it('says so at the limit of tasks and does not send the change', () => {
    let full: ListsState = initialLists();
    for (let i = 0; i < MAX_ITEMS; i++) full = applyListsOp(full, { op: 'addItem', list: 'default', id: `i${i}`, text: `t${i}` }).state;
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.focusTimer.enabled': false } });
    background(page, { lists: full });
    expect(screen.getByRole('textbox', { name: 'Add a task' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/This list is full: 100 tasks at most/)).toBeTruthy();
  });

  it('says when the stored lists could not be read', () => {
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.focusTimer.enabled': false } });
    background(page, { listsUnreadable: true });
    expect(screen.getByRole('alert').textContent).toMatch(/could not be read/);
  });
});

describe('Focus timer widget', () => {
  it('plays, pauses and resets through the background, reporting each with its mode', () => {
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.lists.enabled': false } });
    const bg = background(page);
    expect(screen.getByText('25:00')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(page.sentOfType('WIDGETS_TIMER_CHANGE').map((a) => a.data)).toEqual([{ op: 'play' }]);
    bg.set({ timer: { mode: 'focus', status: 'running', endsAt: Date.now() + 60_000, remainingMs: null } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    bg.set({ timer: { mode: 'focus', status: 'paused', endsAt: null, remainingMs: 61_000 } });
    expect(screen.getByText('1:01')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Focus' }).getAttribute('aria-valuetext')).toBe('1 minutes 1 seconds left');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    fireEvent.click(screen.getByRole('button', { name: 'Break' }));
    expect(page.sentOfType('WIDGETS_TIMER_CHANGE').map((a) => a.data)).toEqual([{ op: 'play' }, { op: 'pause' }, { op: 'reset' }, { op: 'setMode', mode: 'break' }]);
    expect(page.userEvents().map((e) => [e.event, e.source, e.value?.timer_mode])).toEqual([
      ['WIDGET_TIMER_PLAY', 'WIDGET_FOCUS_TIMER', 'focus'],
      ['WIDGET_TIMER_PAUSE', 'WIDGET_FOCUS_TIMER', 'focus'],
      ['WIDGET_TIMER_RESET', 'WIDGET_FOCUS_TIMER', 'focus'],
      ['WIDGET_TIMER_MODE', 'WIDGET_FOCUS_TIMER', 'break'],
    ]);
  });

  it('counts down and shows "done" at the end without waiting for the background', () => {
    vi.useFakeTimers({ now: 0 });
    const page = renderForTest(<Widgets />, { prefs: { 'widgets.lists.enabled': false, 'widgets.focusTimer.focusSeconds': 3 } });
    background(page, { timer: { mode: 'focus', status: 'running', endsAt: 3000, remainingMs: null } });
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByText('0:02')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(2000));
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('Time is up: take a break.');
  });

  it('asks for the notification permission when turned on, and keeps it off when refused', async () => {
    for (const granted of [true, false]) {
      const request = vi.fn(async () => granted);
      const page = renderForTest(
        <NotificationsPermission.Provider value={request}>
          <Widgets />
        </NotificationsPermission.Provider>,
        { prefs: { 'widgets.lists.enabled': false } },
      );
      await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Notify me when time is up' })));
      expect(request).toHaveBeenCalledTimes(1);
      expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual(granted ? [{ name: 'widgets.focusTimer.notify', value: true }] : []);
      expect(Boolean(screen.queryByText(/Notifications were not allowed/))).toBe(!granted);
      cleanup();
    }
  });
});

describe('WidgetsPrefs', () => {
  const panel = (prefs = {}) => renderForTest(<WidgetsPrefs menuSource="CUSTOMIZE_MENU" rowClass="r" subRowClass="s" switches />, { prefs });

  it('has the master switch and one switch per widget, each sending PREF_CHANGED with its source', () => {
    const page = panel();
    fireEvent.click(screen.getByRole('switch', { name: 'Focus timer' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Widgets' }));
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([
      { name: 'widgets.focusTimer.enabled', value: false },
      { name: 'widgets.enabled', value: false },
    ]);
    expect(page.userEvents()).toEqual([
      { event: 'PREF_CHANGED', source: 'WIDGET_FOCUS_TIMER', value: { status: false, menu_source: 'CUSTOMIZE_MENU' } },
      { event: 'PREF_CHANGED', source: 'WIDGETS', value: { status: false, menu_source: 'CUSTOMIZE_MENU' } },
    ]);
  });

  it('moves a widget up or down and reports its new position', () => {
    const page = panel();
    expect(screen.getByRole('button', { name: 'Move up: Lists' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Move down: Focus timer' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Move up: Focus timer' }));
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'widgets.order', value: 'focusTimer,lists' }]);
    expect(page.userEvents()).toEqual([{ event: 'WIDGETS_REORDER', source: 'WIDGET_FOCUS_TIMER', action_position: 0 }]);
  });

  it('turns each widget’s controls off with the master switch, and says so when the system offers none', () => {
    panel({ 'widgets.enabled': false });
    expect(screen.getByRole('switch', { name: 'Lists' })).toHaveProperty('disabled', true);
    cleanup();
    panel({ 'widgets.system.enabled': false });
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getByText(/not available in this browser/)).toBeTruthy();
  });
});
