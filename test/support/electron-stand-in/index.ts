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
import { createRequire, register } from 'node:module';
import { electronEvent, replaceState, state, type StandInConfig, type StandInState } from './state.js';
import { app, FakeBrowserWindow, FakeTray, type FakeWebContents } from './windows.js';
import {
  contextBridge,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from './services.js';

export * from './state.js';
export * from './windows.js';
export * from './services.js';

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
  rendererSender = () => null;
  return replaceState(config, userData);
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
