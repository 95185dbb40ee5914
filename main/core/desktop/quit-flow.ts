/**
 * What quitting asks. Every way to quit (tray "Quit", Cmd-Q / Ctrl-Q from the application menu,
 * Dock → Quit, closing the window when there is no tray) reaches Electron's `before-quit`, and
 * the shell asks this module whether to show a confirmation first and with which choices. Plain
 * data, no Electron, so the decision is unit-tested; main/electron/quit.ts shows it with
 * `dialog.showMessageBox` and acts on the chosen {@link QuitChoice}.
 *
 * Sessions live in the PTY host and can outlive the app, so the question is whether to keep them
 * running in the background or stop them; the answer can be remembered (the `onQuit` setting).
 */
import type { QuitMode } from '../../../contract/bridge.js';

/** What the user picked: keep the agents running in the background, stop them, or not quit. */
export type QuitChoice = 'keep' | 'stop' | 'cancel';

/** What the quit decision looks at. */
export interface QuitState {
  /** Sessions whose process is still running. */
  liveSessions: number;
  /** The system is shutting down or logging out (powerMonitor `shutdown`): never block it. */
  systemShutdown: boolean;
  /** The remembered choice (settings `onQuit`). */
  onQuit: QuitMode;
}

/** One button of the quit dialog. */
export interface QuitButton {
  label: string;
  choice: QuitChoice;
}

/** The confirmation to show, in the shape `dialog.showMessageBox` takes (buttons in order). */
export interface QuitDialog {
  message: string;
  detail: string;
  buttons: QuitButton[];
  /** Index of the button that Enter picks. */
  defaultId: number;
  /** Index of the button that Esc (or closing the dialog) picks. */
  cancelId: number;
  /** The "remember" checkbox under the buttons. */
  checkboxLabel: string;
}

/**
 * The dialog to show before quitting, or null to quit at once (no live session, a system
 * shutdown, or a remembered choice); then {@link quitWithoutAsking} says what quitting does.
 */
export function quitDialog(state: QuitState): QuitDialog | null {
  if (state.systemShutdown || state.liveSessions <= 0 || state.onQuit !== 'ask') return null;
  const n = state.liveSessions;
  return {
    message: `Keep ${n} agent${n === 1 ? '' : 's'} running in the background?`,
    detail:
      'They keep working after Agent Pager quits, and their tabs come back when you open it again. "Stop and quit" ends them now.',
    buttons: [
      { label: 'Keep running', choice: 'keep' },
      { label: 'Stop and quit', choice: 'stop' },
      { label: 'Cancel', choice: 'cancel' },
    ],
    defaultId: 0,
    cancelId: 2,
    checkboxLabel: 'Remember my choice',
  };
}

/**
 * What quitting does when nothing is asked: during a system shutdown the sessions are left to the
 * OS (the next start offers to resume them); with none running the PTY host is stopped; otherwise
 * the remembered choice.
 */
export function quitWithoutAsking(state: QuitState): Exclude<QuitChoice, 'cancel'> {
  if (state.systemShutdown) return 'keep';
  if (state.liveSessions <= 0) return 'stop';
  return state.onQuit === 'stop' ? 'stop' : 'keep';
}

/** The choice behind the button index `response` returned by the dialog; out of range → 'cancel'. */
export function quitChoiceAt(dialog: QuitDialog, response: number): QuitChoice {
  return dialog.buttons[response]?.choice ?? 'cancel';
}

/** The `onQuit` setting to store after the dialog, or null (not remembered, or cancelled). */
export function rememberedQuitMode(choice: QuitChoice, checkboxChecked: boolean): QuitMode | null {
  return checkboxChecked && choice !== 'cancel' ? choice : null;
}
