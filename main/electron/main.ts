/**
 * Electron main process entry (bundled to dist/electron/main.js). Wires Electron's pieces to the
 * core: single-instance lock, user-data folder, the login shell's PATH, stores, safeStorage
 * secrets, the hook runner, the `app://` renderer, the application menu, the window, the IPC
 * bridge, the tray, start-at-login, and quitting. Decisions live in plain modules under
 * main/core/desktop/; test/main/electron/shell.test.ts runs this file under a stand-in `electron`.
 *
 * Environment read here: `AGENT_PAGER_USER_DATA` (or `--user-data-dir=<dir>`) overrides the
 * user-data folder (tests); `AGENT_PAGER_E2E=1` exposes `globalThis.__agentPagerE2E` to
 * Playwright's `electronApp.evaluate` (the tray menu model; nothing else).
 */
import { app, BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import ElectronStore from 'electron-store';
import {
  PRIVATE_FILE_MODE,
  SETTINGS_FILE,
  prepareJsonStoreFile,
  preparePrivateDir,
} from '../core/settings/data-files.js';
import { join, resolve } from 'node:path';
import { createCore } from '../core/app.js';
import type { Core, KeyValueStore } from '../core/app-types.js';
import { createLoginSync } from '../core/desktop/login-sync.js';
import { statusNotifierHostPresent } from '../core/desktop/tray-host-linux.js';
import { buildTrayMenu, type LoginStatus, type TrayAction } from '../core/desktop/tray-model.js';
import {
  closeAction,
  initialWindow,
  type InitialWindow,
  type TrayPresence,
} from '../core/desktop/window-policy.js';
import { loginEnvironment } from '../core/sessions/login-env.js';
import { userShell } from '../core/sessions/user-shell.js';
import { installAppMenu } from './app-menu.js';
import { createIpcBridge } from './ipc.js';
import { createLoginItem, startedHidden } from './login-item.js';
import { appPaths } from './paths.js';
import { createElectronPresence } from './presence.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { installQuitFlow, type QuitFlow } from './quit.js';
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
  // Both run while Electron starts: the login shell's PATH (an app started from Finder, the Dock,
  // a login item or a launcher has the session manager's minimal PATH) and, on Linux, whether a
  // StatusNotifier host shows tray icons at all.
  const baseEnv = loginEnvironment(process.env, userShell());
  const trayHost = process.platform === 'linux' ? statusNotifierHostPresent() : Promise.resolve(true);
  await app.whenReady();
  installAppMenu();
  const hidden = startedHidden(process.argv);

  const paths = appPaths(import.meta.url);
  const dataDir = app.getPath('userData');
  // Private folder and files before electron-store opens them; a corrupt file is moved aside.
  preparePrivateDir(dataDir);
  const startupNotices = [SETTINGS_FILE, 'window-state.json'].flatMap(
    (name) => prepareJsonStoreFile(join(dataDir, name)) ?? [],
  );
  const settingsStore = new ElectronStore({
    name: 'settings',
    configFileMode: PRIVATE_FILE_MODE,
  }) as unknown as KeyValueStore;
  const windowStore = new ElectronStore({
    name: 'window-state',
    configFileMode: PRIVATE_FILE_MODE,
  }) as unknown as KeyValueStore;
  const presence = createElectronPresence();
  const login = createLoginSync(createLoginItem(join(paths.assets, 'icon.png'), dataDir));

  let win: BrowserWindow | null = null;
  let tray: TrayHandle | null = null;
  let trayPresence: TrayPresence = { created: false, visible: false };
  let quit: QuitFlow | null = null;

  const core: Core = await createCore({
    hostKind: 'electron',
    dataDir,
    startupNotices,
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
    baseEnv: await baseEnv,
    version: app.getVersion(),
  });

  lockDownPermissions();
  serveRenderer(paths.rendererDir);
  const bridge = createIpcBridge(core);

  const openWindow = (show: InitialWindow): BrowserWindow => {
    if (win && !win.isDestroyed()) {
      if (show === 'show') showWindow(win);
      return win;
    }
    const created = createMainWindow({
      paths,
      store: windowStore,
      show,
      onClose: () => closeAction(quit?.quitting() ?? false, trayPresence),
      onCloseRequest: () => app.quit(),
    });
    bridge.attach(created.webContents);
    created.on('closed', () => {
      if (win === created) win = null;
    });
    win = created;
    return created;
  };
  const showAnd = (after?: () => void) => {
    const w = openWindow('show');
    if (!after) return;
    if (w.webContents.isLoading()) w.webContents.once('did-finish-load', after);
    else after();
  };

  // The OS is the truth for start-at-login: the setting follows what it reports, and a change of
  // the setting (tray or settings panel) is applied once per change (core/desktop/login-sync.ts).
  const loginView = (): { enabled: boolean; status: LoginStatus } => {
    const s = login.state();
    const status: LoginStatus = s.unavailable ? 'unavailable' : s.needsApproval ? 'needs-approval' : 'ok';
    return { enabled: s.enabled || s.needsApproval, status };
  };
  if (core.snapshot().settings.startAtLogin !== loginView().enabled) {
    await core.request('settings.update', { patch: { startAtLogin: loginView().enabled } });
  }
  core.onChange(() => {
    const result = login.apply(core.snapshot().settings.startAtLogin);
    if (result.correctSettingTo !== null) {
      void core.request('settings.update', { patch: { startAtLogin: result.correctSettingTo } });
    }
    if (result.message) {
      const parent = win && !win.isDestroyed() && win.isVisible() ? win : null;
      const options = { type: 'info' as const, message: 'Start at login', detail: result.message };
      void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
    }
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
        return void core.request('settings.update', { patch: { startAtLogin: !loginView().enabled } });
      case 'quit':
        return app.quit();
    }
  };

  tray = createTray({
    core,
    assetsDir: paths.assets,
    login: loginView,
    onAction: runAction,
    onClick: () => showAnd(),
  });
  // A tray nobody can see is no way back in: then start visible and minimise instead of hiding.
  trayPresence = { created: tray !== null, visible: (await trayHost) !== false };

  quit = installQuitFlow({
    core,
    parent: () => win,
    dispose: async (choice) => {
      tray?.destroy();
      bridge.dispose();
      presence.dispose();
      // 'keep': the sessions go on in the PTY host and come back at the next start.
      await core.dispose({ stopAgents: choice === 'stop' });
    },
  });

  openWindow(initialWindow(hidden, trayPresence));

  app.on('second-instance', () => showAnd());
  app.on('activate', () => showAnd());
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window; without a tray, closing asked to quit already.
  });

  if (process.env.AGENT_PAGER_E2E === '1') {
    (globalThis as Record<string, unknown>).__agentPagerE2E = {
      trayMenu: () =>
        buildTrayMenu(core.snapshot(), {
          startAtLogin: loginView().enabled,
          loginStatus: loginView().status,
          platform: process.platform,
        }),
      trayCreated: () => tray !== null,
    };
  }
}
