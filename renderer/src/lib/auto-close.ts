/**
 * The "Close the tab when its program exits" setting: never, only after a clean exit (code 0),
 * or always. Only a process that ends while the window watches closes its tab; a session
 * restored from the saved list (never started in this run) or one that failed to start stays,
 * so its error or its Restart button is seen.
 */
import type { CloseOnExitMode, SessionInfo } from '../../../contract/bridge.js';

/** True when `next` just exited (it was not exited in `previous`) and `mode` says to close it. */
export function shouldAutoClose(
  previous: SessionInfo | undefined,
  next: SessionInfo,
  mode: CloseOnExitMode,
): boolean {
  if (mode === 'never' || !previous || previous.state === 'exited') return false;
  if (next.state !== 'exited' || next.exit === null || next.error !== null) return false;
  if (mode === 'always') return true;
  return next.exit.signal === null && next.exit.code === 0;
}
