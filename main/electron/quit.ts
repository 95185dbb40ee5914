/**
 * Quitting, in one place: every way to quit reaches `before-quit`, which asks first when
 * core/desktop/quit-flow.ts says so (live sessions), then disposes the shell and the core
 * (every PTY is ended) and lets Electron quit. A system shutdown or logout (powerMonitor
 * `shutdown`, Linux and macOS) quits without asking, so the app never blocks it.
 */
import { app, dialog, powerMonitor, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Core } from '../core/app-types.js';
import { liveSessionCount } from '../core/desktop/tray-model.js';
import { quitChoiceAt, quitDialog, type QuitChoice } from '../core/desktop/quit-flow.js';

/** Options for {@link installQuitFlow}. */
export interface QuitFlowOptions {
  core: Core;
  /** The window the dialog belongs to, when one is visible. */
  parent: () => BrowserWindow | null;
  /**
   * Disposes everything (tray, IPC, core); awaited once, before the real quit. `choice` is what
   * the user picked ('quit' also when nothing was asked), so a choice such as keeping agents
   * running can change what is disposed.
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
    const spec = quitDialog({
      liveSessions: liveSessionCount(opts.core.snapshot()),
      systemShutdown: shutdown,
    });
    if (!spec) return 'quit';
    const options: MessageBoxOptions = {
      type: 'question',
      message: spec.message,
      detail: spec.detail,
      buttons: spec.buttons.map((b) => b.label),
      defaultId: spec.defaultId,
      cancelId: spec.cancelId,
    };
    const parent = opts.parent();
    const { response } =
      parent && !parent.isDestroyed() && parent.isVisible()
        ? await dialog.showMessageBox(parent, options)
        : await dialog.showMessageBox(options);
    return quitChoiceAt(spec, response);
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
    confirmed ??= 'quit';
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    app.quit();
  });

  return { quitting: () => confirmed !== null };
}
