/**
 * A recording stand-in for the `electron` module, so the built Electron main
 * (dist/electron/main.js) and preload (dist/preload/index.cjs) run under plain Node in `npm test`,
 * where no Electron binary exists. It implements the surface the shell uses (app, BrowserWindow,
 * webContents, Tray, Menu, ipcMain, ipcRenderer, contextBridge, protocol, session, safeStorage,
 * powerMonitor, shell, nativeImage, screen, dialog) with the documented behaviour the shell relies
 * on (e.g. `before-quit` can be prevented, `ready-to-show` follows `loadURL`, `maximize()` shows a
 * hidden window), and records every call for the tests to read.
 *
 * {@link installElectronStandIn} registers a Node module-resolution hook (`module.register`) that
 * answers the bare specifier `electron` with a small module re-exporting this stand-in from
 * `globalThis`; the production build is not changed. Modules loaded through that hook must be
 * imported natively ({@link nativeImport}), not through Vitest's transform.
 */
import { EventEmitter } from 'node:events';
import { createRequire, register } from 'node:module';

/** One recorded call: the API path (e.g. `app.setLoginItemSettings`) and its arguments. */
export interface Call {
  api: string;
  args: unknown[];
}

/** A menu as built by the stand-in `Menu.buildFromTemplate`: the template itself. */
export interface StandInMenu {
  template: MenuTemplateItem[];
}
/** The template fields the tests read. */
export interface MenuTemplateItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

/** Knobs a scenario sets before loading the main. */
export interface StandInConfig {
  isPackaged: boolean;
  singleInstanceLock: boolean;
  encryptionAvailable: boolean;
  storageBackend: string;
  /** What `app.getLoginItemSettings` reports; `setLoginItemSettings` updates `openAtLogin` unless `loginItemRefuses`. */
  loginItem: { openAtLogin: boolean; status: string; wasOpenedAtLogin: boolean };
  loginItemRefuses: boolean;
  /** `status` reported after a `setLoginItemSettings({openAtLogin: true})` (macOS 13+: 'requires-approval'). */
  loginStatusAfterEnable: string;
  /** The button index every `dialog.showMessageBox` answers. */
  messageBoxResponse: number;
  trayThrows: boolean;
}

const defaults = (): StandInConfig => ({
  isPackaged: false,
  singleInstanceLock: true,
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret',
  loginItem: { openAtLogin: false, status: 'not-registered', wasOpenedAtLogin: false },
  loginItemRefuses: false,
  loginStatusAfterEnable: 'enabled',
  messageBoxResponse: 0,
  trayThrows: false,
});

/** The recorded state of one run of the shell. */
export class StandInState {
  config: StandInConfig = defaults();
  calls: Call[] = [];
  ready = false;
  quitCount = 0;
  exited: number | null = null;
  paths = new Map<string, string>();
  windows: FakeBrowserWindow[] = [];
  trays: FakeTray[] = [];
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  privilegedSchemes: unknown[] = [];
  applicationMenu: StandInMenu | null = null;
  permissionRequest: ((...a: unknown[]) => void) | null = null;
  permissionCheck: ((...a: unknown[]) => boolean) | null = null;
  exposed = new Map<string, unknown>();
  rendererListeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  idleSeconds = 0;
  idleState = 'active';
  messageBoxes: unknown[] = [];
  readyWaiters: Array<() => void> = [];

  /** Calls recorded for `api`. */
  of(api: string): Call[] {
    return this.calls.filter((c) => c.api === api);
  }
}

/** The stand-in's state, replaced by {@link resetStandIn} before each run. */
export let state = new StandInState();

function record(api: string, args: unknown[]): void {
  state.calls.push({ api, args });
}

/** A prevented-or-not event object as Electron passes to listeners. */
export function electronEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

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

class FakeWebContents extends EventEmitter {
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
export const Menu = {
  buildFromTemplate(template: MenuTemplateItem[]): StandInMenu {
    return { template };
  },
  setApplicationMenu(menu: StandInMenu | null) {
    record('Menu.setApplicationMenu', [menu]);
    state.applicationMenu = menu;
  },
};

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export const screen = {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    record('ipcMain.handle', [channel]);
    if (state.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    record('ipcMain.removeHandler', [channel]);
    state.handlers.delete(channel);
  },
});

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    record('protocol.registerSchemesAsPrivileged', [schemes, { ready: state.ready }]);
    if (state.ready) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    state.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    record('protocol.handle', [scheme]);
    state.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: Object.assign(new EventEmitter(), {
    setPermissionRequestHandler(h: (...a: unknown[]) => void) {
      state.permissionRequest = h;
    },
    setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
      state.permissionCheck = h;
    },
  }),
};

export const shell = {
  openExternal(url: string) {
    record('shell.openExternal', [url]);
    return Promise.resolve();
  },
  openPath: () => Promise.resolve(''),
};

