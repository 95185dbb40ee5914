/**
 * The agent preset choice of the "New session" dialog, as radio cards (arrow keys move
 * between them, as with any radio group).
 */
import type { AgentAvailability, AgentKind } from '../../../contract/bridge.js';
import { availabilityHint, presets } from '../lib/presets.js';

/** Props of {@link PresetPicker}. */
export interface PresetPickerProps {
  value: AgentKind;
  userShell: string | null;
  onChange: (kind: AgentKind) => void;
  /** Which agent CLIs are installed (null while the host is asked). */
  agents: AgentAvailability[] | null;
}

/** Five radio cards; each agent card says whether it is installed (version) or how to install it. */
export function PresetPicker(props: PresetPickerProps) {
  return (
    <fieldset className="preset-picker">
      <legend className="field-label">Agent</legend>
      <div className="preset-grid">
        {presets(props.userShell).map((preset) => {
          const entry = props.agents?.find((a) => a.kind === preset.kind);
          const status = availabilityHint(entry);
          const missing = entry !== undefined && entry.path === null;
          return (
            <label
              key={preset.kind}
              className={`preset-card${props.value === preset.kind ? ' is-selected' : ''}${missing ? ' is-missing' : ''}`}
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
              {status && (
                <span className="preset-status">
                  {missing ? (
                    <>
                      Not installed: <code>{entry.installCommand}</code>
                    </>
                  ) : (
                    status
                  )}
                </span>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
