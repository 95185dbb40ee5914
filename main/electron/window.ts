/**
 * The main window: locked-down webPreferences, the renderer loaded from `app://`, navigation and
 * pop-ups blocked (http(s) links go to the browser through open-external.ts), size/position
 * persisted and restored on a visible display (a saved maximized state is applied when the window
 * is first shown: `maximize()` shows a hidden window), and close-to-tray.
 */
import { BrowserWindow, screen, session, shell } from 'electron';
import { join } from 'node:path';
import type { KeyValueStore } from '../core/app-types.js';
import type { CloseAction, InitialWindow } from '../core/desktop/window-policy.js';
import { isAppOrigin, isRendererUrl, RENDERER_URL } from './app-protocol.js';
import { openExternalIfSafe } from './open-external.js';
import type { AppPaths } from './paths.js';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, restoreWindow, type SavedWindow } from './window-state.js';

/** Store key holding {@link SavedWindow}. */
export const WINDOW_STATE_KEY = 'window';
/** Delay before saving bounds after a move/resize, in ms. */
const SAVE_DELAY_MS = 500;

/** Options for {@link createMainWindow}. */
export interface MainWindowOptions {
  paths: AppPaths;
  /** Where the window's bounds are kept. */
  store: KeyValueStore;
  /** Once loaded: show it, show it minimised (no usable tray), or keep it hidden (`--hidden` start). */
  show: InitialWindow;
  /** Called when the user closes the window; see window-policy.ts closeAction. */
  onClose: () => CloseAction;
  /** Called when `onClose` answered 'ask' (no tray: closing means quitting, which may ask first). */
  onCloseRequest: () => void;
}

/**
 * Denies every permission request and check (camera, notifications, geolocation, …) except
 * sanitized clipboard writes from the renderer page itself, which the terminal's "copy" needs
 * (`navigator.clipboard.writeText`); clipboard reads stay denied (paste uses the native paste event).
 */
export function lockDownPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isRendererUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => {
    return permission === 'clipboard-sanitized-write' && isAppOrigin(requestingOrigin);
  });
  ses.on('will-download', (event) => event.preventDefault());
}

/** Windows whose saved state was maximized and that have not been shown yet. */
const maximizeOnFirstShow = new WeakSet<BrowserWindow>();

/** Shows, restores and focuses a window; the first time, maximizes it if it was saved maximized. */
export function showWindow(win: BrowserWindow): void {
  if (maximizeOnFirstShow.delete(win)) win.maximize();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Creates the main window and starts loading the renderer. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay().workArea;
  const restored = restoreWindow(
    opts.store.get(WINDOW_STATE_KEY),
    screen.getAllDisplays().map((d) => d.workArea),
    primary,
  );
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    title: 'Agent Pager',
    backgroundColor: '#1e1f24',
    autoHideMenuBar: true,
    icon: process.platform === 'linux' ? join(opts.paths.assets, 'icon.png') : undefined,
    webPreferences: {
      preload: opts.paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (restored.maximized) maximizeOnFirstShow.add(win);

  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    // A window never shown keeps its saved maximized state (it is applied on first show).
    const state: SavedWindow = { ...b, maximized: win.isMaximized() || maximizeOnFirstShow.has(win) };
    opts.store.set(WINDOW_STATE_KEY, state);
  };
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);

  win.on('close', (event) => {
    save();
    const decision = opts.onClose();
    if (decision === 'close') return;
    event.preventDefault();
    if (decision === 'hide') win.hide();
    else if (decision === 'minimize') win.minimize();
    else opts.onCloseRequest();
  });

  if (opts.show === 'show') win.once('ready-to-show', () => showWindow(win));
  if (opts.show === 'minimized') {
    win.once('ready-to-show', () => {
      if (maximizeOnFirstShow.delete(win)) win.maximize();
      win.showInactive();
      win.minimize();
    });
  }

  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfSafe(url, (u) => shell.openExternal(u));
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isRendererUrl(url)) return;
    event.preventDefault();
    void openExternalIfSafe(url, (u) => shell.openExternal(u));
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(RENDERER_URL);
  return win;
}
