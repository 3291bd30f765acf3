// The Lists widget's data and every change to it, as pure functions shared by
// the background (which applies and stores them) and the tests. Limits are
// Firefox's: 10 lists of 100 items.
export const MAX_LISTS = 10;
export const MAX_ITEMS = 100;
export const MAX_TEXT_LENGTH = 200;

export interface ListItem {
  id: string;
  text: string;
  completed: boolean;
}

export interface TodoList {
  id: string;
  name: string;
  items: ListItem[];
}

export interface ListsState {
  lists: TodoList[];
  /** The list on show. */
  selected: string;
}

/** A change the page asks for. Ids are the page's own (random) ones for new things. */
export type ListsOp =
  | { op: 'addList'; id: string; name: string }
  | { op: 'renameList'; list: string; name: string }
  | { op: 'deleteList'; list: string }
  | { op: 'selectList'; list: string }
  | { op: 'addItem'; list: string; id: string; text: string }
  | { op: 'editItem'; list: string; item: string; text: string }
  | { op: 'completeItem'; list: string; item: string; completed: boolean }
  | { op: 'moveItem'; list: string; item: string; delta: -1 | 1 }
  | { op: 'deleteItem'; list: string; item: string };

export const LIST_OPS = ['addList', 'renameList', 'deleteList', 'selectList', 'addItem', 'editItem', 'completeItem', 'moveItem', 'deleteItem'] as const;

/** Why a change was refused, for the page to say (locale keys). */
export type ListsError = 'widgetListsMaxLists' | 'widgetListsMaxItems' | 'widgetListsLastList';

export const DEFAULT_LIST_ID = 'default';

