import { describe, expect, it } from 'vitest';
import {
  applyListsOp,
  initialLists,
  listsOpError,
  listsTelemetryAction,
  LIST_OPS,
  MAX_ITEMS,
  MAX_LISTS,
  parseStoredLists,
  type ListsOp,
  type ListsState,
} from './lists';

const L = 'default';
function withItems(...texts: string[]): ListsState {
  return texts.reduce((s, text, i) => applyListsOp(s, { op: 'addItem', list: L, id: `i${i}`, text }).state, initialLists());
}
const texts = (s: ListsState, list = L) => s.lists.find((l) => l.id === list)!.items.map((i) => i.text);

describe('applyListsOp', () => {
  it('adds, edits, completes, reopens and deletes items, trimming text', () => {
    let s = withItems('  milk ', 'bread');
    expect(texts(s)).toEqual(['milk', 'bread']);
    s = applyListsOp(s, { op: 'editItem', list: L, item: 'i0', text: 'oat milk' }).state;
    s = applyListsOp(s, { op: 'completeItem', list: L, item: 'i1', completed: true }).state;
    expect(s.lists[0]!.items).toEqual([
      { id: 'i0', text: 'oat milk', completed: false },
      { id: 'i1', text: 'bread', completed: true },
    ]);
    s = applyListsOp(s, { op: 'completeItem', list: L, item: 'i1', completed: false }).state;
    expect(s.lists[0]!.items[1]!.completed).toBe(false);
    s = applyListsOp(s, { op: 'deleteItem', list: L, item: 'i0' }).state;
    expect(texts(s)).toEqual(['bread']);
  });

  it('moves an item up and down, and not past either end', () => {
    const s = withItems('a', 'b', 'c');
    expect(texts(applyListsOp(s, { op: 'moveItem', list: L, item: 'i2', delta: -1 }).state)).toEqual(['a', 'c', 'b']);
    expect(texts(applyListsOp(s, { op: 'moveItem', list: L, item: 'i0', delta: 1 }).state)).toEqual(['b', 'a', 'c']);
    expect(applyListsOp(s, { op: 'moveItem', list: L, item: 'i0', delta: -1 }).state).toBe(s);
    expect(applyListsOp(s, { op: 'moveItem', list: L, item: 'i2', delta: 1 }).state).toBe(s);
  });

  it('adds, selects, renames and deletes lists; the last list stays', () => {
    let s = applyListsOp(initialLists(), { op: 'addList', id: 'work', name: ' Work ' }).state;
    expect(s.selected).toBe('work');
    expect(s.lists.map((l) => l.name)).toEqual(['', 'Work']);
    s = applyListsOp(s, { op: 'renameList', list: 'work', name: 'Job' }).state;
    s = applyListsOp(s, { op: 'selectList', list: L }).state;
    expect(s.selected).toBe(L);
    s = applyListsOp(s, { op: 'selectList', list: 'work' }).state;
    s = applyListsOp(s, { op: 'deleteList', list: 'work' }).state;
    expect(s).toEqual(initialLists());
    expect(applyListsOp(s, { op: 'deleteList', list: L })).toEqual({ state: s, error: 'widgetListsLastList' });
  });

  it(`refuses an eleventh list and a hundred-and-first item with the limit's message`, () => {
    let s = initialLists();
    for (let i = 1; i < MAX_LISTS; i++) s = applyListsOp(s, { op: 'addList', id: `l${i}`, name: '' }).state;
    expect(s.lists).toHaveLength(MAX_LISTS);
    expect(applyListsOp(s, { op: 'addList', id: 'one-more', name: '' })).toEqual({ state: s, error: 'widgetListsMaxLists' });
    let t = initialLists();
    for (let i = 0; i < MAX_ITEMS; i++) t = applyListsOp(t, { op: 'addItem', list: L, id: `i${i}`, text: 'x' }).state;
    expect(applyListsOp(t, { op: 'addItem', list: L, id: 'more', text: 'x' })).toEqual({ state: t, error: 'widgetListsMaxItems' });
  });

  it('leaves the state alone for unknown lists, unknown items and repeated ids (a race with another tab)', () => {
    const s = withItems('a');
    for (const op of [
      { op: 'addItem', list: 'gone', id: 'x', text: 'a' },
      { op: 'addItem', list: L, id: 'i0', text: 'again' },
      { op: 'editItem', list: L, item: 'gone', text: 'b' },
      { op: 'deleteList', list: 'gone' },
      { op: 'selectList', list: 'gone' },
      { op: 'addList', id: L, name: 'dup' },
    ] as ListsOp[]) {
      expect(applyListsOp(s, op).state).toBe(s);
    }
  });
});

