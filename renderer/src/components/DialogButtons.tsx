/**
 * The button row at the bottom of a modal form: Cancel, then the submit button (primary, or
 * danger for destructive actions), which shows a spinner while `busy`.
 */
import type { Ref } from 'react';

/** Props of {@link DialogButtons}. */
export interface DialogButtonsProps {
  /** Text of the submit button, e.g. "Start". */
  submitLabel: string;
  onCancel: () => void;
  /** Style the submit button as destructive. */
  danger?: boolean;
  /** A request is under way: spinner, and `aria-disabled` (the form ignores a second submit). */
  busy?: boolean;
  /** Id of an element describing the submit button (e.g. the form's error). */
  describedBy?: string;
  /** Receives the submit button (to focus it first). */
  submitButton?: Ref<HTMLButtonElement>;
}

/** Cancel and submit, in the order and style every dialog uses. */
export function DialogButtons({ submitButton, ...props }: DialogButtonsProps) {
  return (
    <div className="modal-actions">
      <button type="button" className="btn" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        ref={submitButton}
        type="submit"
        className={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
        aria-disabled={props.busy}
        aria-describedby={props.describedBy}
      >
        {props.busy && <span className="spinner" aria-hidden="true" />}
        {props.submitLabel}
      </button>
    </div>
  );
}
