/**
 * The seam between the Telegram side (bot, relay, pairing) and the rest of the core.
 * The core implements {@link RelayHost}; `main/core/telegram/` consumes it and never
 * touches sessions or PTYs directly.
 */
import type { AgentKind, ComputerNameMode, PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { WriteRefusal } from '../prompts/types.js';
import type { ScreenSnapshot } from '../screen-image/snapshot.js';

/** A value now, or later (the sessions live in the PTY host, a request away). */
export type MaybePromise<T> = T | Promise<T>;

/** What the bot needs from the core. */
export interface RelayHost {
  /**
   * Display name of this computer (Settings, else the host name; read on every message): in
   * "Paired with <computer name>" and on every message when shown (`computer-name.ts`).
   */
  readonly computerName: string;
  /** When messages carry {@link RelayHost.computerName} (Settings); absent: `auto`. */
  computerNameMode?(): ComputerNameMode;
  /** All sessions, in tab order. */
  listSessions(): SessionInfo[];
  /** The session's visible screen as plain text (trailing blank rows trimmed), or null. */
  screenText(sessionId: string): MaybePromise<string | null>;
  /**
   * Optional: the session's visible screen with colours and attributes (at most `limits` cells),
   * or null; `/screen` then sends a picture. Without it, screens go as text.
   */
  screenSnapshot?(
    sessionId: string,
    limits: { maxRows: number; maxCols: number },
  ): MaybePromise<ScreenSnapshot | null>;
  /** The open prompt of a session, or null. */
  openPrompt(sessionId: string): PromptInfo | null;
  /**
   * Answers a prompt with one of its options: checks the prompt is still the open one of that
   * session, appends to the audit log and only then writes the option's keys to the PTY.
   * @returns null on success, or why nothing was written.
   */
  answerPrompt(sessionId: string, promptId: string, optionIndex: number): MaybePromise<WriteRefusal | null>;
  /**
   * Writes raw keys (Esc, Ctrl-C, arrows…) from the phone, audited before the write. `promptId` is the prompt the
   * keys were sent for (null for the free keypad); when given and no longer open, nothing is written.
   */
  sendKeys(sessionId: string, keys: string, promptId: string | null): MaybePromise<WriteRefusal | null>;
  /**
   * Types text and then submits it (Enter as a separate write ≥ 20 ms later, so Claude Code
   * does not take it as a paste), each write audited before it is made.
   */
  submitText(sessionId: string, text: string): Promise<WriteRefusal | null>;
  /**
   * Optional: told once a prompt's message was accepted by Telegram, so the core can set
   * `PromptInfo.relayed`. Added by the Telegram side; implementations may omit it.
   */
  promptRelayed?(sessionId: string, promptId: string): void;
  /**
   * True while the session's agent works on a turn (`main/core/turns.ts`): text from the phone
   * then waits in the chat's queue instead of landing in the middle of its output.
   */
  isBusy(sessionId: string): boolean;
  /**
   * True when prompts go to the phone now (Settings "always", or the user is away from the desk);
   * live status messages follow the same gate.
   */
  notifyNow(): boolean;
  /** Whether the chat gets one live status message per turn (Settings; `/progress on|off`). */
  progressEnabled(): boolean;
  /** Turns the live status messages on or off (persisted in Settings). */
  setProgressEnabled(on: boolean): void;
  /** The agent kinds that can start on this computer, for `/new`. */
  installedAgents(): Promise<AgentKind[]>;
  /**
   * Folders `/new` offers: those of sessions started at the desk and those listed in Settings,
   * deduplicated, at most {@link MAX_NEW_FOLDERS}.
   */
  newSessionFolders(): string[];
  /**
   * Starts a session of `agent` in `cwd` (named after the folder).
   * @returns the new session, or `{ refused }` with a user-readable reason (folder missing…).
   */
  createSession(agent: AgentKind, cwd: string): Promise<{ session: SessionInfo } | { refused: string }>;
  /** Ends a session's process and removes its tab. */
  closeSession(sessionId: string): Promise<void>;
}

/** Most folders `/new` offers as buttons. */
export const MAX_NEW_FOLDERS = 8;
