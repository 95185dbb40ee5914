/**
 * The settings side sheet: when to notify, the away and idle thresholds, which session kinds page
 * when idle, the chat's live progress messages, this computer's name in the chat and the folders
 * `/new` offers there, the terminal's
 * look and behaviour ({@link TerminalSettings}), (in the desktop app) start at login, and "Check
 * setup". Every change is saved at once with `settings.update`.
 */
import { useId, useState } from 'react';
import { MAX_PHONE_FOLDERS, type HostInfo, type PublicSettings } from '../../../contract/bridge.js';
import { AWAY_MINUTES, IDLE_SECONDS } from '../lib/settings-input.js';
import { useBridge } from '../store/context.js';
import { ComputerNameSetting } from './ComputerNameSetting.js';
import { FolderListSetting } from './FolderListSetting.js';
import { IdlePagingSetting } from './IdlePagingSetting.js';
import { NumberSetting } from './NumberSetting.js';
import { SetupCheckSection } from './SetupCheckSection.js';
import { SidePanel } from './SidePanel.js';
import { TerminalSettings } from './TerminalSettings.js';

type Patch = Partial<Omit<PublicSettings, 'defaultCwd'>>;

/** Props of {@link SettingsPanel}. */
export interface SettingsPanelProps {
  settings: PublicSettings | null;
  host: HostInfo | null;
  isMac: boolean;
  onClose: () => void;
}

/** One radio choice with a visible label and a hint that describes it. */
function RadioOption(props: {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
  onSelect: () => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="radio-row">
      <input
        id={id}
        type="radio"
        name={props.name}
        aria-describedby={hintId}
        checked={props.checked}
        onChange={props.onSelect}
      />
      <span>
        <label htmlFor={id}>{props.label}</label>
        <span id={hintId} className="muted small block">
          {props.hint}
        </span>
      </span>
    </div>
  );
}

/** The settings form. */
export function SettingsPanel(props: SettingsPanelProps) {
  const { settings, host } = props;
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const ids = { login: useId(), progress: useId(), resume: useId() };
  // Every change is sent, even while an earlier one is on its way (quick toggles must not be lost).
  const save = (patch: Patch): void => {
    setError(null);
    bridge
      .request('settings.update', { patch })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <SidePanel title="Settings" onClose={props.onClose}>
      {!settings ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <section className="panel-section">
            <fieldset className="radio-group">
              <legend className="section-title">Send prompts to the phone</legend>
              <RadioOption
                name="notifyMode"
                label="Always"
                hint="Every prompt goes to the phone at once."
                checked={settings.notifyMode === 'always'}
                onSelect={() => save({ notifyMode: 'always' })}
              />
              <RadioOption
                name="notifyMode"
                label="Only when I’m away"
                hint={
                  host?.shell === 'headless'
                    ? 'The headless host cannot see your keyboard, so it counts you as away.'
                    : 'After the computer has been idle for a while, or while the screen is locked.'
                }
                checked={settings.notifyMode === 'away'}
                onSelect={() => save({ notifyMode: 'away' })}
              />
            </fieldset>
            <NumberSetting
              label="Away after"
              unit="minutes"
              hint="Idle time before you count as away."
              value={settings.awayAfterMinutes}
              range={AWAY_MINUTES}
              disabled={settings.notifyMode !== 'away'}
              onCommit={(awayAfterMinutes) => save({ awayAfterMinutes })}
            />
          </section>
          <section className="panel-section">
            <NumberSetting
              label="Waiting for input after"
              unit="seconds"
              hint="Quiet output before a session counts as waiting for you."
              value={settings.idleSeconds}
              range={IDLE_SECONDS}
              onCommit={(idleSeconds) => save({ idleSeconds })}
            />
            <IdlePagingSetting value={settings.pageIdle} onChange={(pageIdle) => save({ pageIdle })} />
          </section>
          <section className="panel-section">
            <div className="switch-row">
              <label className="switch-label" htmlFor={ids.progress}>
                Live progress in the chat
              </label>
              <input
                id={ids.progress}
                type="checkbox"
                className="switch"
                checked={settings.progressMessages}
                onChange={(e) => save({ progressMessages: e.target.checked })}
              />
            </div>
            <ComputerNameSetting settings={settings} hostname={host?.hostname ?? ''} save={save} />
            <FolderListSetting
              label="Folders for /new in the chat"
              hint="One per line. Besides these, the chat offers folders you started sessions in here."
              value={settings.phoneFolders}
              max={MAX_PHONE_FOLDERS}
              onCommit={(phoneFolders) => save({ phoneFolders })}
            />
          </section>
          <TerminalSettings settings={settings} isMac={props.isMac} save={save} />
          <section className="panel-section">
            <div className="switch-row">
              <label className="switch-label" htmlFor={ids.resume}>
                Resume sessions stopped by a restart when Agent Pager starts
              </label>
              <input
                id={ids.resume}
                type="checkbox"
                className="switch"
                checked={settings.resumeOnStart}
                onChange={(e) => save({ resumeOnStart: e.target.checked })}
              />
            </div>
          </section>
          {host?.shell === 'electron' && (
            <section className="panel-section">
              <div className="switch-row">
                <label className="switch-label" htmlFor={ids.login}>
                  Start at login
                </label>
                <input
                  id={ids.login}
                  type="checkbox"
                  className="switch"
                  checked={settings.startAtLogin}
                  onChange={(e) => save({ startAtLogin: e.target.checked })}
                />
              </div>
            </section>
          )}
          {host?.shell === 'electron' && (
            <section className="panel-section">
              <fieldset className="radio-group">
                <legend className="section-title">Quitting with sessions running</legend>
                <RadioOption
                  name="onQuit"
                  label="Ask"
                  hint="Asks whether to keep them running in the background."
                  checked={settings.onQuit === 'ask'}
                  onSelect={() => save({ onQuit: 'ask' })}
                />
                <RadioOption
                  name="onQuit"
                  label="Keep them running"
                  hint="They go on working; their tabs come back when you open Agent Pager."
                  checked={settings.onQuit === 'keep'}
                  onSelect={() => save({ onQuit: 'keep' })}
                />
                <RadioOption
                  name="onQuit"
                  label="Stop them"
                  hint="Quitting ends every running session."
                  checked={settings.onQuit === 'stop'}
                  onSelect={() => save({ onQuit: 'stop' })}
                />
              </fieldset>
            </section>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <SetupCheckSection />
          {host && (
            <p className="muted small about">
              Agent Pager {host.version} · {host.hostname}
            </p>
          )}
        </>
      )}
    </SidePanel>
  );
}
