/**
 * Electron main process entry (bundled to dist/electron/main.js). Wires Electron's pieces to the
 * core: single-instance lock, user-data folder, stores, safeStorage secrets, the hook runner, the
 * `app://` renderer, the window, the IPC bridge, the tray, start-at-login, and quitting.
 *
 * Environment read here: `AGENT_PAGER_USER_DATA` (or `--user-data-dir=<dir>`) overrides the
 * user-data folder (tests); `AGENT_PAGER_E2E=1` exposes `globalThis.__agentPagerE2E` to
 * Playwright's `electronApp.evaluate` (the tray menu model; nothing else).
 */
import { app, BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import ElectronStore from 'electron-store';
import { join, resolve } from 'node:path';
import { createCore } from '../core/app.js';
import type { Core, KeyValueStore } from '../core/app-types.js';
import { buildTrayMenu, liveSessionCount, type TrayAction } from '../core/desktop/tray-model.js';
import { createIpcBridge } from './ipc.js';
import { createLoginItem, startedHidden } from './login-item.js';
import { appPaths } from './paths.js';
import { createElectronPresence } from './presence.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createSecretStore } from './secrets.js';
import { createTray, type TrayHandle } from './tray.js';
import { createMainWindow, lockDownPermissions, showWindow } from './window.js';

const APP_USER_MODEL_ID = 'dev.agentpager.app';

function userDataOverride(): string | null {
  const arg = process.argv.find((a) => a.startsWith('--user-data-dir='));
  const dir = process.env.AGENT_PAGER_USER_DATA || (arg ? arg.slice('--user-data-dir='.length) : '');
  return dir ? resolve(dir) : null;
}

const override = userDataOverride();
if (override) app.setPath('userData', override);
app.setAppUserModelId(APP_USER_MODEL_ID);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main().catch((err: unknown) => {
    dialog.showErrorBox(
      'Agent Pager could not start',
      err instanceof Error ? (err.stack ?? err.message) : String(err),
    );
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  const hidden = startedHidden(process.argv);

  const paths = appPaths(import.meta.url);
  const dataDir = app.getPath('userData');
  const settingsStore = new ElectronStore({ name: 'settings' }) as unknown as KeyValueStore;
  const windowStore = new ElectronStore({ name: 'window-state' }) as unknown as KeyValueStore;
  const presence = createElectronPresence();
  const loginItem = createLoginItem(join(paths.assets, 'icon.png'));

  let win: BrowserWindow | null = null;
  let tray: TrayHandle | null = null;
  let quitting = false;
  let disposed = false;

  const core: Core = await createCore({
    hostKind: 'electron',
    dataDir,
    settings: settingsStore,
    secrets: createSecretStore(dataDir),
    hookRunner: {
      command: process.execPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      helperPath: paths.hookHelper,
    },
    ptyHost: {
      command: process.execPath,
      args: [join(paths.dist, 'ptyhost', 'main.js')],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    },
    pickDirectory: async (defaultPath) => {
      const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'], defaultPath };
      const result =
        win && !win.isDestroyed()
          ? await dialog.showOpenDialog(win, options)
          : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    presence,
    version: app.getVersion(),
  });

  lockDownPermissions();
  serveRenderer(paths.rendererDir);
  const bridge = createIpcBridge(core);

  const quitNow = () => {
    quitting = true;
    app.quit();
  };
  /** Quit from the tray (or closing the window with no tray): asks first while sessions run. */
  const requestQuit = async () => {
    const live = liveSessionCount(core.snapshot());
    if (live > 0) {
      const options = {
        type: 'question' as const,
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Quit Agent Pager?',
        // Sessions keep running in the PTY host unless the "when quitting" setting says stop.
        detail: `${live} running session${live === 1 ? '' : 's'} will ${core.quitPlan().onQuit === 'stop' ? 'be ended' : 'keep running in the background'}.`,
      };
      const { response } =
        win && !win.isDestroyed() && win.isVisible()
          ? await dialog.showMessageBox(win, options)
          : await dialog.showMessageBox(options);
      if (response !== 0) return;
    }
    quitNow();
  };

  const openWindow = (show: boolean): BrowserWindow => {
    if (win && !win.isDestroyed()) {
      if (show) showWindow(win);
      return win;
    }
    const created = createMainWindow({
      paths,
      store: windowStore,
      show,
      onClose: () => (quitting ? 'close' : tray ? 'hide' : 'ask'),
      onCloseRequest: () => void requestQuit(),
    });
    bridge.attach(created.webContents);
    created.on('closed', () => {
      if (win === created) win = null;
    });
    win = created;
    return created;
  };
  const showAnd = (after?: () => void) => {
    const w = openWindow(true);
    if (!after) return;
    if (w.webContents.isLoading()) w.webContents.once('did-finish-load', after);
    else after();
  };

  // The OS is the truth for start-at-login; the setting follows it, and changes to the setting
  // (from the tray or the settings panel) are applied to the OS.
  let loginApplied = loginItem.get();
  if (core.snapshot().settings.startAtLogin !== loginApplied) {
    await core.request('settings.update', { patch: { startAtLogin: loginApplied } });
  }
  core.onChange(() => {
    const wanted = core.snapshot().settings.startAtLogin;
    if (wanted === loginApplied) return;
    try {
      loginItem.set(wanted);
    } catch (err) {
      dialog.showErrorBox('Start at login', err instanceof Error ? err.message : String(err));
    }
    loginApplied = loginItem.get();
    tray?.refresh();
  });

  const runAction = (action: TrayAction) => {
    switch (action.type) {
      case 'focus-session':
        return showAnd(() => core.broadcast('ui.focusSession', { id: action.id }));
      case 'new-session':
        return showAnd(() => core.broadcast('ui.newSession', {}));
      case 'resume-all':
        return void core.request('sessions.resumeAll', {});
      case 'show-window':
        return showAnd();
      case 'pair-phone':
        return showAnd(() => core.broadcast('ui.showPhone', {}));
      case 'unpair':
        return void core.request('pairing.unpair', {});
      case 'toggle-pause':
        return void core.request('phone.setPaused', { paused: !core.snapshot().phone.paused });
      case 'toggle-login':
        return void core.request('settings.update', { patch: { startAtLogin: !loginApplied } });
      case 'quit':
        return void requestQuit();
    }
  };

  tray = createTray({
    core,
    assetsDir: paths.assets,
    startAtLogin: () => loginApplied,
    onAction: runAction,
    onClick: () => showAnd(),
  });

  // With no tray there is no other way back in, so a hidden start still shows the window.
  openWindow(!hidden || tray === null);

  app.on('second-instance', () => showAnd());
  app.on('activate', () => showAnd());
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window; without a tray, closing asked to quit already.
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (disposed) return;
    event.preventDefault();
    void (async () => {
      try {
        tray?.destroy();
        bridge.dispose();
        presence.dispose();
        // Sessions keep running in the PTY host unless the user chose to stop them.
        await core.dispose({ stopAgents: core.quitPlan().onQuit === 'stop' });
      } finally {
        disposed = true;
        app.quit();
      }
    })();
  });

  if (process.env.AGENT_PAGER_E2E === '1') {
    (globalThis as Record<string, unknown>).__agentPagerE2E = {
      trayMenu: () =>
        buildTrayMenu(core.snapshot(), { startAtLogin: loginApplied, platform: process.platform }),
      trayCreated: () => tray !== null,
    };
  }
}
