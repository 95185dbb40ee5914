/**
 * This computer's name in the chat: typed freely and saved on Enter or when focus leaves, checked
 * with the contract's schema first (the error shows under the field; empty means the host name),
 * and when the chat's messages show it: automatic (in a group, where several computers' bots can
 * share the chat), always, or never.
 */
import { useId } from 'react';
import { useDraftField } from '../hooks/use-draft-field.js';
import { computerNameSchema, type ComputerNameMode, type PublicSettings } from '../../../contract/bridge.js';
import { Field, fieldAria } from './Field.js';

/** Props of {@link ComputerNameSetting}. */
export interface ComputerNameSettingProps {
  settings: Pick<PublicSettings, 'computerName' | 'computerNameInChat'>;
  /** The host name, the name used while the field is empty. */
  hostname: string;
  save: (patch: Partial<Pick<PublicSettings, 'computerName' | 'computerNameInChat'>>) => void;
}

const MODES: { value: ComputerNameMode; label: string }[] = [
  { value: 'auto', label: 'In a group chat' },
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never' },
];

/** The name field and the "show it" choice. */
export function ComputerNameSetting(props: ComputerNameSettingProps) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const modeId = useId();
  const { error, inputProps } = useDraftField(
    props.settings.computerName,
    props.settings.computerName,
    (text) => {
      const parsed = computerNameSchema.safeParse(text);
      return parsed.success
        ? { value: parsed.data }
        : { error: parsed.error.issues[0]?.message ?? 'Not a valid name.' };
    },
    (computerName) => props.save({ computerName }),
  );
  return (
    <>
      <Field
        label="This computer’s name in the chat"
        htmlFor={id}
        hint="Tells computers apart when several share one chat. Empty: the host name."
        hintId={hintId}
        error={error}
        errorId={errorId}
      >
        <input
          id={id}
          className="input"
          placeholder={props.hostname}
          maxLength={200}
          {...fieldAria(error, errorId, hintId)}
          {...inputProps}
        />
      </Field>
      <Field label="Show the computer’s name in messages" htmlFor={modeId}>
        <select
          id={modeId}
          className="input"
          value={props.settings.computerNameInChat}
          onChange={(e) => props.save({ computerNameInChat: e.target.value as ComputerNameMode })}
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
