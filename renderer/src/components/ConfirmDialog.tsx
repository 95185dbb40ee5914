/**
 * An in-app confirmation (never `window.confirm`, which blocks the renderer and looks foreign):
 * a title, one sentence, a confirm button that is focused first, and Cancel.
 */
import { useEffect, useId, useRef } from 'react';
import { DialogButtons } from './DialogButtons.js';
import { Modal } from './Modal.js';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  /** Style the confirm button as destructive. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks one yes/no question. Enter confirms, Esc cancels. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const titleId = useId();
  const messageId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Runs after the Modal child opened the dialog (child effects run first), so this wins
  // over the dialog's default focus on its first button.
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <Modal labelledBy={titleId} describedBy={messageId} onCancel={props.onCancel} className="modal-confirm">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={titleId} className="modal-title">
          {props.title}
        </h2>
        <p id={messageId} className="modal-text">
          {props.message}
        </p>
        <DialogButtons
          submitLabel={props.confirmLabel}
          danger={props.danger}
          onCancel={props.onCancel}
          submitButton={confirmRef}
        />
      </form>
    </Modal>
  );
}
