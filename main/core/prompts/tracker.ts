/**
 * The prompt tracker of one session: turns what the recognisers see on successive screens into
 * prompt records with ids, opened and closed exactly once, and enriches them with facts from
 * Claude Code's hooks. It owns no timers: the caller (`attention.ts`, debounced after output)
 * calls {@link PromptTracker.update} and passes the time, so tests drive it with a fake clock.
 */
import { randomBytes } from 'node:crypto';
import type { PromptInfo } from '../../../contract/bridge.js';
import { Emitter } from '../base/event.js';
import type { Disposable } from '../base/lifecycle.js';
import type { HookEvent } from '../claude/hook-event.js';
import { detectPrompt } from './detect.js';
import type {
  AnswerSource,
  DetectedPrompt,
  PromptCloseReason,
  RecogniserContext,
  ScreenText,
} from './types.js';

/**
 * After an answer, the same prompt still on screen is not reopened for this long (ms): the
 * program needs a moment to redraw. If it is still there afterwards the answer did not take,
 * and it opens again as a new record.
 */
export const ANSWER_GRACE_MS = 10_000;

/** A hook fact is used for a prompt that opens at most this long after it arrived, in ms. */
export const HOOK_FACT_TTL_MS = 60_000;

/** Longest title built from a tool call, in chars. */
const MAX_TITLE_CHARS = 120;

/** Facts about the Claude Code session behind this PTY, learned from hooks. */
interface ClaudeFacts {
  /** Tool and input of the last PermissionRequest. */
  lastPermission: { toolName: string; toolInput: Record<string, unknown>; at: number } | null;
  /** `last_assistant_message` of the last Stop. */
  lastAssistantMessage: { text: string; at: number } | null;
}

/** Makes a prompt id: 12 chars of base64url from 9 random bytes. */
export function newPromptId(): string {
  return randomBytes(9).toString('base64url');
}

