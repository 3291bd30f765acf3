// A small modal question ("Delete this page from your history?"). Focus starts
// on the safe choice, stays inside while open and goes back where it was;
// Escape or a click on the backdrop cancels.
import { useEffect, useRef } from 'react';
import { trapFocus } from '../lib/focusTrap';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ message, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = dialog.current?.ownerDocument.activeElement as HTMLElement | null;
    cancelButton.current?.focus();
    return () => opener?.focus();
  }, []);

  return (
    <div className="confirm-backdrop" onClick={onCancel}>
      <div
        ref={dialog}
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-message"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else trapFocus(e, dialog.current);
        }}
      >
        <p id="confirm-message">{message}</p>
        <div className="confirm-actions">
          <button ref={cancelButton} type="button" className="secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
