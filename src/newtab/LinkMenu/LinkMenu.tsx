// The "⋯" menu of a card: a menu button (WAI-ARIA menu pattern) whose items
// are opened with Enter, Space or ArrowDown, walked with the arrow keys,
// Home and End, and closed with Escape (focus back on the button), Tab or a
// click outside.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import './LinkMenu.css';

export interface LinkMenuItem {
  id: string;
  label: string;
  onSelect(): void;
}

export interface LinkMenuProps {
  /** Accessible name of the button and the menu. */
  label: string;
  /** Id of the element naming what the menu acts on (the card title). */
  describedBy?: string;
  items: readonly LinkMenuItem[];
  doc?: Document;
}

export function LinkMenu({ label, describedBy, items, doc = document }: LinkMenuProps) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOnOutsideClick = (e: Event) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !trigger.current?.contains(target)) setOpen(false);
    };
    doc.addEventListener('mousedown', closeOnOutsideClick);
    return () => doc.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open, doc]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onMenuKeyDown = (e: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(doc.activeElement as HTMLElement);
    const focusAt = (i: number) => {
      e.preventDefault();
      entries[(i + entries.length) % entries.length]?.focus();
    };
    if (e.key === 'ArrowDown') focusAt(at + 1);
    else if (e.key === 'ArrowUp') focusAt(at - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(entries.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') setOpen(false);
  };

  return (
    <div className="link-menu">
      <button
        ref={trigger}
        type="button"
        className="link-menu-button"
        aria-label={label}
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul id={menuId} ref={menu} role="menu" aria-label={label} className="link-menu-list" onKeyDown={onMenuKeyDown}>
          {items.map((item) => (
            <li key={item.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
