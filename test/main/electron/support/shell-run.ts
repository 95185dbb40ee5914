/**
 * Runs the built Electron shell (dist/electron/main.js + dist/preload/index.cjs) under the
 * `electron` stand-in (test/support/electron-stand-in/), in this test process: a throw-away
 * user-data folder and XDG config home, a fake login shell whose profile adds a folder holding
 * `fake-agent` to PATH, and a fake `dbus-send` answering whether a StatusNotifier host exists.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  emitReady,
  installElectronStandIn,
  nativeImport,
  resetStandIn,
  setRendererSender,
  state,
  type FakeBrowserWindow,
  type FakeTray,
  type MenuTemplateItem,
  type StandInConfig,
  type StandInState,
} from '../../../support/electron-stand-in/index.js';
import { waitFor } from '../../../support/wait.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const MAIN = path.join(ROOT, 'dist/electron/main.js');
export const PRELOAD = path.join(ROOT, 'dist/preload/index.cjs');

/** The preload's `window.agentPager`. */
export interface Bridge {
  request(name: string, params?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** What a scenario asks for. */
export interface RunOptions {
  platform?: NodeJS.Platform;
  config?: Partial<StandInConfig>;
  hidden?: boolean;
  /** What the fake `dbus-send` reports for IsStatusNotifierHostRegistered. */
  trayHost?: boolean;
  /** Saved window state written before start. */
  savedWindow?: Record<string, unknown>;
  /** A bot token stored before start: encrypted by the stand-in's safeStorage, or in the plain 0600 file. */
  seedToken?: 'safe-storage' | 'file';
}

/** A token of the Bot API's shape (digits, colon, 35 chars); nothing answers for it. */
export const SEED_TOKEN = `123456789:${'A'.repeat(35)}`;

/** A running shell. */
export interface ShellRun {
  state: StandInState;
  dir: string;
  userData: string;
  bridge: Bridge;
  window(): FakeBrowserWindow;
  tray(): FakeTray;
  trayItem(label: string | RegExp): MenuTemplateItem;
  /** Quits (answering the dialog with Quit) and waits until the core is disposed. */
  quit(): Promise<void>;
}

let runs = 0;
const saved = { platform: process.platform, argv: [...process.argv], env: { ...process.env } };

function script(file: string, body: string): void {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Starts the shell, fires `ready`, and waits for its window. */
export async function startShell(opts: RunOptions = {}): Promise<ShellRun> {
  if (!existsSync(MAIN) || !existsSync(PRELOAD))
    throw new Error('dist/ is missing: run `node scripts/build.mjs` first');
  installElectronStandIn();
  // node-pty picks its native module by process.platform when first loaded: load it for real first.
  await nativeImport('node-pty');
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-shell-'));
  const userData = path.join(dir, 'user-data');
  const bin = path.join(dir, 'bin');
  const agentBin = path.join(dir, 'agent-bin');
  for (const d of [userData, bin, agentBin, path.join(dir, 'config')]) mkdirSync(d, { recursive: true });
  script(path.join(agentBin, 'fake-agent'), 'echo fake-agent ready; exec sleep 30');
  // A login shell that adds agent-bin to PATH in its profile, as ~/.zprofile would.
  script(path.join(bin, 'login-shell'), `PATH="${agentBin}:$PATH"; export PATH; shift; eval "$1"`);
  const answer = opts.trayHost === false ? 'false' : 'true';
  script(path.join(bin, 'dbus-send'), `echo "   variant       boolean ${answer}"`);
  if (opts.savedWindow) {
    writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify({ window: opts.savedWindow }));
  }

  if (opts.seedToken === 'safe-storage') {
    const enc = Buffer.from(`stand-in-enc:${Buffer.from(SEED_TOKEN).toString('base64')}`);
    writeFileSync(path.join(userData, 'telegram-token.enc'), enc, { mode: 0o600 });
  } else if (opts.seedToken === 'file') {
    writeFileSync(path.join(userData, 'telegram-token.txt'), SEED_TOKEN, { mode: 0o600 });
  }
  const st = resetStandIn(opts.config ?? {}, userData);
  process.env.SHELL = path.join(bin, 'login-shell');
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
  // The app may fake another platform (win32: a named pipe); its real PTY host runs here.
  process.env.AGENT_PAGER_PTYHOST_SOCKET = path.join(dir, 'ptyhost.sock');
  process.env.AGENT_PAGER_TELEGRAM_API_ROOT = 'http://127.0.0.1:9';
  delete process.env.AGENT_PAGER_USER_DATA;
  delete process.env.AGENT_PAGER_E2E;
  process.argv = [process.execPath, ROOT, ...(opts.hidden ? ['--hidden'] : [])];
  if (opts.platform) Object.defineProperty(process, 'platform', { value: opts.platform, configurable: true });

  await nativeImport(`${pathToFileURL(MAIN).href}?run=${++runs}`);
  emitReady();
  await waitFor(
    () => (st.windows.length === 1 && st.windows[0]!.webContents.url !== '') || st.exited !== null,
    'the main window',
    20_000,
  );
  if (st.exited !== null)
    throw new Error(`the shell exited: ${JSON.stringify(st.of('dialog.showErrorBox'))}`);

  const win = () => st.windows[0]!;
  setRendererSender(() => ({
    contents: win().webContents,
    frameUrl: win().webContents.url,
    isMainFrame: true,
  }));
  const bridge = loadPreload();
  const tray = () => {
    const t = st.trays[0];
    if (!t) throw new Error('no tray');
    return t;
  };
  return {
    state: st,
    dir,
    userData,
    bridge,
    window: win,
    tray,
    trayItem(label) {
      const items = tray().menu?.template ?? [];
      const found = items.find((i) =>
        typeof label === 'string' ? i.label === label : label.test(i.label ?? ''),
      );
      if (!found)
        throw new Error(`no tray item ${String(label)} in ${items.map((i) => i.label).join(' | ')}`);
      return found;
    },
    async quit() {
      st.config.messageBoxResponse = 1; // "Stop and quit": no PTY host outlives the test
      app.quit();
      await waitFor(() => !st.handlers.size && st.windows.every((w) => w.destroyed), 'quit', 20_000);
    },
  };
}

/** Loads the preload as Electron's sandbox does: CommonJS whose `require` knows `electron` only. */
function loadPreload(): Bridge {
  const source = readFileSync(PRELOAD, 'utf8');
  const electronObj = (globalThis as Record<symbol, unknown>)[Symbol.for('agent-pager.electron-stand-in')];
  const requireInSandbox = (id: string) => {
    if (id === 'electron') return electronObj;
    throw new Error(`sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', source)(requireInSandbox, module, module.exports);
  const api = state.exposed.get('agentPager');
  if (!api) throw new Error('preload exposed no agentPager');
  return api as Bridge;
}

/**
 * Puts process.platform, argv and env back and removes the run's folder, after ending a PTY host
 * the run left behind (a test that did not quit).
 */
export function restoreProcess(dir?: string): void {
  const lock = dir ? path.join(dir, 'user-data', 'ptyhost.lock') : null;
  const pid = lock && existsSync(lock) ? Number(readFileSync(lock, 'utf8')) : 0;
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  Object.defineProperty(process, 'platform', { value: saved.platform, configurable: true });
  process.argv = [...saved.argv];
  for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k];
  Object.assign(process.env, saved.env);
  if (dir) rmSync(dir, { recursive: true, force: true });
}
