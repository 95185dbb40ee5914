/**
 * The agent preset choice of the "New session" dialog, as radio cards (arrow keys move
 * between them, as with any radio group).
 */
import type { AgentKind } from '../../../contract/bridge.js';
import { presets } from '../lib/presets.js';

/** Props of {@link PresetPicker}. */
export interface PresetPickerProps {
  value: AgentKind;
  userShell: string | null;
  onChange: (kind: AgentKind) => void;
}

/** Five radio cards. */
export function PresetPicker(props: PresetPickerProps) {
  return (
    <fieldset className="preset-picker">
      <legend className="field-label">Agent</legend>
      <div className="preset-grid">
        {presets(props.userShell).map((preset) => (
          <label
            key={preset.kind}
            className={`preset-card${props.value === preset.kind ? ' is-selected' : ''}`}
          >
            <input
              type="radio"
              name="agent"
              value={preset.kind}
              checked={props.value === preset.kind}
              onChange={() => props.onChange(preset.kind)}
            />
            <span className="preset-label">{preset.label}</span>
            <span className="preset-hint" aria-hidden="true">
              {preset.hint}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
