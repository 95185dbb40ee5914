/**
 * Turns: when a session's agent starts working on a prompt, what it does meanwhile, and when it
 * is ready for input again. The phone shows a live status message per turn from these events and
 * holds text sent meanwhile until the session is ready (`main/core/telegram/progress.ts`).
 *
 * Sources, per agent:
 * - Claude Code: its hooks (https://code.claude.com/docs/en/hooks). `UserPromptSubmit` starts a
 *   turn, `PreToolUse`/`PostToolUse` report each tool with its input, `Stop` ends the turn with
 *   `last_assistant_message`. A turn interrupted at the desk (Esc) fires no `Stop`; a "waiting for
 *   input" prompt read from the screen at least {@link SCREEN_END_AFTER_HOOK_MS} after the turn's
 *   last hook ends it then.
 * - Other agents and shells: a turn starts when the phone submits text and ends when the screen
 *   shows a "waiting for input" or "finished" prompt (what the prompt tracker reads).
 *
 * Text submitted from the phone marks a Claude session busy at once (before its hook arrives);
 * if no `UserPromptSubmit` follows within {@link CLAUDE_CONFIRM_MS} (a slash command, or the
 * text went into a menu), the turn ends with an empty result, so a queue never waits forever.
 */
import type { AgentKind, PromptInfo } from '../../contract/bridge.js';
import { Emitter } from './base/event.js';
import type { Disposable } from './base/lifecycle.js';
import type { HookEvent } from './claude/hook-event.js';
import { summariseToolInput } from './prompts/tracker.js';

/** How long a Claude turn started by submitted text waits for its `UserPromptSubmit` hook, in ms. */
export const CLAUDE_CONFIRM_MS = 15_000;
/** A screen prompt ends a Claude turn only this long after the turn's last hook event, in ms. */
export const SCREEN_END_AFTER_HOOK_MS = 2_000;
/** Longest one-line tool summary kept, in chars. */
export const TOOL_SUMMARY_MAX = 160;

/** What happened in a session's turn. `at` is epoch ms. */
export type TurnEvent =
  | { kind: 'started'; sessionId: string; at: number }
  | {
      kind: 'tool';
      sessionId: string;
      /** `pre`: the tool is about to run; `post`: it finished. */
      phase: 'pre' | 'post';
      toolName: string;
      /** One line: the command, file path, URL… (at most {@link TOOL_SUMMARY_MAX} chars). */
      summary: string;
      /** Claude's id of the call, pairing `pre` with `post`; null when absent. */
      toolUseId: string | null;
      at: number;
    }
  | {
      kind: 'ended';
      sessionId: string;
      /** The agent's last message (Claude's `last_assistant_message`, or the prompt body), may be ''. */
      result: string;
      /** Why: the agent finished, the session exited, or the turn never started. */
      reason: 'finished' | 'exited' | 'not-started';
      at: number;
    };

/** Options of {@link TurnTracker}. */
export interface TurnTrackerOptions {
  /** The agent kind of a session, or null when it is gone. */
  agentOf(sessionId: string): AgentKind | null;
  /** Clock, epoch ms. */
  now?: () => number;
}

interface TurnState {
  /** `pending`: text submitted, Claude's hook not seen yet. */
  phase: 'pending' | 'busy';
  lastHookAt: number;
  confirmTimer: NodeJS.Timeout | null;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Tracks the turn of every session; see the module doc. */
export class TurnTracker {
  private readonly turns = new Map<string, TurnState>();
  private readonly events = new Emitter<TurnEvent>({ name: 'turns.event' });
  private readonly now: () => number;