export const safeStorage = {
  isEncryptionAvailable: () => state.config.encryptionAvailable,
  getSelectedStorageBackend: () => state.config.storageBackend,
  encryptString(plain: string): Buffer {
    record('safeStorage.encryptString', [plain.length]);
    return Buffer.from(`stand-in-enc:${Buffer.from(plain).toString('base64')}`);
  },
  decryptString(data: Buffer): string {
    record('safeStorage.decryptString', []);
    const text = data.toString();
    if (!text.startsWith('stand-in-enc:')) throw new Error('stand-in: not encrypted by safeStorage');
    return Buffer.from(text.slice('stand-in-enc:'.length), 'base64').toString();
  },
};

export const powerMonitor = Object.assign(new EventEmitter(), {
  getSystemIdleTime() {
    record('powerMonitor.getSystemIdleTime', []);
    return state.idleSeconds;
  },
  getSystemIdleState(threshold: number) {
    record('powerMonitor.getSystemIdleState', [threshold]);
    return state.idleState;
  },
});

export const dialog = {
  showErrorBox(title: string, content: string) {
    record('dialog.showErrorBox', [title, content]);
  },
  showMessageBox(...args: unknown[]) {
    const options = args.length > 1 ? args[1] : args[0];
    record('dialog.showMessageBox', [options]);
    state.messageBoxes.push(options);
    return Promise.resolve({ response: state.config.messageBoxResponse, checkboxChecked: false });
  },
  showOpenDialog() {
    return Promise.resolve({ canceled: true, filePaths: [] });
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    record('contextBridge.exposeInMainWorld', [key]);
    state.exposed.set(key, api);
  },
};

/** What a renderer frame looks like to `ipcMain.handle` (the sender check reads these). */
export interface Sender {
  contents: FakeWebContents;
  frameUrl: string;
  isMainFrame: boolean;
}

/** Which window the stand-in's `ipcRenderer.invoke` speaks as; tests change it to forge senders. */
export let rendererSender: () => Sender | null = () => null;
/** Sets who `ipcRenderer.invoke` claims to be. */
export function setRendererSender(fn: () => Sender | null): void {
  rendererSender = fn;
}

export const ipcRenderer = {
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    const list = state.rendererListeners.get(channel) ?? [];
    list.push(listener);
    state.rendererListeners.set(channel, list);
  },
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = state.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const from = rendererSender();
    if (!from) throw new Error('stand-in: no renderer sender set');
    const event = {
      sender: from.contents,
      senderFrame: { url: from.frameUrl, parent: from.isMainFrame ? null : {} },
    };
    return await handler(event, ...args);
  },
};

/** Everything, as `import electron from 'electron'` sees it. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu,
  nativeImage,
  screen,
  ipcMain,
  ipcRenderer,
  protocol,
  session,
  shell,
  safeStorage,
  powerMonitor,
  dialog,
  contextBridge,
};

const KEY = Symbol.for('agent-pager.electron-stand-in');

/** Starts a fresh run: new state with `config` over the defaults; listeners from the last run are removed. */
export function resetStandIn(config: Partial<StandInConfig> = {}, userData?: string): StandInState {
  app.removeAllListeners();
  ipcMain.removeAllListeners();
  powerMonitor.removeAllListeners();
  session.defaultSession.removeAllListeners();
  state = new StandInState();
  state.config = { ...defaults(), ...config };
  if (userData) state.paths.set('userData', userData);
  rendererSender = () => null;
  return state;
}

/** Fires `ready` (Electron: `app.whenReady()` resolves, then `ready` is emitted). */
export function emitReady(): void {
  state.ready = true;
  for (const r of state.readyWaiters.splice(0)) r();
  app.emit('ready', electronEvent(), {});
}

const names = Object.keys(electron);
const shimSource =
  `const e = globalThis[Symbol.for('agent-pager.electron-stand-in')];\n` +
  `export default e;\n` +
  names.map((n) => `export const ${n} = e.${n};`).join('\n');
const shimUrl = `data:text/javascript,${encodeURIComponent(shimSource)}`;
const hooksSource =
  `export async function resolve(specifier, context, next) {\n` +
  `  if (specifier === 'electron') return { url: ${JSON.stringify(shimUrl)}, shortCircuit: true };\n` +
  `  return next(specifier, context);\n}\n`;

let installed = false;
/** Installs the stand-in on globalThis and the `electron` resolution hook (once per process). */
export function installElectronStandIn(): void {
  (globalThis as Record<symbol, unknown>)[KEY] = electron;
  if (installed) return;
  installed = true;
  register(`data:text/javascript,${encodeURIComponent(hooksSource)}`);
}

/** `import()` done by Node itself, bypassing Vitest's module transform (so the hook applies). */
export const nativeImport = createRequire(import.meta.url)('./native-import.cjs') as (
  specifier: string,
) => Promise<unknown>;
