/**
 * A modal built on the native `<dialog>` element: focus is trapped by the browser, Esc cancels,
 * and the rest of the page is inert while it is open. Render it only while it should show.
 */
import { useEffect, useRef, type ReactNode } from 'react';

/** Props of {@link Modal}. */
export interface ModalProps {
  /** Accessible name of the dialog (its visible heading's id). */
  labelledBy: string;
  describedBy?: string;
  /** Called on Esc or a click on the backdrop. */
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}

/** Opens as a modal on mount and closes on unmount. */
export function Modal(props: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onCancel } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal ${props.className ?? ''}`}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onMouseDown={(e) => {
        if (e.target === ref.current) onCancel();
      }}
    >
      {props.children}
    </dialog>
  );
}
