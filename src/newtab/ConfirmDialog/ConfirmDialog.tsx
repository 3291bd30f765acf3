// A small modal question ("Delete this page from your history?"). Focus starts
// on the safe choice; Escape or a click on the backdrop cancels.
import { useRef } from 'react';
import { ModalDialog } from '../ModalDialog/ModalDialog';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ message, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog title={message} onClose={onCancel} initialFocus={cancelButton} className="confirm-dialog" role="alertdialog">
      <div className="modal-actions">
        <button ref={cancelButton} type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
