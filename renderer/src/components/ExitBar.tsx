/**
 * The bar under an exited session: how it ended ("exited (code 1)", a signal, or the start
 * error) and a Restart button that starts the same command in the same tab.
 */
import { useState } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { RestartIcon } from './icons.js';
import { exitFailed, exitText } from './StateBadge.js';

/** Props of {@link ExitBar}. */
export interface ExitBarProps {
  session: SessionInfo;
  /** Restarts the session; rejects with a user-readable error. */
  onRestart: () => Promise<void>;
  onClose: () => void;
}

/** Shown only for exited sessions. */
export function ExitBar(props: ExitBarProps) {
  const { session } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restart = (): void => {
    setBusy(true);
    setError(null);
    props
      .onRestart()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
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
        <button type="button" className="btn btn-small btn-primary" onClick={restart} disabled={busy}>
          <RestartIcon />
          {busy ? 'Restarting…' : 'Restart'}
        </button>
        <button type="button" className="btn btn-small" onClick={props.onClose}>
          Close tab
        </button>
      </div>
    </div>
  );
}
