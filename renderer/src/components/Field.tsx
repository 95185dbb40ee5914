/**
 * One labelled form field: the label, the control(s) given as children, the field's own error
 * (when it has one) and an optional hint line under them. The caller owns the control and gives
 * it the `id` passed here as `htmlFor`; while there is an error it also marks the control
 * `aria-invalid` and lists `errorId` first in its `aria-describedby` (see {@link fieldAria}).
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
  /** The problem with this field, shown under the control; null or absent when it is fine. */
  error?: string | null;
  /** Id of the error element, for the control's `aria-describedby`. */
  errorId?: string;
  children: ReactNode;
}

/**
 * The ARIA attributes of a control in a {@link Field}: `aria-invalid` while `error` is set, and
 * `aria-describedby` naming the error (then the hint, when there is one).
 */
export function fieldAria(
  error: string | null | undefined,
  errorId: string,
  hintId?: string,
): { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined } {
  const ids = [error ? errorId : null, hintId ?? null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}

/** `<div class="field">` with label, control, error and hint. */
export function Field(props: FieldProps) {
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={props.htmlFor} className="field-label">
        {props.label}
      </label>
      {props.children}
      {props.error && (
        <span id={props.errorId} className="field-error">
          {props.error}
        </span>
      )}
      {props.hint !== undefined && (
        <span id={props.hintId} className="field-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
