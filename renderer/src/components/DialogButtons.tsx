/**
 * The button row at the foot of a dialog: Cancel, then the primary (submit) button, which shows
 * a spinner and is marked `aria-disabled` while busy (still focusable, so focus is not lost).
 */

/** Props of {@link DialogButtons}. */
export interface DialogButtonsProps {
  /** Label of the submit button, e.g. "Start". */
  confirmLabel: string;
  busy?: boolean;
  /** Style the submit button as destructive. */
  danger?: boolean;
  /** Id of a message that describes the submit button (a form-level error). */
  describedBy?: string;
  onCancel: () => void;
}

/** Cancel + submit. */
export function DialogButtons(props: DialogButtonsProps) {
  return (
    <div className="modal-actions">
      <button type="button" className="btn" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        className={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
        aria-disabled={props.busy || undefined}
        aria-describedby={props.describedBy}
      >
        {props.busy && <span className="spinner" aria-hidden="true" />}
        {props.confirmLabel}
      </button>
    </div>
  );
}
