/**
 * The one typed bridge contract between the core (main process or headless host) and the
 * renderer. Both transports — Electron IPC through the preload, and the headless host's
 * WebSocket — are generic over the two maps declared here:
 *
 * - {@link requestSchemas}: request name → zod schema of its params; {@link RequestResults}
 *   gives each request's result type.
 * - {@link EventPayloads}: event name → payload type, pushed from the core to clients.
 *
 * Adding a request means one entry in `requestSchemas`, one in `RequestResults`, and one
 * handler in `main/core/app-handlers.ts`. Every incoming params object is validated with
 * its schema at the transport boundary (see {@link parseRequest}); nothing else is trusted.
 *
 * It lives in the top-level `contract/` folder because main, preload and renderer all import it;
 * it must stay free of Node and Electron APIs.
 */
import { z } from 'zod';
import type { SessionUsage } from './usage.js';

/** Agent presets a session can be started from. `custom` runs `command` as typed. */
export const agentKinds = ['claude', 'codex', 'gemini', 'shell', 'custom'] as const;
export type AgentKind = (typeof agentKinds)[number];

/** Human names of the agent kinds, for preset cards, tab tooltips and messages. */
export const agentLabels: Record<AgentKind, string> = {
  claude: 'Claude Code',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  shell: 'Shell',
  custom: 'Custom command',
};

/** Largest terminal we accept, in cells; keeps a bad client from asking for a huge buffer. */
export const MAX_COLS = 1000;
/** Largest terminal height we accept, in rows. */
export const MAX_ROWS = 500;
/** Largest single `session.write`, in chars (a big paste still fits; a runaway client does not). */
export const MAX_WRITE_CHARS = 1_000_000;

const cols = z.number().int().min(2).max(MAX_COLS);
const rows = z.number().int().min(1).max(MAX_ROWS);
const sessionId = z.string().min(1).max(64);

/** The agent presets that run a coding-agent CLI (the others run a shell or any command). */
export const presetAgentKinds = ['claude', 'codex', 'gemini'] as const;
export type PresetAgentKind = (typeof presetAgentKinds)[number];

/** Whether an agent CLI is installed on the host, as the New session dialog shows it. */
export interface AgentAvailability {
  kind: PresetAgentKind;
  /** The executable looked up on PATH, e.g. "codex". */
  command: string;
  /** Absolute path found on the sessions' PATH, or null when missing. */
  path: string | null;
  /** Version reported by `<command> --version` (e.g. "0.169.0"), or null if it did not answer in time. */
  version: string | null;
  /** How to install it, e.g. "npm i -g @openai/codex". */
  installCommand: string;
}

/** One line of "Check setup" / `npm run doctor`. */
export interface SetupCheck {
  /** What was checked, e.g. "Telegram bot" or "Agent: codex". */
  name: string;
  /** `ok`: fine; `warn`: optional or not checkable here; `problem`: something to fix. */
  status: 'ok' | 'warn' | 'problem';
  /** What was found, one line. */
  detail: string;
  /** How to fix it, or null. */
  fix: string | null;
}

/** What the user asks for in the "New session" dialog. */
export const sessionSpecSchema = z.object({
  /** Tab title; defaults to the working directory's folder name when empty. */
  name: z.string().max(80).default(''),
  agent: z.enum(agentKinds),
  /** Command line for `custom` (parsed like a shell would split words); ignored for presets. */
  command: z.string().max(4000).default(''),
  /** Working directory; `~` is expanded to the host user's home. */
  cwd: z.string().min(1).max(4096),
});
export type SessionSpec = z.infer<typeof sessionSpecSchema>;

/** Session lifecycle: starting → running ⇄ needs-attention → exited. */
export type SessionState = 'starting' | 'running' | 'needs-attention' | 'exited';

/** How a session's process ended. `signal` is a name such as "SIGHUP" or null. */
export interface SessionExit {
  code: number | null;
  signal: string | null;
}