/** A one-line summary of a tool call's input, e.g. the Bash command or the file path. */
export function summariseToolInput(toolName: string, input: Record<string, unknown>): string {
  const pick = (k: string): string | null => (typeof input[k] === 'string' ? (input[k] as string) : null);
  const main =
    pick('command') ??
    pick('file_path') ??
    pick('notebook_path') ??
    pick('url') ??
    pick('pattern') ??
    pick('query') ??
    pick('path') ??
    pick('description');
  if (main !== null) return main;
  const json = JSON.stringify(input);
  return json === '{}' ? '' : json;
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Options of a {@link PromptTracker}. */
export interface PromptTrackerOptions {
  sessionId: string;
  /** Id factory; defaults to {@link newPromptId}. */
  newId?: () => string;
}

/** One session's prompt tracker. */
export class PromptTracker {
  private open: {
    info: PromptInfo;
    detected: DetectedPrompt;
    enrichedFrom: 'none' | 'permission' | 'stop';
  } | null = null;
  /** Signature answered last and when, so a lingering redraw of it is not reopened. */
  private answered: { signature: string; at: number } | null = null;
  /**
   * Signature of the last finished-turn / waiting prompt that went away on its own ('gone').
   * Programs redraw their idle screen (Gemini CLI moves a finished turn into its history), which
   * can hide it for one check; the same signature does not open again until input is sent
   * ({@link inputSent}), since a new turn always starts with input, and a screen read since then
   * no longer shows it (see {@link inputSinceIdleGone}).
   */
  private idleGone: string | null = null;
  /**
   * Input was sent since {@link idleGone} was set. Right after Enter the program still shows the
   * old turn for a frame or more (Gemini CLI: the last `✦` reply under the last user message);
   * reopening it then ended the new turn at once ("is waiting · turn took 0s" on the phone, and
   * a reply to it typed into the busy agent: seen in `npm run bench`, Gemini, every few turns).
   * So the block lifts only once a read shows something else (the program took the input), or
   * the same screen has stayed quiet for the idle threshold (a turn too quick to be seen).
   */
  private inputSinceIdleGone = false;
  private readonly facts: ClaudeFacts = {
    lastPermission: null,
    lastAssistantMessage: null,
  };
  private readonly opened = new Emitter<PromptInfo>({ name: 'prompt.opened' });
  private readonly closed = new Emitter<{ prompt: PromptInfo; reason: PromptCloseReason }>({
    name: 'prompt.closed',
  });
  private readonly updated = new Emitter<PromptInfo>({ name: 'prompt.updated' });
  private readonly sessionId: string;
  private readonly newId: () => string;
  private exited = false;

  constructor(options: PromptTrackerOptions) {
    this.sessionId = options.sessionId;
    this.newId = options.newId ?? newPromptId;
  }

  /** The open prompt record (a copy), or null. */
  current(): PromptInfo | null {
    return this.open ? structuredClone(this.open.info) : null;
  }

  /** Fires with a copy of each newly opened prompt. */
  readonly onOpened = this.opened.event;

  /** Fires with a copy of the open prompt when its title/body changed (hook facts arriving after it opened). */
  readonly onUpdated = this.updated.event;

  /** Listens for closed prompts and why they closed. */
  onClosed(listener: (prompt: PromptInfo, reason: PromptCloseReason) => void): Disposable {
    return this.closed.event(({ prompt, reason }) => listener(prompt, reason));
  }

  /**
   * Reads a new screen: closes the open record when its prompt is no longer shown (reason
   * 'gone'), opens one when a prompt with a new signature shows. `now` is epoch ms.
   * Does nothing after {@link sessionExited}.
   */
  update(screen: ScreenText, ctx: RecogniserContext, now: number): void {
    if (this.exited) return;
    const found = detectPrompt(screen, ctx);
    if (
      this.idleGone !== null &&
      this.inputSinceIdleGone &&
      (found?.signature !== this.idleGone || ctx.quietMs >= ctx.idleThresholdMs)
    ) {
      this.idleGone = null;
      this.inputSinceIdleGone = false;
    }
    if (this.open && (!found || found.signature !== this.open.detected.signature)) {
      const { kind } = this.open.info;
      if (kind === 'finished' || kind === 'input') {
        this.idleGone = this.open.detected.signature;
        this.inputSinceIdleGone = false;
      }
      this.close('gone');
    }
    if (!found) {
      this.answered = null;
      return;
    }
    if (this.open) return;
    if (this.idleGone !== null && this.idleGone === found.signature) return;
    if (this.answered) {
      if (this.answered.signature === found.signature && now - this.answered.at < ANSWER_GRACE_MS) return;
      this.answered = null;
    }
    const info: PromptInfo = {
      id: this.newId(),
      sessionId: this.sessionId,
      kind: found.kind,
      title: found.title,
      body: found.body,
      options: found.options.map((o) => ({ ...o })),
      openedAt: now,
      relayed: false,
      quiet: false,
    };
    this.open = { info, detected: found, enrichedFrom: 'none' };
    this.enrich(now);
    this.opened.fire(structuredClone(info));
  }

  /** Input was sent to the session (desk keys, phone text or an answer): a new turn may start. */
  inputSent(): void {
    if (this.idleGone !== null) this.inputSinceIdleGone = true;
  }

  /**
   * Records that the open prompt `promptId` was answered from the phone or the desk and closes
   * it ('answered-from-phone' / 'answered-here'). Returns false (and does nothing) when that
   * prompt is not the open one.
   */
  markAnswered(promptId: string, source: AnswerSource, now: number = Date.now()): boolean {
    if (!this.open || this.open.info.id !== promptId) return false;
    this.answered = { signature: this.open.detected.signature, at: now };
    this.close(source === 'phone' ? 'answered-from-phone' : 'answered-here');
    return true;
  }

  /** Marks the open prompt as delivered to the paired chat. Returns false if it is not open. */
  markRelayed(promptId: string): boolean {
    if (!this.open || this.open.info.id !== promptId) return false;
    this.open.info.relayed = true;
    return true;
  }

  /** Closes the open prompt with 'session-exited' and stops tracking. */
  sessionExited(): void {
    if (this.open) this.close('session-exited');
    this.exited = true;
  }

  /**
   * Takes a fact from a Claude Code hook: tool name and
   * input from PermissionRequest (the matching permission prompt's title becomes e.g.
   * "Bash: echo hi > out.txt" and its body carries the full input); `last_assistant_message` from
   * Stop (the finished prompt's body becomes it). UserPromptSubmit starts a new turn and drops
   * older facts. `now` is epoch ms.
   */
  applyHook(event: HookEvent, now: number = Date.now()): void {
    switch (event.hook_event_name) {
      case 'UserPromptSubmit':
        this.facts.lastPermission = null;
        this.facts.lastAssistantMessage = null;
        break;
      case 'PermissionRequest':
        if (event.tool_name) {
          this.facts.lastPermission = {
            toolName: event.tool_name,
            toolInput: event.tool_input ?? {},
            at: now,
          };
        }
        break;
      case 'Stop':
        if (typeof event.last_assistant_message === 'string' && event.last_assistant_message.trim() !== '') {
          this.facts.lastAssistantMessage = { text: event.last_assistant_message.trim(), at: now };
        }
        break;
      default:
        return;
    }
    if (this.open && this.enrich(now)) {
      this.updated.fire(structuredClone(this.open.info));
    }
  }

  /** Applies fresh hook facts to the open record; true when it changed. */
  private enrich(now: number): boolean {
    const open = this.open;
    if (!open) return false;
    const { info, detected } = open;
    if (info.kind === 'permission' && open.enrichedFrom === 'none') {
      const p = this.facts.lastPermission;
      if (!p || now - p.at > HOOK_FACT_TTL_MS || !permissionMatches(detected, p.toolName, p.toolInput))
        return false;
      const summary = summariseToolInput(p.toolName, p.toolInput);
      info.title = clip(summary ? `${p.toolName}: ${summary}` : p.toolName, MAX_TITLE_CHARS);
      const detail = toolInputLines(p.toolInput);
      // Keep the screen lines the hook does not carry ("This command requires approval", the question).
      const known = new Set(detail.map((l) => l.trim()));
      const extra = detected.body
        .split('\n')
        .filter((l) => l.trim() === '' || !known.has(l.trim()))
        .join('\n')
        .trim();
      info.body = [detail.join('\n'), extra].filter((s) => s !== '').join('\n\n');
      open.enrichedFrom = 'permission';
      this.facts.lastPermission = null;
      return true;
    }
    if (info.kind === 'finished' && open.enrichedFrom === 'none') {
      const m = this.facts.lastAssistantMessage;
      if (!m || now - m.at > HOOK_FACT_TTL_MS) return false;
      info.body = m.text;
      open.enrichedFrom = 'stop';
      this.facts.lastAssistantMessage = null;
      return true;
    }
    return false;
  }

  private close(reason: PromptCloseReason): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    this.closed.fire({ prompt: structuredClone(open.info), reason });
  }
}