  constructor(private readonly options: TurnTrackerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Listens for turn events. */
  onEvent(listener: (event: TurnEvent) => void): Disposable {
    return this.events.event(listener);
  }

  /** True while the session's agent works on a turn (text sent now would land mid-output). */
  busy(sessionId: string): boolean {
    return this.turns.has(sessionId);
  }

  /** Text was typed and submitted into the session (from the phone). */
  submitted(sessionId: string): void {
    const agent = this.options.agentOf(sessionId);
    if (!agent || this.turns.has(sessionId)) return;
    const state: TurnState = {
      phase: agent === 'claude' ? 'pending' : 'busy',
      lastHookAt: 0,
      confirmTimer: null,
    };
    if (state.phase === 'pending') {
      state.confirmTimer = setTimeout(() => {
        if (this.turns.get(sessionId) === state && state.phase === 'pending')
          this.end(sessionId, '', 'not-started');
      }, CLAUDE_CONFIRM_MS);
      state.confirmTimer.unref?.();
    }
    this.turns.set(sessionId, state);
    this.events.fire({ kind: 'started', sessionId, at: this.now() });
  }

  /** A Claude Code hook event of the session. */
  hook(sessionId: string, event: HookEvent): void {
    const name = event.hook_event_name;
    if (name === 'UserPromptSubmit') {
      const state = this.turns.get(sessionId) ?? this.start(sessionId);
      this.confirm(state);
      return;
    }
    if (name === 'PreToolUse' || name === 'PostToolUse') {
      const state = this.turns.get(sessionId) ?? this.start(sessionId);
      this.confirm(state);
      const toolName = oneLine(event.tool_name ?? 'tool', 80) || 'tool';
      this.events.fire({
        kind: 'tool',
        sessionId,
        phase: name === 'PreToolUse' ? 'pre' : 'post',
        toolName,
        summary: oneLine(summariseToolInput(toolName, event.tool_input ?? {}), TOOL_SUMMARY_MAX),
        toolUseId: event.tool_use_id ?? null,
        at: this.now(),
      });
      return;
    }
    if (name === 'Stop' && this.turns.has(sessionId)) {
      const message = typeof event.last_assistant_message === 'string' ? event.last_assistant_message : '';
      this.end(sessionId, message.trim(), 'finished');
      return;
    }
    const state = this.turns.get(sessionId);
    if (state) state.lastHookAt = this.now();
  }

  /** A prompt opened in the session (any kind; only "input" and "finished" may end a turn). */
  promptOpened(sessionId: string, prompt: PromptInfo): void {
    const state = this.turns.get(sessionId);
    if (!state || (prompt.kind !== 'input' && prompt.kind !== 'finished')) return;
    if (this.options.agentOf(sessionId) === 'claude') {
      if (state.phase === 'pending' || this.now() - state.lastHookAt < SCREEN_END_AFTER_HOOK_MS) return;
    }
    this.end(sessionId, prompt.body.trim(), 'finished');
  }

  /** The session's process exited (or the session was removed): its turn ends. */
  exited(sessionId: string): void {
    if (this.turns.has(sessionId)) this.end(sessionId, '', 'exited');
  }

  /** Stops every timer and forgets every turn (no events). */
  dispose(): void {
    for (const state of this.turns.values()) if (state.confirmTimer) clearTimeout(state.confirmTimer);
    this.turns.clear();
    this.events.dispose();
  }

  private start(sessionId: string): TurnState {
    const state: TurnState = { phase: 'busy', lastHookAt: this.now(), confirmTimer: null };
    this.turns.set(sessionId, state);
    this.events.fire({ kind: 'started', sessionId, at: this.now() });
    return state;
  }

  private confirm(state: TurnState): void {
    state.phase = 'busy';
    state.lastHookAt = this.now();
    if (state.confirmTimer) clearTimeout(state.confirmTimer);
    state.confirmTimer = null;
  }

  private end(sessionId: string, result: string, reason: 'finished' | 'exited' | 'not-started'): void {
    const state = this.turns.get(sessionId);
    if (!state) return;
    if (state.confirmTimer) clearTimeout(state.confirmTimer);
    this.turns.delete(sessionId);
    this.events.fire({ kind: 'ended', sessionId, result, reason, at: this.now() });
  }
}
