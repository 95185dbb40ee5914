/**
 * A whole-number setting: typed freely, saved on Enter or when focus leaves, checked against
 * its range first (the error shows under the field).
 */
import { useId } from 'react';
import { useDraftField } from '../hooks/use-draft-field.js';
import { parseIntInRange, type IntRange } from '../lib/settings-input.js';
import { Field } from './Field.js';

/** Props of {@link NumberSetting}. */
export interface NumberSettingProps {
  label: string;
  /** Unit shown after the field, e.g. "minutes". */
  unit: string;
  hint: string;
  value: number;
  range: IntRange;
  disabled?: boolean;
  onCommit: (value: number) => void;
}

/** Label, field, unit, hint and error. */
export function NumberSetting(props: NumberSettingProps) {
  const id = useId();
  const hintId = useId();
  const { error, inputProps } = useDraftField(
    String(props.value),
    props.value,
    (text) => parseIntInRange(text, props.range),
    props.onCommit,
  );
  return (
    <Field label={props.label} htmlFor={id} hint={error ?? props.hint} hintId={hintId}>
      <div className="input-row input-row-compact">
        <input
          id={id}
          className="input input-number"
          inputMode="numeric"
          disabled={props.disabled}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          {...inputProps}
        />
        <span className="muted">{props.unit}</span>
      </div>
    </Field>
  );
}