/** Everything the UI shows about one session (tab). */
export interface SessionInfo {
  id: string;
  name: string;
  agent: AgentKind;
  /** The command line as the user would read it, e.g. `claude` or `bash -l`. */
  commandLine: string;
  cwd: string;
  state: SessionState;
  /** Set once the process has exited. */
  exit: SessionExit | null;
  /** A start failure the user must see (command not found, missing folder). */
  error: string | null;
  /** Window title set by the program (OSC 0/2), if any. */
  title: string | null;
  /** The open prompt, if the session needs the user right now. */
  prompt: PromptInfo | null;
  /** Epoch ms of creation. */
  createdAt: number;
  /**
   * True when the process was running when its PTY host ended (reboot, crash, kill): the tab
   * offers "Resume".
   */
  stoppedByRestart: boolean;
  /**
   * The command line "Resume" runs, e.g. `claude --resume 3f2a…`; null when the session is
   * running or nothing is known to resume (then Resume starts the command again).
   */
  resumeCommand: string | null;
  /** Tokens and cost as the agent reports them (Claude Code only), or absent/null when unknown. */
  usage?: SessionUsage | null;
}

/** Kinds of prompt: a permission menu, a question, waiting for input, a finished turn. */
export const promptKinds = ['permission', 'question', 'input', 'finished'] as const;
export type PromptKind = (typeof promptKinds)[number];

/** One choice of a prompt and the exact bytes that choose it in the PTY. */
export interface PromptOption {
  /** The label as shown on screen, e.g. "Yes" or "No". */
  label: string;
  /** Bytes written to the PTY to pick this option, e.g. "1" or "\r". */
  keys: string;
}

/** A prompt record as the UI sees it. */
export interface PromptInfo {
  id: string;
  sessionId: string;
  kind: PromptKind;
  title: string;
  body: string;
  options: PromptOption[];
  /** Epoch ms when it opened. */
  openedAt: number;
  /** True once it was delivered to the paired chat. */
  relayed: boolean;
  /**
   * True for a "waiting"/"finished" prompt of a session kind that does not page the phone when
   * idle (settings `pageIdle`, e.g. an idle shell): it stays on the desk, and the tab shows a
   * quieter state than "needs you" (the session's state stays `running`).
   */
  quiet: boolean;
}

/** Public view of the Telegram side; never holds the bot token. */
export interface PhoneState {
  /** Whether a token is stored, and what checking it gave. */
  token: 'none' | 'checking' | 'valid' | 'invalid';
  /** Where the token is kept: OS keychain (safeStorage) or a 0600 file. */
  tokenStorage: 'safe-storage' | 'file' | 'none';
  /** The bot's username without "@", once `getMe` succeeded. */
  botUsername: string | null;
  /** Human-readable problem: invalid or revoked token, network, 409 conflict, blocked bot. */
  error: string | null;
  /** Long polling: running, stopped, offline (retrying), or conflict (another instance polls). */
  polling: 'stopped' | 'running' | 'offline' | 'conflict';
  /**
   * The paired chat, if any: a private chat with the bot, or a group (`chatType` group or
   * supergroup, named `title`) where only the user who paired it (`userId`) may act. Without
   * `chatType`, a private chat.
   */
  paired: {
    chatId: number;
    userId: number;
    username: string | null;
    firstName: string;
    chatType?: PairedChatType;
    title?: string | null;
  } | null;
  /** The open pairing offer, if "Pair phone" is showing. */
  pairing: PairingOffer | null;
  /** "Pause notifications" is on. */
  paused: boolean;
  /**
   * The paired chat blocked the bot (Telegram answered 403 "bot was blocked by the user"): nothing
   * is sent to it until the user opens the bot and presses Start, or writes to it, again.
   */
  blocked: boolean;
}

/** Kinds of chat a computer can be paired with. */
export type PairedChatType = 'private' | 'group' | 'supergroup';

