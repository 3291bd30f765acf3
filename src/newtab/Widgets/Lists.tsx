// The Lists widget: named to-do lists, every action on the keyboard. Alt+Up
// and Alt+Down move the focused task (as do its buttons); Enter saves an edit,
// Escape cancels it. Changes go to the background, which stores them; each
// says only what kind of change it was to telemetry, never a name or a task.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ac } from '../../common/actions';
import { applyListsOp, listsTelemetryAction, MAX_ITEMS, MAX_LISTS, MAX_TEXT_LENGTH, type ListsOp } from '../../common/widgets/lists';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

const newId = () => crypto.randomUUID();

export function Lists() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const { lists: state, listsUnreadable } = useAppSelector((s) => s.Widgets);
  const [message, setMessage] = useState('');
  const [renaming, setRenaming] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  /** The element to focus once the next state arrives (a moved task's row, an edit button...). */
  const focusNext = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const list = state.lists.find((l) => l.id === state.selected) ?? state.lists[0]!;
  const listName = (name: string, i: number) => name || `${t('widgetListsUntitled')} ${i + 1}`;

  // After the background's answer (a moved row is re-inserted, which drops its focus) or a closed editor.
  useEffect(() => {
    if (!focusNext.current) return;
    const el = root.current?.querySelector<HTMLElement>(focusNext.current);
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  }, [state, editing, renaming]);

  const change = (op: ListsOp, focus?: string) => {
    const { error } = applyListsOp(state, op);
    if (error) {
      setMessage(t(error).replace('{n}', String(error === 'widgetListsMaxLists' ? MAX_LISTS : MAX_ITEMS)));
      return false;
    }
    setMessage('');
    if (focus) focusNext.current = focus;
    dispatch(ac.WidgetsListsChange(op));
    const widget_action = listsTelemetryAction(op);
    if (widget_action) dispatch(ac.UserEvent({ event: 'WIDGET_LISTS_CHANGE', source: 'WIDGET_LISTS', value: { widget_action } }));
    return true;
  };

  const addItem = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem('task') as HTMLInputElement;
    if (!input.value.trim()) return;
    if (change({ op: 'addItem', list: list.id, id: newId(), text: input.value })) input.value = '';
  };

  const onItemKeyDown = (e: KeyboardEvent, item: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    change({ op: 'moveItem', list: list.id, item, delta: e.key === 'ArrowUp' ? -1 : 1 }, `[data-item="${item}"] .lists-check`);
  };

  const saveEdit = (item: string) => {
    if (draft.trim()) change({ op: 'editItem', list: list.id, item, text: draft }, `[data-item="${item}"] .lists-edit`);
    else focusNext.current = `[data-item="${item}"] .lists-edit`;
    setEditing(null);
  };

  const full = list.items.length >= MAX_ITEMS;
  return (
    <div className="lists" ref={root}>
      {listsUnreadable && (
        <p className="lists-error" role="alert">
          {t('widgetListsUnreadable')}
        </p>
      )}
      <div className="lists-head">
        {renaming ? (
          <InlineEdit
            className="lists-rename"
            label={t('widgetListsTitleLabel')}
            value={draft}
            onChange={setDraft}
            onSave={() => {
              change({ op: 'renameList', list: list.id, name: draft }, '.lists-rename-button');
              setRenaming(false);
            }}
            onCancel={() => {
              focusNext.current = '.lists-rename-button';
              setRenaming(false);
            }}
            onBlur={() => setRenaming(false)}
          />
        ) : (
          <select
            className="lists-select"
            aria-label={t('widgetListsChoose')}
            value={list.id}
            onChange={(e) => change({ op: 'selectList', list: e.target.value })}
          >
            {state.lists.map((l, i) => (
              <option key={l.id} value={l.id}>
                {listName(l.name, i)}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="lists-rename-button"
          onClick={() => {
            setDraft(list.name);
            setRenaming(true);
          }}
        >
          {t('widgetListsRename')}
        </button>
        <button type="button" className="lists-new" onClick={() => change({ op: 'addList', id: newId(), name: '' }, '.lists-task-input')}>
          {t('widgetListsNew')}
        </button>
        <button
          type="button"
          className="lists-delete-list"
          disabled={state.lists.length === 1}
          onClick={() => change({ op: 'deleteList', list: list.id }, '.lists-select')}
        >
          {t('widgetListsDeleteList')}
        </button>
      </div>
      <form className="lists-add" onSubmit={addItem}>
        <input
          name="task"
          className="lists-task-input"
          aria-label={t('widgetListsAddLabel')}
          placeholder={t('widgetListsAddLabel')}
          maxLength={MAX_TEXT_LENGTH}
          disabled={full}
          aria-describedby={full ? 'lists-full' : undefined}
        />
        <button type="submit" disabled={full}>
          {t('widgetListsAdd')}
        </button>
      </form>
      {full && (
        <p id="lists-full" className="lists-note">
          {t('widgetListsMaxItems').replace('{n}', String(MAX_ITEMS))}
        </p>
      )}
      <p className="lists-note" role="status">
        {message}
      </p>
      {list.items.length === 0 ? (
        <p className="lists-empty">{t('widgetListsEmpty')}</p>
      ) : (
        <ul className="lists-items" aria-label={listName(list.name, state.lists.indexOf(list))} aria-describedby="lists-move-hint">
          {list.items.map((item, i) => (
            <li key={item.id} data-item={item.id} className={item.completed ? 'lists-item done' : 'lists-item'} onKeyDown={(e) => onItemKeyDown(e, item.id)}>
              {editing === item.id ? (
                <InlineEdit
                  className="lists-edit-input"
                  label={t('widgetListsEditLabel')}
                  value={draft}
                  onChange={setDraft}
                  onSave={() => saveEdit(item.id)}
                  onCancel={() => {
                    focusNext.current = `[data-item="${item.id}"] .lists-edit`;
                    setEditing(null);
                  }}
                  onBlur={() => setEditing(null)}
                />
              ) : (
                <label className="lists-label">
                  <input
                    type="checkbox"
                    className="lists-check"
                    checked={item.completed}
                    onChange={(e) => change({ op: 'completeItem', list: list.id, item: item.id, completed: e.target.checked })}
                  />
                  <span>{item.text}</span>
                </label>
              )}
              <span className="lists-actions">
                <button
                  type="button"
                  className="lists-edit"
                  aria-label={`${t('widgetListsEdit')}: ${item.text}`}
                  onClick={() => {
                    setDraft(item.text);
                    setEditing(item.id);
                  }}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="lists-up"
                  aria-label={`${t('widgetMoveUp')}: ${item.text}`}
                  disabled={i === 0}
                  onClick={() => change({ op: 'moveItem', list: list.id, item: item.id, delta: -1 }, `[data-item="${item.id}"] .lists-up:not(:disabled), [data-item="${item.id}"] .lists-check`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="lists-down"
                  aria-label={`${t('widgetMoveDown')}: ${item.text}`}
                  disabled={i === list.items.length - 1}
                  onClick={() => change({ op: 'moveItem', list: list.id, item: item.id, delta: 1 }, `[data-item="${item.id}"] .lists-down:not(:disabled), [data-item="${item.id}"] .lists-check`)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="lists-delete"
                  aria-label={`${t('widgetListsDelete')}: ${item.text}`}
                  onClick={() => change({ op: 'deleteItem', list: list.id, item: item.id }, '.lists-task-input')}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p id="lists-move-hint" className="lists-hint">
        {t('widgetListsMoveHint')}
      </p>
    </div>
  );
}

interface InlineEditProps {
  className: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onSave(): void;
  onCancel(): void;
  onBlur(): void;
}

/** A text field edited in place: Enter saves, Escape cancels. */
function InlineEdit({ className, label, value, onChange, onSave, onCancel, onBlur }: InlineEditProps) {
  return (
    <input
      className={className}
      aria-label={label}
      maxLength={MAX_TEXT_LENGTH}
      autoFocus
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        // Enter's default would reach the button focused next and press it.
        if (e.key === 'Enter') {
          e.preventDefault();
          onSave();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onBlur={onBlur}
    />
  );
}