describe('listsOpError', () => {
  it('accepts every change the page sends', () => {
    const ok: ListsOp[] = [
      { op: 'addList', id: crypto.randomUUID(), name: '' },
      { op: 'renameList', list: L, name: 'x' },
      { op: 'deleteList', list: L },
      { op: 'selectList', list: L },
      { op: 'addItem', list: L, id: 'a', text: 'x' },
      { op: 'editItem', list: L, item: 'a', text: 'x' },
      { op: 'completeItem', list: L, item: 'a', completed: true },
      { op: 'moveItem', list: L, item: 'a', delta: -1 },
      { op: 'deleteItem', list: L, item: 'a' },
    ];
    expect(ok.map((o) => o.op)).toEqual([...LIST_OPS]);
    expect(ok.map(listsOpError)).toEqual(ok.map(() => null));
  });

  it.each([
    ['no op', {}],
    ['an unknown op', { op: 'drop' }],
    ['an empty task', { op: 'addItem', list: L, id: 'a', text: '   ' }],
    ['a text too long', { op: 'addItem', list: L, id: 'a', text: 'x'.repeat(201) }],
    ['a bad id', { op: 'deleteList', list: '../x' }],
    ['a move of two', { op: 'moveItem', list: L, item: 'a', delta: 2 }],
    ['a non-boolean completed', { op: 'completeItem', list: L, item: 'a', completed: 'yes' }],
  ])('refuses %s', (_label, op) => {
    expect(listsOpError(op)).not.toBeNull();
  });
});

describe('listsTelemetryAction', () => {
  it('names the kind of change and nothing else; selecting a list is not a change', () => {
    expect(listsTelemetryAction({ op: 'completeItem', list: L, item: 'a', completed: true })).toBe('item_complete');
    expect(listsTelemetryAction({ op: 'completeItem', list: L, item: 'a', completed: false })).toBe('item_reopen');
    expect(listsTelemetryAction({ op: 'addList', id: 'x', name: 'Secret plans' })).toBe('list_add');
    expect(listsTelemetryAction({ op: 'selectList', list: L })).toBeNull();
  });
});

describe('parseStoredLists', () => {
  it('reads back what it stored', () => {
    const s = applyListsOp(withItems('a', 'b'), { op: 'addList', id: 'w', name: 'Work' }).state;
    expect(parseStoredLists(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('falls back to the first list when the selected one is gone', () => {
    expect(parseStoredLists({ lists: initialLists().lists, selected: 'gone' })).toEqual(initialLists());
  });

  it.each([
    ['a string', 'lists'],
    ['no lists', { lists: [] }],
    ['an item without text', { lists: [{ id: L, name: '', items: [{ id: 'a', completed: false }] }] }],
    ['a list with a bad id', { lists: [{ id: 'a b', name: '', items: [] }] }],
    ['too many lists', { lists: Array.from({ length: 11 }, (_, i) => ({ id: `l${i}`, name: '', items: [] })) }],
  ])('refuses %s whole', (_label, stored) => {
    expect(parseStoredLists(stored)).toBeNull();
  });
});