/**
 * An open pairing offer: deep link, its QR code as SVG markup, and its expiry (epoch ms).
 * `groupLink` carries the same one-time token as a `?startgroup=` link: it adds the bot to a group
 * the user picks and pairs that group (several computers' bots can share it).
 */
export interface PairingOffer {
  deepLink: string;
  groupLink: string;
  qrSvg: string;
  expiresAt: number;
}

/** When to send prompts to the phone. */
export const notifyModes = ['always', 'away'] as const;
export type NotifyMode = (typeof notifyModes)[number];

/** Terminal cursor shapes (xterm.js `cursorStyle`). */
export const cursorStyles = ['bar', 'block', 'underline'] as const;
export type CursorStyle = (typeof cursorStyles)[number];
/** Colour themes: fixed dark or light, or following the system's preference. */
export const themeModes = ['system', 'dark', 'light'] as const;
export type ThemeMode = (typeof themeModes)[number];
/** What the terminal bell (BEL) does. */
export const bellModes = ['visual', 'sound', 'off'] as const;
export type BellMode = (typeof bellModes)[number];
/** When a tab closes by itself after its process exits: never, after exit code 0, always. */
export const closeOnExitModes = ['never', 'clean', 'always'] as const;
export type CloseOnExitMode = (typeof closeOnExitModes)[number];

/**
 * When the chat's messages carry this computer's name: `auto` in a group (where several
 * computers' bots can share the chat) but not in a private chat (each bot is its own chat there).
 */
export const computerNameModes = ['auto', 'always', 'never'] as const;
export type ComputerNameMode = (typeof computerNameModes)[number];
/** Longest computer name, in UTF-16 code units. */
export const COMPUTER_NAME_MAX = 64;
/**
 * A computer name as typed in Settings: trimmed, at most {@link COMPUTER_NAME_MAX} chars, no
 * control, line-separator or bidirectional-override characters (they would garble or spoof the
 * chat's messages). Empty means "the host name".
 */
