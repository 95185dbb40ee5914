/**
 * One labelled form field: the label, the control(s) given as children, and an optional hint
 * line under them. The caller owns the control and gives it the `id` passed here as `htmlFor`.
 */
import type { ReactNode } from 'react';

/** Props of {@link Field}. */
export interface FieldProps {
  /** The visible label text. */
  label: string;
  /** Id of the control the label names. */
  htmlFor: string;
  /** Text under the control (help, or an error the caller chose to show there). */
  hint?: ReactNode;
  /** Id of the hint element, for the control's `aria-describedby`. */
  hintId?: string;
  children: ReactNode;
}

/** `<div class="field">` with label, control and hint. */
export function Field(props: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={props.htmlFor} className="field-label">
        {props.label}
      </label>
      {props.children}
      {props.hint !== undefined && (
        <span id={props.hintId} className="field-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
