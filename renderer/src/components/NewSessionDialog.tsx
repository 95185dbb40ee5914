/**
 * The "New session" dialog: agent preset, command (Custom only), working directory (with a
 * native Browse… in Electron) and name (follows the folder's name, made unique among the open
 * tabs, until edited). Start creates the session at the size its terminal will have. Problems
 * show at the field they concern — all at once, the first bad field focused — and clear when
 * that field changes; a host error about no particular field shows under the form.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AgentAvailability, AgentKind, HostInfo, SessionInfo } from '../../../contract/bridge.js';
import { defaultAgent } from '../lib/presets.js';
import {
  buildSpec,
  defaultCwd,
  effectiveName,
  fieldOfHostError,
  type FieldErrors,
  type FieldName,
} from '../lib/session-form.js';
import { useBridge } from '../store/context.js';
import { DialogButtons } from './DialogButtons.js';
import { Field, fieldAria } from './Field.js';
import { FolderIcon } from './icons.js';
import { Modal } from './Modal.js';
import { PresetPicker } from './PresetPicker.js';

/** localStorage key of the last chosen preset. */
const LAST_AGENT_KEY = 'agent-pager.lastAgent';

function storedAgent(): string | null {
  return window.localStorage.getItem(LAST_AGENT_KEY);
}

/** Props of {@link NewSessionDialog}. */
export interface NewSessionDialogProps {
  host: HostInfo | null;
  /** The last used folder (settings.defaultCwd). */
  lastCwd: string | null;
  /** Names of the open tabs (the default name is made unique among them). */
  takenNames: readonly string[];
  /** The grid the new terminal will have. */
  estimateGrid: () => { cols: number; rows: number };
  onCreated: (session: SessionInfo) => void;
  onCancel: () => void;
}

/** The dialog; mount it only while open. */
export function NewSessionDialog(props: NewSessionDialogProps) {
  const bridge = useBridge();
  const ids = {
    title: useId(),
    error: useId(),
    command: useId(),
    cwd: useId(),
    name: useId(),
    nameHint: useId(),
  };
  const errorId = (field: FieldName): string => `${ids[field]}-error`;
  const formRef = useRef<HTMLFormElement>(null);
  const [agent, setAgentState] = useState<AgentKind>(() => defaultAgent(storedAgent(), null));
  const [agents, setAgents] = useState<AgentAvailability[] | null>(null);
  const picked = useRef(false);
  const setAgent = (kind: AgentKind): void => {
    picked.current = true;
    setAgentState(kind);
  };

  // Which agent CLIs are installed; until the user picks, default to the last used installed one.
  useEffect(() => {
    let live = true;
    bridge
      .request('agents.list', {})
      .then((list) => {
        if (!live) return;
        setAgents(list);
        if (!picked.current) setAgentState(defaultAgent(storedAgent(), list));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [bridge]);
  const [command, setCommand] = useState('');
  const [cwd, setCwd] = useState(() => defaultCwd(props.lastCwd, props.host?.homeDir));
  const [name, setName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = (field: FieldName): void => {
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
    setFormError(null);
  };
  const focusFirstBad = (bad: FieldErrors): void => {
    const first = (['command', 'cwd', 'name'] as const).find((f) => bad[f]);
    if (first)
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(),
      );
  };

  const browse = (): void => {
    bridge
      .request('host.pickDirectory', { defaultPath: cwd })
      .then((picked) => {
        if (picked) {
          setCwd(picked);
          clear('cwd');
        }
      })
      .catch((e: unknown) => setErrors((x) => ({ ...x, cwd: e instanceof Error ? e.message : String(e) })));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    const built = buildSpec({ agent, command, cwd, name }, props.takenNames);
    if ('errors' in built) {
      setErrors(built.errors);
      focusFirstBad(built.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
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
        const message = err instanceof Error ? err.message : String(err);
        const field = fieldOfHostError(message, agent);
        if (field) {
          setErrors({ [field]: message });
          focusFirstBad({ [field]: message });
        } else {
          setFormError(message);
        }
        setBusy(false);
      });
  };

  return (
    <Modal labelledBy={ids.title} onCancel={props.onCancel} className="modal-new-session">
      <form
        ref={formRef}
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
        <PresetPicker
          value={agent}
          userShell={props.host?.userShell ?? null}
          agents={agents}
          onChange={(kind) => {
            setAgent(kind);
            clear('command');
          }}
        />
        {agent === 'custom' && (
          <Field label="Command" htmlFor={ids.command} error={errors.command} errorId={errorId('command')}>
            <input
              id={ids.command}
              {...fieldAria(errors.command, errorId('command'))}
              data-field="command"
              className="input input-mono"
              value={command}
              placeholder="e.g. aider --model sonnet"
              spellCheck={false}
              autoComplete="off"
              autoFocus
              onChange={(e) => {
                setCommand(e.target.value);
                clear('command');
              }}
            />
          </Field>
        )}
        <Field label="Working directory" htmlFor={ids.cwd} error={errors.cwd} errorId={errorId('cwd')}>
          <div className="input-row">
            <input
              id={ids.cwd}
              {...fieldAria(errors.cwd, errorId('cwd'))}
              data-field="cwd"
              className="input input-mono"
              value={cwd}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setCwd(e.target.value);
                clear('cwd');
              }}
            />
            {props.host?.canPickDirectory && (
              <button type="button" className="btn" onClick={browse}>
                <FolderIcon />
                Browse…
              </button>
            )}
          </div>
        </Field>
        <Field
          label="Name"
          htmlFor={ids.name}
          error={errors.name}
          errorId={errorId('name')}
          hint="Defaults to the folder's name."
          hintId={ids.nameHint}
        >
          <input
            id={ids.name}
            {...fieldAria(errors.name, errorId('name'), ids.nameHint)}
            data-field="name"
            className="input"
            value={name ?? effectiveName({ cwd, name: null }, props.takenNames)}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => {
              setName(e.target.value);
              clear('name');
            }}
          />
        </Field>
        {formError && (
          <p id={ids.error} className="form-error" role="alert">
            {formError}
          </p>
        )}
        <DialogButtons
          submitLabel="Start"
          busy={busy}
          describedBy={formError ? ids.error : undefined}
          onCancel={props.onCancel}
        />
      </form>
    </Modal>
  );
}
