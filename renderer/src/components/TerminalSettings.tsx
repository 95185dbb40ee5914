/**
 * The terminal part of the settings sheet: colours (dark, light, follow the system), font and
 * size, cursor, scrollback, bell, screen-reader mode, clipboard behaviour and closing exited
 * tabs. Every change is saved at once and applied live to every open terminal.
 */
import { useId, useState } from 'react';
import {
  FONT_SIZE_RANGE,
  SCROLLBACK_RANGE,
  type BellMode,
  type CloseOnExitMode,
  type CursorStyle,
  type PublicSettings,
  type ThemeMode,
} from '../../../contract/bridge.js';
import { chordLabel } from '../lib/shortcuts.js';
import { NumberSetting } from './NumberSetting.js';

type Patch = Partial<Omit<PublicSettings, 'defaultCwd'>>;

/** A labelled `<select>` of fixed choices. */
function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <select
        id={id}
        className="input select"
        value={props.value}
        onChange={(e) => {
          const picked = props.options.find(([v]) => v === e.target.value);
          if (picked) props.onChange(picked[0]);
        }}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An on/off switch with a label and an optional hint. */
function Toggle(props: { label: string; hint?: string; checked: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="switch-row">
      <span>
        <label className="switch-label" htmlFor={id}>
          {props.label}
        </label>
        {props.hint && (
          <span id={hintId} className="muted small block">
            {props.hint}
          </span>
        )}
      </span>
      <input
        id={id}
        type="checkbox"
        className="switch"
        aria-describedby={props.hint ? hintId : undefined}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
    </div>
  );
}

/** The font family field: saved on Enter or when focus leaves; empty means the built-in fonts. */
function FontFamily(props: { value: string; onCommit: (value: string) => void }) {
  const id = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null) return;
    setDraft(null);
    if (draft.trim() !== props.value) props.onCommit(draft.trim().slice(0, 200));
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Font family
      </label>
      <input
        id={id}
        className="input input-mono"
        value={draft ?? props.value}
        placeholder="JetBrains Mono, Cascadia Mono, …"
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span id={hintId} className="field-hint">
        Any installed monospace font; empty uses the built-in list.
      </span>
    </div>
  );
}

/** The terminal settings section. */
export function TerminalSettings(props: {
  settings: PublicSettings;
  isMac: boolean;
  save: (patch: Patch) => void;
}) {
  const { settings, save, isMac } = props;
  const zoomKeys = `${chordLabel('+', false, isMac)} / ${chordLabel('-', false, isMac)} / ${chordLabel('0', false, isMac)}`;
  return (
    <section className="panel-section" aria-labelledby="settings-terminal">
      <h3 id="settings-terminal" className="section-title">
        Terminal
      </h3>
      <Choice<ThemeMode>
        label="Theme"
        value={settings.theme}
        options={[
          ['system', 'Follow the system'],
          ['dark', 'Dark'],
          ['light', 'Light'],
        ]}
        onChange={(theme) => save({ theme })}
      />
      <FontFamily value={settings.fontFamily} onCommit={(fontFamily) => save({ fontFamily })} />
      <NumberSetting
        label="Font size"
        unit="px"
        hint={`Also ${zoomKeys} in the terminal.`}
        value={settings.fontSize}
        range={FONT_SIZE_RANGE}
        onCommit={(fontSize) => save({ fontSize })}
      />
      <Choice<CursorStyle>
        label="Cursor"
        value={settings.cursorStyle}
        options={[
          ['bar', 'Bar'],
          ['block', 'Block'],
          ['underline', 'Underline'],
        ]}
        onChange={(cursorStyle) => save({ cursorStyle })}
      />
      <NumberSetting
        label="Scrollback"
        unit="lines"
        hint="Lines each terminal keeps above the screen."
        value={settings.scrollback}
        range={SCROLLBACK_RANGE}
        onCommit={(scrollback) => save({ scrollback })}
      />
      <Choice<BellMode>
        label="Bell"
        value={settings.bell}
        options={[
          ['visual', 'Flash'],
          ['sound', 'Sound'],
          ['off', 'Off'],
        ]}
        onChange={(bell) => save({ bell })}
      />
      <Toggle
        label="Screen reader mode"
        hint="Lets screen readers read the terminal's lines and new output."
        checked={settings.screenReaderMode}
        onChange={(screenReaderMode) => save({ screenReaderMode })}
      />
      <Toggle
        label="Copy on select"
        checked={settings.copyOnSelect}
        onChange={(copyOnSelect) => save({ copyOnSelect })}
      />
      {!isMac && (
        <Toggle
          label="Ctrl+V pastes"
          hint="Off: Ctrl+V goes to the program; Ctrl+Shift+V always pastes."
          checked={settings.ctrlVPastes}
          onChange={(ctrlVPastes) => save({ ctrlVPastes })}
        />
      )}
      <Toggle
        label="Ask before pasting several lines into a shell"
        checked={settings.confirmMultilinePaste}
        onChange={(confirmMultilinePaste) => save({ confirmMultilinePaste })}
      />
      <Choice<CloseOnExitMode>
        label="Close the tab when its program exits"
        value={settings.closeOnExit}
        options={[
          ['never', 'Never'],
          ['clean', 'After a clean exit (code 0)'],
          ['always', 'Always'],
        ]}
        onChange={(closeOnExit) => save({ closeOnExit })}
      />
    </section>
  );
}
