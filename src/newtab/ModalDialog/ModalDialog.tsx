// The one modal dialog (shortcut forms, sponsor privacy, confirmations):
// focus moves to `initialFocus` (or the first field),
// stays inside while open and goes back where it was; Escape or a click on
// the backdrop closes it.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { trapFocus } from '../lib/focusTrap';
import './ModalDialog.css';

export interface ModalDialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** What gets focus on open; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  /** 'alertdialog' for a question that needs an answer before going on. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the element that describes the dialog, if any. */
  describedBy?: string;
}

export function ModalDialog({ title, onClose, children, initialFocus, className, role = 'dialog', describedBy }: ModalDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const opener = dialog.current?.ownerDocument.activeElement as HTMLElement | null;
    const first = initialFocus?.current ?? dialog.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => opener?.focus();
  }, [initialFocus]);

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className={className ? `modal-dialog ${className}` : 'modal-dialog'}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else trapFocus(e, dialog.current);
        }}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
