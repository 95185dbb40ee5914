/**
 * The core's face to its two shells (Electron, headless host). Both create one core with
 * {@link CoreOptions} and connect each window or browser tab as a client.
 */
import type { PtyHostLaunch } from './ptyhost/client.js';
import type {
  EventName,
  EventPayloads,
  PhoneState,
  PublicSettings,
  QuitMode,
  RequestName,
  RequestParams,
  RequestResults,
  SessionInfo,
} from '../../contract/bridge.js';
import type { Event } from './base/event.js';

/** A key-value store: `conf` in the headless host, `electron-store` in Electron (same API). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Where the bot token lives: Electron safeStorage, or a file of mode 0600. */
export interface SecretStore {
  readonly kind: 'safe-storage' | 'file';
  /** The secret, or null when none is stored. */
  get(): string | null;
  /** Stores the secret, or removes it when null. */
  set(value: string | null): void;
}

/** How Claude Code hooks run the hook helper: `node helper.cjs` or the app's exe with ELECTRON_RUN_AS_NODE=1. */
export interface HookRunner {
  /** Executable, e.g. process.execPath. */
  command: string;
  /** Extra env for the hook command (e.g. ELECTRON_RUN_AS_NODE=1). */
  env: Record<string, string>;
  /** Absolute path of hook-helper.cjs (outside any asar). */
  helperPath: string;
}

/** Whether the user is at the desk; Electron's powerMonitor behind it, or "always away" headless. */
export interface PresenceSource {
  /** Seconds since the last keyboard/mouse input on the system. */
  idleSeconds(): number;
  /** True while the screen is locked. */
  isLocked(): boolean;
  /** Optional: fires when presence changes at once (screen locked or unlocked). */
  readonly onChange?: Event<void>;
}

export interface CoreOptions {
  hostKind: 'electron' | 'headless';
  /** Folder for settings, the audit log, the hook socket; created if missing. */
  dataDir: string;
  settings: KeyValueStore;
  secrets: SecretStore;
  hookRunner: HookRunner;
  /**
   * How to start the PTY host (main/ptyhost/main.ts) when none runs for the data dir: the
   * headless host runs `node dist/ptyhost/main.js`, Electron its own binary with
   * ELECTRON_RUN_AS_NODE=1.
   */
  ptyHost: PtyHostLaunch;
  /**
   * The host name: this computer's name in the chat while Settings leave `computerName` empty
   * ("Paired with <computer name>", the name line of group messages); defaults to os.hostname().
   */
  computerName?: string;
  /** Native folder picker (Electron only). */
  pickDirectory?: (defaultPath?: string) => Promise<string | null>;
  presence?: PresenceSource;
  /**
   * Environment sessions inherit and the launch check searches (PATH); defaults to process.env.
   * The Electron shell passes the login shell's PATH here (sessions/login-env.ts).
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** Telegram Bot API root; defaults to AGENT_PAGER_TELEGRAM_API_ROOT or https://api.telegram.org. */
  telegramApiRoot?: string;
  /** App version shown in the UI. */
  version: string;
  /**
   * Sentences about stored data the shell had to repair before the core started (e.g. from
   * `prepareJsonStoreFile`); shown once in the window with the core's own repairs.
   */
  startupNotices?: string[];
}

/** Where a shell sends events for one connected client (window or browser tab). */
export interface ClientSink {
  send<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** One connected client. `handle` validates params and throws Error with a user-readable message. */
export interface ClientConnection {
  handle(name: string, params: unknown): Promise<unknown>;
  close(): void;
}

/** Everything a tray menu needs to draw itself. */
export interface CoreSnapshot {
  sessions: SessionInfo[];
  phone: PhoneState;
  settings: PublicSettings;
}

/** What quitting would leave behind: how many sessions run, and the remembered choice. */
export interface QuitPlan {
  /** Sessions whose process is running now. */
  running: number;
  /** The "when quitting" setting: ask, keep them running, or stop them. */
  onQuit: QuitMode;
}

export interface Core {
  connect(sink: ClientSink): ClientConnection;
  /** Sends an event to every connected client (tray asks the UI to focus a session, …). */
  broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Runs a request on behalf of the shell itself (tray actions), validated like any other. */
  request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResults[K]>;
  snapshot(): CoreSnapshot;
  /** Fires (coalesced to one per microtask) whenever the snapshot may have changed. */
  readonly onChange: Event<void>;
  /**
   * What quitting would leave running. The Electron shell asks "Keep N agents running in the
   * background?" when `onQuit` is 'ask' and `running` > 0 (and may remember the answer with
   * settings.update `onQuit`), then calls {@link Core.dispose}.
   */
  quitPlan(): QuitPlan;
  /** The PTY host's pid (diagnostics, tests). */
  ptyHostPid(): number;
  /**
   * Stops the bot and disconnects clients and the PTY host. With `stopAgents` (the default) every
   * session is ended (SIGHUP, then SIGKILL) and the PTY host exits; without, sessions keep running
   * in the PTY host and the next start of the app finds them.
   */
  dispose(options?: { stopAgents: boolean }): Promise<void>;
}
