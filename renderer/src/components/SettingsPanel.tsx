/**
 * The settings side sheet: when to notify, the away and idle thresholds, and (in the desktop
 * app) start at login. Every change is saved at once with `settings.update`.
 */
import { useId } from 'react';
import type { HostInfo, PublicSettings } from '../../../main/core/bridge/contract.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { AWAY_MINUTES, IDLE_SECONDS } from '../lib/settings-input.js';
import { useBridge } from '../store/context.js';
import { NumberSetting } from './NumberSetting.js';
import { SidePanel } from './SidePanel.js';

type Patch = Partial<Omit<PublicSettings, 'defaultCwd'>>;

/** Props of {@link SettingsPanel}. */
export interface SettingsPanelProps {
  settings: PublicSettings | null;
  host: HostInfo | null;
  onClose: () => void;
}

/** The settings form. */
export function SettingsPanel(props: SettingsPanelProps) {
  const { settings, host } = props;
  const bridge = useBridge();
  const action = useRequestAction();
  const ids = { always: useId(), alwaysHint: useId(), away: useId(), awayHint: useId(), login: useId() };
  const save = (patch: Patch): void => void action.run(() => bridge.request('settings.update', { patch }));

  return (
    <SidePanel title="Settings" onClose={props.onClose}>
      {!settings ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <section className="panel-section">
            <fieldset className="radio-group">
              <legend className="section-title">Send prompts to the phone</legend>
              <div className="radio-row">
                <input
                  id={ids.always}
                  type="radio"
                  name="notifyMode"
                  aria-describedby={ids.alwaysHint}
                  checked={settings.notifyMode === 'always'}
                  onChange={() => save({ notifyMode: 'always' })}
                />
                <span>
                  <label htmlFor={ids.always}>Always</label>
                  <span id={ids.alwaysHint} className="muted small block">
                    Every prompt goes to the phone at once.
                  </span>
                </span>
              </div>
              <div className="radio-row">
                <input
                  id={ids.away}
                  type="radio"
                  name="notifyMode"
                  aria-describedby={ids.awayHint}
                  checked={settings.notifyMode === 'away'}
                  onChange={() => save({ notifyMode: 'away' })}
                />
                <span>
                  <label htmlFor={ids.away}>Only when I’m away</label>
                  <span id={ids.awayHint} className="muted small block">
                    {host?.shell === 'headless'
                      ? 'The headless host cannot see your keyboard, so it counts you as away.'
                      : 'After the computer has been idle for a while, or while the screen is locked.'}
                  </span>
                </span>
              </div>
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
          {action.error && (
            <p className="form-error" role="alert">
              {action.error}
            </p>
          )}
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