export const computerNameSchema = z
  .string()
  .trim()
  .max(COMPUTER_NAME_MAX, `At most ${COMPUTER_NAME_MAX} characters.`)
  .refine((s) => !/[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u.test(s), {
    message: 'No control characters.',
  });

/** Smallest and largest terminal font size, in CSS px. */
export const FONT_SIZE_RANGE = { min: 8, max: 32 } as const;
/** Scrollback length limits, in rows. */
export const SCROLLBACK_RANGE = { min: 0, max: 100_000 } as const;
/** What quitting the app does with running sessions: ask each time, keep them, or stop them. */
export const quitModes = ['ask', 'keep', 'stop'] as const;
export type QuitMode = (typeof quitModes)[number];

/** Settings the UI may read and change (no secrets). */
export interface PublicSettings {
  notifyMode: NotifyMode;
  /** Minutes of system idle before the user counts as away (notifyMode "away"). */
  awayAfterMinutes: number;
  /** Seconds of quiet output before a shell or agent counts as "waiting for input". */
  idleSeconds: number;
  startAtLogin: boolean;
  defaultCwd: string | null;
  /** CSS font-family list for terminals; empty means the built-in monospace stack. */
  fontFamily: string;
  /** Terminal font size in CSS px ({@link FONT_SIZE_RANGE}). */
  fontSize: number;
  cursorStyle: CursorStyle;
  /** Rows of scrollback each terminal view keeps ({@link SCROLLBACK_RANGE}). */
  scrollback: number;
  theme: ThemeMode;
  bell: BellMode;
  /** xterm.js `screenReaderMode`: an accessible live tree of the terminal's rows. */
  screenReaderMode: boolean;
  /** Copy the terminal selection to the clipboard as soon as it is made. */
  copyOnSelect: boolean;
  /** On Linux and Windows, Ctrl-V pastes (else it sends ^V to the program). */
  ctrlVPastes: boolean;
  /** Ask before a multi-line paste goes into a shell session. */
  confirmMultilinePaste: boolean;
  closeOnExit: CloseOnExitMode;
  /** The chat gets one live status message per turn (`/progress on|off` in the chat). */
  progressMessages: boolean;
  /** Folders `/new` in the chat offers besides those used at the desk (absolute or `~/…`). */
  phoneFolders: string[];
  /** This computer's name in the chat ({@link computerNameSchema}); empty: the host name. */
  computerName: string;
  /** When the chat's messages carry {@link PublicSettings.computerName}. */
  computerNameInChat: ComputerNameMode;
  /**
   * Per session kind: whether a finished turn or "waiting for input" pages the phone. Questions
   * and permission prompts always do. Defaults: agents and custom commands yes, shells no.
   */
  pageIdle: Record<AgentKind, boolean>;
  /** Resume every session stopped by a restart when the app starts. */
  resumeOnStart: boolean;
  /** Quitting with sessions running: ask, keep them running in the background, or stop them. */
  onQuit: QuitMode;
}

/** Most folders listed in Settings for `/new`. */
export const MAX_PHONE_FOLDERS = 20;

/** Defaults for a new install; the renderer uses them until the host's settings arrive. */
export const defaultPublicSettings: PublicSettings = {
  notifyMode: 'always',
  awayAfterMinutes: 5,
  // Quiet output before "waiting for input": agentapi uses 2 s of identical screens; a little
  // longer avoids paging the user while a program merely pauses between bursts.
  idleSeconds: 3,
  startAtLogin: false,
  defaultCwd: null,
  fontFamily: '',
  fontSize: 13,
  cursorStyle: 'bar',
  scrollback: 10_000,
  theme: 'system',
  bell: 'visual',
  screenReaderMode: false,
  copyOnSelect: false,
  ctrlVPastes: true,
  confirmMultilinePaste: true,
  closeOnExit: 'never',
  progressMessages: true,
  phoneFolders: [],
  computerName: '',
  computerNameInChat: 'auto',
  // An agent's finished turn is news; a shell sitting at its prompt is not (it asks nothing).
  pageIdle: { claude: true, codex: true, gemini: true, shell: false, custom: true },
  resumeOnStart: false,
  onQuit: 'ask',
};

/** Schema of {@link PublicSettings.pageIdle}: a boolean for every agent kind. */
export const pageIdleSchema = z.object({
  claude: z.boolean(),
  codex: z.boolean(),
  gemini: z.boolean(),
  shell: z.boolean(),
  custom: z.boolean(),
}) satisfies z.ZodType<Record<AgentKind, boolean>>;

export const publicSettingsPatchSchema = z
  .object({
    notifyMode: z.enum(notifyModes),
    awayAfterMinutes: z.number().int().min(1).max(240),
    idleSeconds: z.number().int().min(2).max(3600),
    startAtLogin: z.boolean(),
    defaultCwd: z.string().max(4096).nullable(),
    fontFamily: z.string().trim().max(200),
    fontSize: z.number().int().min(FONT_SIZE_RANGE.min).max(FONT_SIZE_RANGE.max),
    cursorStyle: z.enum(cursorStyles),
    scrollback: z.number().int().min(SCROLLBACK_RANGE.min).max(SCROLLBACK_RANGE.max),
    theme: z.enum(themeModes),
    bell: z.enum(bellModes),
    screenReaderMode: z.boolean(),
    copyOnSelect: z.boolean(),
    ctrlVPastes: z.boolean(),
    confirmMultilinePaste: z.boolean(),
    closeOnExit: z.enum(closeOnExitModes),
    progressMessages: z.boolean(),
    phoneFolders: z.array(z.string().min(1).max(4096)).max(MAX_PHONE_FOLDERS),
    computerName: computerNameSchema,
    computerNameInChat: z.enum(computerNameModes),
    pageIdle: pageIdleSchema,
    resumeOnStart: z.boolean(),
    onQuit: z.enum(quitModes),
  })
  .partial();

/** Facts about the host the renderer needs for defaults and labels. */
export interface HostInfo {
  shell: 'electron' | 'headless';
  platform: string;
  hostname: string;
  homeDir: string;
  version: string;
  /** The user's login shell, e.g. "/bin/bash". */
  userShell: string;
  /** True where a native folder picker exists (Electron). */
  canPickDirectory: boolean;
  /**
   * What went wrong with the stored data at start and what the app did about it (a corrupt
   * settings file moved aside, unreadable saved sessions left out, …), one sentence each; the
   * window shows them once. Empty when all was well.
   */
  notices: string[];
}

/**
 * Views acknowledge written output (`session.ack`) in steps of this many chars (UTF-16 code units),
 * VS Code's `CharCountAckSize` (src/vs/platform/terminal/common/terminal.ts): one small message per
 * few screens instead of one per write. The host's low watermark (`FLOW_LOW_WATERMARK_CHARS`) is
 * the same size, so an acked step always lets a paused PTY resume.
 */
export const FLOW_ACK_CHARS = 5_000;

/** The screen and scrollback of a session at attach time, as VT sequences to write to xterm. */
export interface SessionSnapshot {
  data: string;
  cols: number;
  rows: number;
}

/** Request name → params schema. */
export const requestSchemas = {
  'host.info': z.object({}),
  'host.pickDirectory': z.object({ defaultPath: z.string().max(4096).optional() }),
  'sessions.list': z.object({}),
  /** Which agent CLIs are installed; `refresh` skips the host's short cache. */
  'agents.list': z.object({ refresh: z.boolean().optional() }),
  /** Runs the setup checks (node-pty, agents, data folder, bot, pairing, hook channel, desktop). */
  'setup.check': z.object({}),
  'session.create': z.object({ spec: sessionSpecSchema, cols, rows }),
  'session.attach': z.object({ id: sessionId }),
  'session.detach': z.object({ id: sessionId }),
  'session.write': z.object({ id: sessionId, data: z.string().max(MAX_WRITE_CHARS) }),
  'session.resize': z.object({ id: sessionId, cols, rows }),
  'session.ack': z.object({ id: sessionId, chars: z.number().int().min(0).max(100_000_000) }),
  'session.kill': z.object({ id: sessionId }),
  'session.restart': z.object({ id: sessionId, cols: cols.optional(), rows: rows.optional() }),
  'session.remove': z.object({ id: sessionId }),
  /** Renames a tab; the name is trimmed and must not be empty. */
  'session.rename': z.object({ id: sessionId, name: z.string().trim().min(1).max(80) }),
  /** Puts the tabs in this order; ids not listed keep their relative order after the listed ones. */
  'sessions.reorder': z.object({ ids: z.array(sessionId).max(500) }),
  /** Restarts a session with its agent's resume (`claude --resume <id>`, …), or its command. */
  'session.resume': z.object({ id: sessionId, cols: cols.optional(), rows: rows.optional() }),
  /** Resumes every session stopped by a restart. */
  'sessions.resumeAll': z.object({}),
  'session.answer': z.object({
    id: sessionId,
    promptId: z.string().max(64),
    option: z.number().int().min(0),
  }),
  'settings.get': z.object({}),
  'settings.update': z.object({ patch: publicSettingsPatchSchema }),
  'phone.state': z.object({}),
  'phone.setToken': z.object({ token: z.string().trim().min(1).max(200) }),
  'phone.clearToken': z.object({}),
  'phone.setPaused': z.object({ paused: z.boolean() }),
  'pairing.begin': z.object({}),
  'pairing.cancel': z.object({}),
  'pairing.unpair': z.object({}),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ParsedParams<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

/** Request name → result type. */
export interface RequestResults {
  'host.info': HostInfo;
  'host.pickDirectory': string | null;
  'sessions.list': SessionInfo[];
  'agents.list': AgentAvailability[];
  'setup.check': SetupCheck[];
  'session.create': SessionInfo;
  'session.attach': SessionSnapshot;
  'session.detach': null;
  'session.write': null;
  'session.resize': null;
  'session.ack': null;
  'session.kill': null;
  'session.restart': SessionInfo;
  'session.remove': null;
  'session.rename': SessionInfo;
  'sessions.reorder': null;
  'session.resume': SessionInfo;
  'sessions.resumeAll': SessionInfo[];
  'session.answer': null;
  'settings.get': PublicSettings;
  'settings.update': PublicSettings;
  'phone.state': PhoneState;
  'phone.setToken': PhoneState;
  'phone.clearToken': PhoneState;
  'phone.setPaused': PhoneState;
  'pairing.begin': PhoneState;
  'pairing.cancel': PhoneState;
  'pairing.unpair': PhoneState;
}

/** Event name → payload, pushed from core to every connected client (session.data only to attached ones). */
export interface EventPayloads {
  /** Output for an attached session, already UTF-8 decoded; ack its `data.length` once written. */
  'session.data': { id: string; data: string };
  /** A session was added or changed (state, title, prompt, exit). */
  'session.state': SessionInfo;
  /** A session was closed and removed from the list. */
  'session.removed': { id: string };
  /**
   * The PTY of a session was resized by one view (the one the user works in); other views show
   * the program at this size and mark the area they do not use. Cells.
   */
  'session.resized': { id: string; cols: number; rows: number };
  /** The tab order changed (drag to reorder in some window): every session id, in order. */
  'sessions.reordered': { ids: string[] };
  'phone.state': PhoneState;
  'settings.changed': PublicSettings;
  /** The shell asks the UI to show a session (tray menu click). */
  'ui.focusSession': { id: string };
  /** The shell asks the UI to open the "New session" dialog. */
  'ui.newSession': Record<string, never>;
  /** The shell asks the UI to open the phone pairing panel. */
  'ui.showPhone': Record<string, never>;
}
export type EventName = keyof EventPayloads;

export const requestNames = Object.keys(requestSchemas) as RequestName[];
/** Every event name, checked against {@link EventPayloads}: a missing or extra name fails to compile. */
const eventNameSet = {
  'session.data': true,
  'session.state': true,
  'session.removed': true,
  'session.resized': true,
  'sessions.reordered': true,
  'phone.state': true,
  'settings.changed': true,
  'ui.focusSession': true,
  'ui.newSession': true,
  'ui.showPhone': true,
} as const satisfies Record<EventName, true>;
export const eventNames = Object.keys(eventNameSet) as EventName[];

/** Thrown at the boundary when a request is unknown or its params fail validation. */
export class BridgeInputError extends Error {
  override name = 'BridgeInputError';
}

/**
 * Validates an incoming request at a transport boundary.
 * @throws BridgeInputError for an unknown name or params that fail the schema.
 */
export function parseRequest(name: unknown, params: unknown): { name: RequestName; params: unknown } {
  if (typeof name !== 'string' || !Object.hasOwn(requestSchemas, name)) {
    throw new BridgeInputError(`unknown request: ${String(name).slice(0, 60)}`);
  }
  const schema = requestSchemas[name as RequestName];
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success) {
    throw new BridgeInputError(`invalid params for ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { name: name as RequestName, params: parsed.data };
}

/** The client side of the bridge, implemented over IPC (preload) and over WebSocket. */
export interface BridgeClient {
  request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResults[K]>;
  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void;
}

/** Wire frames of the WebSocket transport (Electron IPC uses invoke/send with the same names). */
export type WireFrame =
  | { t: 'req'; id: number; name: RequestName; params: unknown }
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: string }
  | { t: 'evt'; name: EventName; payload: unknown };
