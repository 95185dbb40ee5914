/**
 * The recorded state of the `electron` stand-in (see index.ts): what a scenario configures, and
 * every call the shell made. One {@link StandInState} per run of the shell.
 */
import type { FakeBrowserWindow, FakeTray } from './windows.js';

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

/** The configuration of a fresh run. */
export const defaults = (): StandInConfig => ({
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

/** The stand-in's state, replaced by {@link replaceState} before each run. */
export let state = new StandInState();

/** Records one call. */
export function record(api: string, args: unknown[]): void {
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

/** Starts a fresh state with `config` over the defaults and `userData` as app.getPath('userData'). */
export function replaceState(config: Partial<StandInConfig>, userData?: string): StandInState {
  state = new StandInState();
  state.config = { ...defaults(), ...config };
  if (userData) state.paths.set('userData', userData);
  return state;
}
