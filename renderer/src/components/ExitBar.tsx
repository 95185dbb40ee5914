/**
 * The bar under an exited session: how it ended ("exited (code 1)", a signal, "stopped by a
 * restart", or the start error), a Restart button that starts the same command in the same tab,
 * and, where the agent can continue its conversation or the session was stopped by a restart, a
 * Resume button (with "Resume all" when several sessions were stopped by a restart).
 */
import { useState } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { RestartIcon } from './icons.js';
import { exitFailed, exitText } from '../lib/tab-badge.js';

/** Props of {@link ExitBar}. */
export interface ExitBarProps {
  session: SessionInfo;
  /** Restarts the session; rejects with a user-readable error. */
  onRestart: () => Promise<void>;
  /** Resumes the session (`claude --resume <id>`, or its command again); rejects like onRestart. */
  onResume: () => Promise<void>;
  /** How many sessions were stopped by a restart (a "Resume all" shows when more than one). */
  stoppedCount: number;
  /** Resumes every session stopped by a restart. */
  onResumeAll: () => Promise<void>;
  onClose: () => void;
}

/** Shown only for exited sessions. */
export function ExitBar(props: ExitBarProps) {
  const { session } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    action()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const resumable = session.stoppedByRestart || session.resumeCommand !== null;
  return (
    <div className={`exitbar${exitFailed(session) ? ' exitbar-failed' : ''}`} role="status">
      <div className="exitbar-text">
        {session.error ? (
          <>
            <strong>Could not start</strong> <span className="exitbar-detail">{session.error}</span>
          </>
        ) : (
          <strong>{exitText(session)}</strong>
        )}
        {error && <span className="exitbar-error">{error}</span>}
      </div>
      <div className="exitbar-actions">
        {resumable && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => run(props.onResume)}
            disabled={busy}
            title={session.resumeCommand ?? session.commandLine}
          >
            <RestartIcon />
            Resume
          </button>
        )}
        {session.stoppedByRestart && props.stoppedCount > 1 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => run(props.onResumeAll)}
            disabled={busy}
          >
            Resume all ({props.stoppedCount})
          </button>
        )}
        <button
          type="button"
          className={`btn btn-small${resumable ? '' : ' btn-primary'}`}
          onClick={() => run(props.onRestart)}
          disabled={busy}
        >
          {!resumable && <RestartIcon />}
          {busy ? 'Starting…' : 'Restart'}
        </button>
        <button type="button" className="btn btn-small" onClick={props.onClose}>
          Close tab
        </button>
      </div>
    </div>
  );
}
