/**
 * Prompt types: what a recogniser reads (a plain-text view of the screen model) and returns (a
 * detected prompt, before the tracker gives it an id), and how prompts leave the core: why one
 * closed, why an answer was refused, and the {@link PromptSink} the phone implements.
 */
import type {
  AgentKind,
  PromptInfo,
  PromptKind,
  PromptOption,
  SessionInfo,
} from '../../../contract/bridge.js';

/** A plain-text view of a session's visible screen, read from the `@xterm/headless` model. */
export interface ScreenText {
  /** Visible rows, top to bottom, each right-trimmed; length === rows. */
  lines: string[];
  /** Cursor position, 0-based, in the visible viewport. */
  cursorRow: number;
  cursorCol: number;
  cols: number;
  rows: number;
}

/** Context a recogniser may use besides the screen. */
export interface RecogniserContext {
  agent: AgentKind;
  /** How long the output has been quiet, in ms (0 while output is flowing). */
  quietMs: number;
  /** The quiet period after which a session counts as waiting for input, in ms. */
  idleThresholdMs: number;
  /**
   * Whether "waiting for input" and "finished" prompts may be raised. False until the user has
   * given the session some input since it started, so a fresh shell or agent sitting at its
   * first prompt does not page anyone. Permission prompts and questions are always raised.
   * Defaults to true.
   */
  allowIdle?: boolean;
}

/** A prompt found on screen. */
export interface DetectedPrompt {
  kind: PromptKind;
  /** Short headline, e.g. "Bash command" or "Do you want to proceed?". */
  title: string;
  /** The text the user needs to decide (command, question, last lines), plain text. */
  body: string;
  options: PromptOption[];
  /** The screen rows (0-based, inclusive) it was read from. */
  rows: { first: number; last: number };
  /**
   * A stable key: the same prompt on a redrawn screen gives the same signature, a new prompt
   * a different one. The tracker opens a new record only when the signature changes.
   */
  signature: string;
}

/** One recogniser per program family; returns null when its prompt is not on screen. */
export interface Recogniser {
  /** e.g. "claude-permission", "numbered-menu", "yes-no", "shell-idle". */
  name: string;
  detect(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null;
}

/** Why a prompt record closed. */
export type PromptCloseReason = 'answered-here' | 'answered-from-phone' | 'gone' | 'session-exited';

/** Where an answer came from: the paired phone, or the desk (terminal view). */
export type AnswerSource = 'phone' | 'desk';

/**
 * Why a write into a session (an answer, keys, text) was refused: the session is gone or exited,
 * the prompt is no longer the open one, or the audit line could not be appended first (nothing
 * from the phone is written unaudited).
 */
export type WriteRefusal = 'no-session' | 'exited' | 'stale-prompt' | 'audit-failed';

/** Where prompts go besides the UI (the Telegram phone); set with `Attention.setSink`. */
export interface PromptSink {
  /** A prompt opened and should reach the user now (the notify gate already passed). */
  promptOpened(prompt: PromptInfo, session: SessionInfo): void;
  /** A prompt that went to the sink changed its title/body (hook facts arrived later). */
  promptUpdated(prompt: PromptInfo, session: SessionInfo): void;
  /** A prompt that went to the sink closed. */
  promptClosed(prompt: PromptInfo, reason: PromptCloseReason): void;
}
