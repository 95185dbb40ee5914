/**
 * The stand-in's stateless-looking services: Menu, nativeImage, screen, ipcMain, protocol,
 * session, shell, safeStorage (a reversible fake cipher), powerMonitor, dialog (scripted answers)
 * and contextBridge. Each records its calls in the run's state.
 */
import { EventEmitter } from 'node:events';
import { record, state, type MenuTemplateItem, type StandInMenu } from './state.js';

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
