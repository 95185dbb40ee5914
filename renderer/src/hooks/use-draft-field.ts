/**
 * A text field edited as a draft and saved on Enter or when focus leaves, once `parse` accepts
 * it; a refused draft stays in the field with its error. Shared by the settings fields.
 */
import { useState, type FocusEvent, type KeyboardEvent } from 'react';

/** What `parse` makes of a draft: the value to save, or the error to show. */
export type DraftParse<T> = { value: T } | { error: string };

/** State and handlers for one draft field; spread `inputProps` onto the `<input>`. */
export interface DraftField {
  error: string | null;
  inputProps: {
    value: string;
    onChange: (e: { target: { value: string } }) => void;
    onBlur: (e: FocusEvent<HTMLInputElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  };
}

/**
 * @param shown the saved value as the field shows it while no draft is being edited
 * @param current the saved value; an accepted draft equal to it is not saved again
 */
export function useDraftField<T>(
  shown: string,
  current: T,
  parse: (text: string) => DraftParse<T>,
  save: (value: T) => void,
): DraftField {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null) return;
    const parsed = parse(draft);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    if (parsed.value !== current) save(parsed.value);
  };
  return {
    error,
    inputProps: {
      value: draft ?? shown,
      onChange: (e) => setDraft(e.target.value),
      onBlur: commit,
      onKeyDown: (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      },
    },
  };
}
