/**
 * The small status dot of a tab: running (green), starting (grey, pulsing), needs attention
 * (accent, pulsing), exited (hollow; red when the exit was a failure).
 */
import type { SessionInfo } from '../../../contract/bridge.js';

/** Plain-words state of a session, for descriptions and tooltips. */
export function stateText(session: SessionInfo): string {
  switch (session.state) {
    case 'starting':
      return 'starting';
    case 'running':
      return 'running';
    case 'needs-attention':
      return 'needs attention';
    case 'exited':
      if (session.error) return 'failed to start';
      return exitText(session);
  }
}

/** "exited (code 0)", "exited (signal SIGTERM)" or "exited". */
export function exitText(session: SessionInfo): string {
  if (session.exit?.signal) return `exited (signal ${session.exit.signal})`;
  if (session.exit && session.exit.code !== null) return `exited (code ${session.exit.code})`;
  // Running when its PTY host ended (reboot, crash): Resume continues it.
  if (!session.exit && session.state === 'exited' && session.stoppedByRestart) return 'stopped by a restart';
  // Exited with no exit record: restored from the saved list, not started since the app started.
  if (!session.exit && session.state === 'exited') return 'not running since the app restarted';
  return 'exited';
}

/** True for a start error, a signal, or a non-zero exit code (an unknown code is not a failure). */
export function exitFailed(session: SessionInfo): boolean {
  if (session.error !== null) return true;
  if (!session.exit) return false;
  return session.exit.signal !== null || (session.exit.code !== null && session.exit.code !== 0);
}

/** The dot; decorative (the tab's description carries the words). */
export function StateBadge(props: { session: SessionInfo }) {
  const { session } = props;
  const variant = session.state === 'exited' && exitFailed(session) ? 'exited-failed' : session.state;
  return <span className={`state-badge state-${variant}`} aria-hidden="true" />;
}