/** The tool input as body lines: the command/path first, then the description, then other fields. */
function toolInputLines(input: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const main = ['command', 'file_path', 'notebook_path', 'url', 'pattern', 'query', 'path'].find(
    (k) => typeof input[k] === 'string',
  );
  if (main) lines.push(...String(input[main]).split('\n'));
  if (typeof input.description === 'string' && main !== 'description') lines.push(input.description);
  for (const [k, v] of Object.entries(input)) {
    if (k === main || k === 'description') continue;
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    lines.push(`${k}: ${clip(s ?? '', 300)}`);
  }
  return lines;
}

/**
 * Whether a PermissionRequest hook is about the permission prompt on screen: the screen shows the
 * start of the tool's main input (compared without whitespace, since the screen wraps long
 * commands); for a tool without such an input, the screen's title or body names the tool.
 */
function permissionMatches(
  detected: DetectedPrompt,
  toolName: string,
  input: Record<string, unknown>,
): boolean {
  const squash = (s: string): string => s.replace(/\s+/g, '');
  const screenText = `${detected.title}\n${detected.body}`;
  const summary = squash(summariseToolInput(toolName, input)).slice(0, 40);
  if (summary) return squash(screenText).includes(summary);
  return screenText.toLowerCase().includes(toolName.toLowerCase());
}
