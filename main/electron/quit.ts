/**
 * Quitting, in one place: every way to quit reaches `before-quit`, which asks first when
 * core/desktop/quit-flow.ts says so (live sessions and no remembered choice: keep them running in
 * the background, or stop them), then disposes the shell and the core (stopping the sessions or
 * leaving them in the PTY host) and lets Electron quit. A system shutdown or logout (powerMonitor
 * `shutdown`, Linux and macOS) quits without asking, so the app never blocks it.
 */
import { app, dialog, powerMonitor, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Core } from '../core/app-types.js';
import { liveSessionCount } from '../core/desktop/tray-model.js';
import {
  quitChoiceAt,
  quitDialog,
  quitWithoutAsking,
  rememberedQuitMode,
  type QuitChoice,
} from '../core/desktop/quit-flow.js';

/** Options for {@link installQuitFlow}. */
export interface QuitFlowOptions {
  core: Core;
  /** The window the dialog belongs to, when one is visible. */
  parent: () => BrowserWindow | null;
  /**
   * Disposes everything (tray, IPC, core); awaited once, before the real quit. `choice` says
   * whether the sessions keep running in the PTY host ('keep') or are ended ('stop').
   */
  dispose: (choice: Exclude<QuitChoice, 'cancel'>) => Promise<void>;
}

/** The quit state the shell reads: true once quitting is confirmed (windows may then close). */
export interface QuitFlow {
  quitting(): boolean;
}

/** Installs the `before-quit` and powerMonitor `shutdown` handlers. Call after `app.whenReady()`. */
export function installQuitFlow(opts: QuitFlowOptions): QuitFlow {
  let confirmed: Exclude<QuitChoice, 'cancel'> | null = null;
  let shutdown = false;
  let busy = false;
  let disposed = false;

  const ask = async (): Promise<QuitChoice> => {
    const state = {
      liveSessions: liveSessionCount(opts.core.snapshot()),
      systemShutdown: shutdown,
      onQuit: opts.core.quitPlan().onQuit,
    };
    const spec = quitDialog(state);
    if (!spec) return quitWithoutAsking(state);
    const options: MessageBoxOptions = {
      type: 'question',
      message: spec.message,
      detail: spec.detail,
      buttons: spec.buttons.map((b) => b.label),
      defaultId: spec.defaultId,
      cancelId: spec.cancelId,
      checkboxLabel: spec.checkboxLabel,
    };
    const parent = opts.parent();
    const { response, checkboxChecked } =
      parent && !parent.isDestroyed() && parent.isVisible()
        ? await dialog.showMessageBox(parent, options)
        : await dialog.showMessageBox(options);
    const choice = quitChoiceAt(spec, response);
    const remember = rememberedQuitMode(choice, checkboxChecked === true);
    if (remember) await opts.core.request('settings.update', { patch: { onQuit: remember } });
    return choice;
  };

  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    void (async () => {
      if (!confirmed) {
        const choice = await ask().catch((): QuitChoice => 'cancel');
        if (choice === 'cancel') {
          busy = false;
          return;
        }
        confirmed = choice;
      }
      try {
        await opts.dispose(confirmed);
      } finally {
        disposed = true;
        app.quit();
      }
    })();
  });

  // Electron passes an event whose preventDefault() delays the shutdown until the app quits
  // (Electron docs, powerMonitor "Event: 'shutdown'"); its typings declare no argument.
  powerMonitor.on('shutdown', (...args: unknown[]) => {
    shutdown = true;
    confirmed ??= 'keep';
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    app.quit();
  });

  return { quitting: () => confirmed !== null };
}
