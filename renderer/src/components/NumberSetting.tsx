/**
 * A whole-number setting: typed freely, saved on Enter or when focus leaves, checked against
 * its range first (the error shows under the field).
 */
import { useId, useState } from 'react';
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
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null) return;
    const parsed = parseIntInRange(draft, props.range);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    if (parsed.value !== props.value) props.onCommit(parsed.value);
  };
  return (
    <Field label={props.label} htmlFor={id} hint={error ?? props.hint} hintId={hintId}>
      <div className="input-row input-row-compact">
        <input
          id={id}
          className="input input-number"
          inputMode="numeric"
          value={draft ?? String(props.value)}
          disabled={props.disabled}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <span className="muted">{props.unit}</span>
      </div>
    </Field>
  );
}
