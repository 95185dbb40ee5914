/**
 * What quitting asks. Every way to quit (tray "Quit", Cmd-Q / Ctrl-Q from the application menu,
 * Dock → Quit, closing the window when there is no tray) reaches Electron's `before-quit`, and
 * the shell asks this module whether to show a confirmation first and with which choices. Plain
 * data, no Electron, so the decision is unit-tested; main/electron/quit.ts shows it with
 * `dialog.showMessageBox` and acts on the chosen {@link QuitChoice}.
 *
 * A new way to leave (for example keeping agents running in the background once sessions can
 * outlive the app) is one more {@link QuitChoice} and one more button in {@link quitDialog}.
 */

/** What the user picked in the quit dialog. */
export type QuitChoice = 'quit' | 'cancel';

/** What the quit decision looks at. */
export interface QuitState {
  /** Sessions whose process is still running. */
  liveSessions: number;
  /** The system is shutting down or logging out (powerMonitor `shutdown`): never block it. */
  systemShutdown: boolean;
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
}

/** The dialog to show before quitting, or null to quit at once (no live session, or shutdown). */
export function quitDialog(state: QuitState): QuitDialog | null {
  if (state.systemShutdown || state.liveSessions <= 0) return null;
  const n = state.liveSessions;
  return {
    message: 'Quit Agent Pager?',
    detail: `${n} running session${n === 1 ? '' : 's'} will be ended.`,
    buttons: [
      { label: 'Quit', choice: 'quit' },
      { label: 'Cancel', choice: 'cancel' },
    ],
    defaultId: 1,
    cancelId: 1,
  };
}

/** The choice behind the button index `response` returned by the dialog; out of range → 'cancel'. */
export function quitChoiceAt(dialog: QuitDialog, response: number): QuitChoice {
  return dialog.buttons[response]?.choice ?? 'cancel';
}
