/**
 * What a tab's badge says. "Needs attention" alone lumped a real question together with an idle
 * shell at its prompt; the badge now tells apart:
 *
 * - `needs-you`: a permission menu or a question is open (the only state that pages the user);
 * - `finished`: an agent finished its turn;
 * - `idle`: quiet, waiting for input (a shell at its prompt);
 * - `running`, `starting`, `exited`, `failed`.
 *
 * Each has its own icon shape and words, so colour is never the only cue.
 */
import type { SessionInfo } from '../../../contract/bridge.js';

/** Badge kinds, one icon shape each. */
export type BadgeKind = 'needs-you' | 'finished' | 'idle' | 'running' | 'starting' | 'exited' | 'failed';

/** A tab's badge: its kind and its words. */
export interface Badge {
  kind: BadgeKind;
  /** Short words for the tab's description and tooltip, e.g. "needs you". */
  text: string;
}

/** True for a start error, a signal, or a non-zero exit code (an unknown code is not a failure). */
export function exitFailed(session: SessionInfo): boolean {
  if (session.error !== null) return true;
  if (!session.exit) return false;
  return session.exit.signal !== null || (session.exit.code !== null && session.exit.code !== 0);
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

/** The badge of a session, derived from its state and the kind of its open prompt. */
export function badgeFor(session: SessionInfo): Badge {
  switch (session.state) {
    case 'starting':
      return { kind: 'starting', text: 'starting' };
    case 'exited':
      if (session.error) return { kind: 'failed', text: 'failed to start' };
      return { kind: exitFailed(session) ? 'failed' : 'exited', text: exitText(session) };
    case 'running':
    case 'needs-attention': {
      const kind = session.prompt?.kind;
      if (kind === 'permission' || kind === 'question') return { kind: 'needs-you', text: 'needs you' };
      if (kind === 'finished') return { kind: 'finished', text: 'finished' };
      if (kind === 'input') return { kind: 'idle', text: 'idle' };
      return { kind: 'running', text: 'running' };
    }
  }
}

/** True when the session waits on a decision from the user (permission or question). */
export function needsYou(session: SessionInfo): boolean {
  return badgeFor(session).kind === 'needs-you';
}
