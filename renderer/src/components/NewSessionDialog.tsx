/**
 * The "New session" dialog: agent preset, command (Custom only), working directory (with a
 * native Browse… in Electron) and name (follows the folder's name until edited). Start creates
 * the session at the size its terminal will have; a failure (command not found, missing folder)
 * is shown in the dialog, which stays open.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AgentKind, HostInfo, SessionInfo } from '../../../contract/bridge.js';
import { agentKinds } from '../../../contract/bridge.js';
import { buildSpec, defaultCwd, effectiveName } from '../lib/session-form.js';
import { useBridge } from '../store/context.js';
import { DialogButtons } from './DialogButtons.js';
import { Field } from './Field.js';
import { FolderIcon } from './icons.js';
import { Modal } from './Modal.js';
import { PresetPicker } from './PresetPicker.js';

/** localStorage key of the last chosen preset. */
const LAST_AGENT_KEY = 'agent-pager.lastAgent';

function lastAgent(): AgentKind {
  const stored = window.localStorage.getItem(LAST_AGENT_KEY);
  return agentKinds.find((k) => k === stored) ?? 'claude';
}

/** Props of {@link NewSessionDialog}. */
export interface NewSessionDialogProps {
  host: HostInfo | null;
  /** The last used folder (settings.defaultCwd). */
  lastCwd: string | null;
  /** The grid the new terminal will have. */
  estimateGrid: () => { cols: number; rows: number };
  onCreated: (session: SessionInfo) => void;
  onCancel: () => void;
}

/** The dialog; mount it only while open. */
export function NewSessionDialog(props: NewSessionDialogProps) {
  const bridge = useBridge();
  const ids = { title: useId(), command: useId(), cwd: useId(), name: useId(), error: useId() };
  const [agent, setAgent] = useState<AgentKind>(lastAgent);
  const [command, setCommand] = useState('');
  const [cwd, setCwd] = useState(() => defaultCwd(props.lastCwd, props.host?.homeDir));
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const browse = (): void => {
    bridge
      .request('host.pickDirectory', { defaultPath: cwd })
      .then((picked) => {
        if (picked) setCwd(picked);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    const built = buildSpec({ agent, command, cwd, name });
    if ('error' in built) {
      setError(built.error);
      return;
    }
    setBusy(true);
    setError(null);
    const grid = props.estimateGrid();
    bridge
      .request('session.create', { spec: built.spec, ...grid })
      .then((session) => {
        window.localStorage.setItem(LAST_AGENT_KEY, agent);
        if (built.spec.cwd !== props.lastCwd) {
          bridge.request('settings.update', { patch: { defaultCwd: built.spec.cwd } }).catch(() => undefined);
        }
        props.onCreated(session);
      })
      .catch((err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setBusy(false);
      });
  };

  return (
    <Modal labelledBy={ids.title} onCancel={props.onCancel} className="modal-new-session">
      <form
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'radio') {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
        noValidate
      >
        <h2 id={ids.title} className="modal-title">
          New session
        </h2>
        <PresetPicker value={agent} userShell={props.host?.userShell ?? null} onChange={setAgent} />
        {agent === 'custom' && (
          <Field label="Command" htmlFor={ids.command}>
            <input
              id={ids.command}
              className="input input-mono"
              value={command}
              placeholder="e.g. aider --model sonnet"
              spellCheck={false}
              autoComplete="off"
              autoFocus
              onChange={(e) => setCommand(e.target.value)}
            />
          </Field>
        )}
        <Field label="Working directory" htmlFor={ids.cwd}>
          <div className="input-row">
            <input
              id={ids.cwd}
              className="input input-mono"
              value={cwd}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setCwd(e.target.value)}
            />
            {props.host?.canPickDirectory && (
              <button type="button" className="btn" onClick={browse}>
                <FolderIcon />
                Browse…
              </button>
            )}
          </div>
        </Field>
        <Field label="Name" htmlFor={ids.name} hint="Defaults to the folder's name.">
          <input
            id={ids.name}
            className="input"
            value={effectiveName({ cwd, name })}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        {error && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <DialogButtons
          submitLabel="Start"
          busy={busy}
          describedBy={error ? ids.error : undefined}
          onCancel={props.onCancel}
        />
      </form>
    </Modal>
  );
}
