/**
 * The stand-in's `app`, `BrowserWindow` (with its `webContents`) and `Tray`, following the Electron
 * behaviour the shell relies on: `before-quit` can be prevented, `ready-to-show` follows `loadURL`,
 * `maximize()` shows a hidden window, a prevented `close` keeps the window.
 */
import { EventEmitter } from 'node:events';
import { electronEvent, record, state, type StandInMenu } from './state.js';

class AppEmitter extends EventEmitter {
  get isPackaged(): boolean {
    return state.config.isPackaged;
  }
  setPath(name: string, value: string) {
    record('app.setPath', [name, value]);
    state.paths.set(name, value);
  }
  getPath(name: string): string {
    const p = state.paths.get(name);
    if (!p) throw new Error(`stand-in: app.getPath('${name}') has no value`);
    return p;
  }
  setAppUserModelId(id: string) {
    record('app.setAppUserModelId', [id]);
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', []);
    return state.config.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    return state.ready ? Promise.resolve() : new Promise((r) => state.readyWaiters.push(r));
  }
  isReady() {
    return state.ready;
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  getName() {
    return 'Agent Pager';
  }
  getAppPath() {
    return state.paths.get('appPath') ?? process.cwd();
  }
  /** Electron: emits `before-quit` (preventable), then closes windows and emits `will-quit` and `quit`. */
  quit() {
    record('app.quit', []);
    state.quitCount++;
    const e = electronEvent();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    for (const w of [...state.windows]) if (!w.isDestroyed()) w.close();
    this.emit('will-quit', electronEvent());
    this.emit('quit', electronEvent(), 0);
  }
  exit(code = 0) {
    record('app.exit', [code]);
    state.exited = code;
  }
  getLoginItemSettings(options?: unknown) {
    record('app.getLoginItemSettings', [options]);
    return { ...state.config.loginItem, wasOpenedAsHidden: false, executableWillLaunchAtLogin: false };
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }) {
    record('app.setLoginItemSettings', [settings]);
    if (state.config.loginItemRefuses) return;
    const on = settings.openAtLogin === true;
    state.config.loginItem.openAtLogin = on && state.config.loginStatusAfterEnable === 'enabled';
    state.config.loginItem.status = on ? state.config.loginStatusAfterEnable : 'not-registered';
  }
}

/** The stand-in `app`. */
export const app = new AppEmitter();

/** The stand-in `webContents` of a window; `send` delivers to the preload's listeners. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  loading = false;
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
  sent: unknown[][] = [];
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return this.loading;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
    for (const l of state.rendererListeners.get(channel) ?? []) l({ sender: null }, ...args);
  }
  setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}

/** The stand-in `BrowserWindow`; `visible`, `maximized`, `minimized` follow Electron's documented behaviour. */
export class FakeBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  visible = false;
  maximized = false;
  minimized = false;
  destroyed = false;
  /** Every visibility-changing call in order, e.g. ['maximize', 'show', 'focus']. */
  history: string[] = [];

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    record('BrowserWindow.new', [options]);
    state.windows.push(this);
  }
  static getAllWindows() {
    return state.windows.filter((w) => !w.destroyed);
  }
  loadURL(url: string) {
    this.history.push(`loadURL ${url}`);
    this.webContents.url = url;
    this.webContents.loading = true;
    setImmediate(() => {
      this.webContents.loading = false;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
    return Promise.resolve();
  }
  show() {
    this.history.push('show');
    this.visible = true;
  }
  showInactive() {
    this.history.push('showInactive');
    this.visible = true;
  }
  hide() {
    this.history.push('hide');
    this.visible = false;
  }
  focus() {
    this.history.push('focus');
  }
  /** Electron: maximize() also shows the window when it is hidden. */
  maximize() {
    this.history.push('maximize');
    this.maximized = true;
    this.visible = true;
  }
  minimize() {
    this.history.push('minimize');
    this.minimized = true;
  }
  restore() {
    this.history.push('restore');
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  isFullScreen() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as Record<string, number>;
    return { x, y, width, height };
  }
  /** The user (or app.quit) closes the window: `close` may be prevented; else it is destroyed. */
  close() {
    this.history.push('close');
    const e = electronEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}

/** The stand-in `Tray`. */
export class FakeTray extends EventEmitter {
  image: unknown;
  tooltip = '';
  menu: StandInMenu | null = null;
  menuSets = 0;
  destroyed = false;
  constructor(image: unknown) {
    super();
    record('Tray.new', [image]);
    if (state.config.trayThrows) throw new Error('stand-in: no tray on this desktop');
    this.image = image;
    state.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    record('Tray.setToolTip', [text]);
    this.tooltip = text;
  }
  setContextMenu(menu: StandInMenu) {
    this.menuSets++;
    this.menu = menu;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** The stand-in `Menu`: a built menu is its template. */
