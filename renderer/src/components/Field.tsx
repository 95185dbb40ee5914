/**
 * One labelled form field: the label, the control, an optional hint and the field's own error.
 * The control gets its id, `aria-invalid` while there is an error, and `aria-describedby`
 * pointing at the error (then the hint), so a screen reader reads the problem with the field.
 */
import { useId, type ReactNode } from 'react';

/** What a {@link Field} passes to its control. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Props of {@link Field}. */
export interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** The message for this field, or null/undefined when it is fine. */
  error?: string | null;
  /** Renders the control with the ids and ARIA attributes it must carry. */
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
}

/** Label, control, hint, error. */
export function Field(props: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${props.error ? ' field-invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      {props.children({
        id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
      {props.hint && (
        <span id={hintId} className="field-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