export function initialLists(defaultName = ''): ListsState {
  return { lists: [{ id: DEFAULT_LIST_ID, name: defaultName, items: [] }], selected: DEFAULT_LIST_ID };
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT_LENGTH;

/** Checks a change sent by a page; returns what is wrong, or null. */
export function listsOpError(value: unknown): string | null {
  const d = value as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return 'no change';
  switch (d.op) {
    case 'addList':
      return isId(d.id) && isText(d.name) ? null : 'bad list';
    case 'renameList':
      return isId(d.list) && isText(d.name) ? null : 'bad list';
    case 'deleteList':
    case 'selectList':
      return isId(d.list) ? null : 'bad list id';
    case 'addItem':
      return isId(d.list) && isId(d.id) && isText(d.text) && d.text.trim() !== '' ? null : 'bad item';
    case 'editItem':
      return isId(d.list) && isId(d.item) && isText(d.text) && d.text.trim() !== '' ? null : 'bad item';
    case 'completeItem':
      return isId(d.list) && isId(d.item) && typeof d.completed === 'boolean' ? null : 'bad item';
    case 'moveItem':
      return isId(d.list) && isId(d.item) && (d.delta === 1 || d.delta === -1) ? null : 'bad move';
    case 'deleteItem':
      return isId(d.list) && isId(d.item) ? null : 'bad item';
    default:
      return 'unknown change';
  }
}

/**
 * Applies one change. Unknown lists or items leave the state as it is (the
 * page raced a change from another tab); a limit returns its error instead.
 */
export function applyListsOp(state: ListsState, change: ListsOp): { state: ListsState; error?: ListsError } {
  const lists = state.lists;
  const index = 'list' in change ? lists.findIndex((l) => l.id === change.list) : -1;
  const list = lists[index];
  const withList = (next: TodoList) => ({ state: { ...state, lists: lists.map((l, i) => (i === index ? next : l)) } });
  const withItems = (items: ListItem[]) => withList({ ...list!, items });
  switch (change.op) {
    case 'addList':
      if (lists.length >= MAX_LISTS) return { state, error: 'widgetListsMaxLists' };
      if (lists.some((l) => l.id === change.id)) return { state };
      return { state: { lists: [...lists, { id: change.id, name: change.name.trim(), items: [] }], selected: change.id } };
    case 'selectList':
      return list ? { state: { ...state, selected: list.id } } : { state };
  }
  if (!list) return { state };
  const itemIndex = 'item' in change ? list.items.findIndex((item) => item.id === change.item) : -1;
  const item = list.items[itemIndex];
  switch (change.op) {
    case 'renameList':
      return withList({ ...list, name: change.name.trim() });
    case 'deleteList': {
      if (lists.length === 1) return { state, error: 'widgetListsLastList' };
      const rest = lists.filter((l) => l.id !== list.id);
      const selected = state.selected === list.id ? rest[Math.max(0, index - 1)]!.id : state.selected;
      return { state: { lists: rest, selected } };
    }
    case 'addItem':
      if (list.items.length >= MAX_ITEMS) return { state, error: 'widgetListsMaxItems' };
      if (list.items.some((i) => i.id === change.id)) return { state };
      return withItems([...list.items, { id: change.id, text: change.text.trim(), completed: false }]);
  }
  if (!item) return { state };
  switch (change.op) {
    case 'editItem':
      return withItems(list.items.map((i) => (i === item ? { ...i, text: change.text.trim() } : i)));
    case 'completeItem':
      return withItems(list.items.map((i) => (i === item ? { ...i, completed: change.completed } : i)));
    case 'deleteItem':
      return withItems(list.items.filter((i) => i !== item));
    case 'moveItem': {
      const to = itemIndex + change.delta;
      if (to < 0 || to >= list.items.length) return { state };
      const items = [...list.items];
      [items[itemIndex], items[to]] = [items[to]!, items[itemIndex]!];
      return withItems(items);
    }
  }
}

/** The event value's `widget_action` for a change; selecting a list is not reported. */
export function listsTelemetryAction(change: ListsOp): ListsWidgetAction | null {
  switch (change.op) {
    case 'addList':
      return 'list_add';
    case 'renameList':
      return 'list_rename';
    case 'deleteList':
      return 'list_delete';
    case 'addItem':
      return 'item_add';
    case 'editItem':
      return 'item_edit';
    case 'completeItem':
      return change.completed ? 'item_complete' : 'item_reopen';
    case 'moveItem':
      return 'item_move';
    case 'deleteItem':
      return 'item_delete';
    case 'selectList':
      return null;
  }
}

export const LISTS_WIDGET_ACTIONS = [
  'list_add',
  'list_rename',
  'list_delete',
  'item_add',
  'item_edit',
  'item_complete',
  'item_reopen',
  'item_move',
  'item_delete',
] as const;
export type ListsWidgetAction = (typeof LISTS_WIDGET_ACTIONS)[number];

/**
 * Reads stored lists. Anything that is not exactly our shape is refused whole
 * (null): the caller keeps the stored value aside and says so, rather than
 * dropping a half-read list.
 */
export function parseStoredLists(stored: unknown): ListsState | null {
  const s = stored as Record<string, unknown> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.lists) || s.lists.length === 0 || s.lists.length > MAX_LISTS) return null;
  const lists: TodoList[] = [];
  for (const raw of s.lists as unknown[]) {
    const l = raw as Record<string, unknown> | null;
    if (!l || typeof l !== 'object' || !isId(l.id) || !isText(l.name) || !Array.isArray(l.items) || l.items.length > MAX_ITEMS) return null;
    const items: ListItem[] = [];
    for (const rawItem of l.items as unknown[]) {
      const i = rawItem as Record<string, unknown> | null;
      if (!i || typeof i !== 'object' || !isId(i.id) || !isText(i.text) || typeof i.completed !== 'boolean') return null;
      items.push({ id: i.id, text: i.text, completed: i.completed });
    }
    lists.push({ id: l.id, name: l.name, items });
  }
  const selected = isId(s.selected) && lists.some((l) => l.id === s.selected) ? s.selected : lists[0]!.id;
  return { lists, selected };
}
