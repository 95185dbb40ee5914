/**
 * Knowing when a session needs the user, inside the PTY host: one {@link PromptTracker} per
 * session fed from its screen model (debounced after output, and once more when output has been
 * quiet for the idle period), Claude Code hook facts from the {@link HookReceiver}, and answers
 * from the desk and the phone. Prompt records live here, beside the sessions, so their ids and
 * the open prompt survive app restarts; every change goes to the {@link PromptSink} (the app,
 * which decides whether it goes to the phone).
 */
import path from 'node:path';
import type { PromptInfo } from '../../../contract/bridge.js';
import type { HookRunner } from '../app-types.js';
import { DisposableStore, type Disposable } from '../base/lifecycle.js';
import type { HookEvent } from '../claude/hook-event.js';
import { HookReceiver } from '../claude/hook-receiver.js';
import { codexNotifyArgs, readUserNotify } from '../codex/notify-config.js';
import { writeSettingsOverlay } from '../claude/settings-overlay.js';
import { PromptTracker } from '../prompts/tracker.js';
import type { AnswerSource, PromptCloseReason, PromptSink, WriteRefusal } from '../prompts/types.js';
import type { SessionManager, LaunchExtras, StoredSession } from '../sessions/session-manager.js';

/**
 * Screens are read this long after the last output, in ms. Claude Code (Ink) draws its whole
 * permission dialog in one frame, which reaches us as one output batch (5 ms batching), so a
 * short quiet time reads it whole; a menu seen half drawn would open a second prompt or miss an
 * option. Measured with `npm run bench` (real `claude`, 10 turns): at 30 ms, first frame →
 * `sendMessage` p50 32 ms, p95 104 ms, every prompt sent once with all its options; at the
 * former 120 ms, p50 125 ms, p95 187 ms.
 */
export const DETECT_DEBOUNCE_MS = 30;

/** Longest a screen check is postponed by continuing output, in ms. */
export const DETECT_MAX_WAIT_MS = 500;

/**
 * Desk input this recent (ms) when a prompt leaves the screen means the user answered it at the
 * desk (the message on the phone then says so) rather than the program withdrawing it.
 */
export const DESK_ANSWER_WINDOW_MS = 10_000;

/** Options of {@link PromptWatch.create}. */
export interface PromptWatchOptions {
  dataDir: string;
  hookRunner: HookRunner;
  sessions: SessionManager;
  /** Seconds of quiet output before a shell or agent counts as "waiting for input". */
  idleSeconds: () => number;
  /** Called whenever a session's open prompt changes (opened, updated, closed, relayed). */
  onPromptChange: (sessionId: string) => void;
  /** Called with every valid hook event of a watched session (the app follows turns with them). */
  onHook?: (sessionId: string, event: HookEvent) => void;
}

interface Watch {
  tracker: PromptTracker;
  debounce: NodeJS.Timeout | null;
  /** Epoch ms when the pending debounced check was first asked for. */
  debounceSince: number;
  quiet: NodeJS.Timeout | null;
  /** The user (desk or phone) has typed since the process started: idle prompts make sense now. */
  hadInput: boolean;
  lastDeskInputAt: number;
  /** The tracker's subscriptions. */
  subscriptions: DisposableStore;
}

/** Prompt detection for all sessions of a PTY host. */
export class PromptWatch {
  private readonly watches = new Map<string, Watch>();
  /** Where prompt changes go: the connected app (which relays them to the phone). */
  private sink: PromptSink | null = null;
  private readonly subscriptions = new DisposableStore();
  /** How hooks (and Codex's notify program) run our helper; replaced when an app connects. */
  private hookRunner: HookRunner;

  private constructor(
    private readonly options: PromptWatchOptions,
    private readonly receiver: HookReceiver,
    private overlayPath: string,
  ) {
    this.hookRunner = options.hookRunner;
    this.subscriptions.add(
      receiver.onEvent((sessionId, event) => {
        const w = this.watches.get(sessionId);
        if (!w) return;
        w.tracker.applyHook(event, Date.now());
        options.onHook?.(sessionId, event);
        // Claude's own session id, for `claude --resume <id>` after a restart.
        options.sessions.setConversationId(sessionId, event.session_id);
        // A hook often fires before the screen has settled; read it again shortly.
        this.schedule(sessionId, DETECT_DEBOUNCE_MS);
      }),
    );
    this.subscriptions.add(options.sessions.onOutput((id) => this.schedule(id, DETECT_DEBOUNCE_MS)));
    this.subscriptions.add(
      options.sessions.onChanged((id) => {
        const s = options.sessions.get(id);
        if (s && !s.running) this.watches.get(id)?.tracker.sessionExited();
      }),
    );
  }

  /** Every validated Claude Code hook event, with the id of the session it came from. */
  onHookEvent(listener: (sessionId: string, event: HookEvent) => void): Disposable {
    return this.receiver.onEvent(listener);
  }

  /** Starts the hook channel and writes the Claude settings overlay into the data dir. */
  static async create(options: PromptWatchOptions): Promise<PromptWatch> {
    const receiver = new HookReceiver({ dataDir: options.dataDir });
    await receiver.start();
    const overlay = await writeSettingsOverlay(path.join(options.dataDir, 'claude'), options.hookRunner);
    return new PromptWatch(options, receiver, overlay);
  }

  /**
   * Rewrites the Claude settings overlay for a new hook runner (an app of another version or
   * install location connected). Sessions started earlier keep the path, which now holds the
   * new hook command.
   */
  async setHookRunner(runner: HookRunner): Promise<void> {
    this.hookRunner = runner;
    this.overlayPath = await writeSettingsOverlay(path.join(this.options.dataDir, 'claude'), runner);
  }

  /** Where prompt changes go (the connected app), or null while none is connected. */
  setSink(sink: PromptSink | null): void {
    this.sink = sink;
  }

  /**
   * Per-launch additions: Claude Code gets `--settings <overlay>` (our hooks, layered over the
   * user's own settings) and the hook channel's env; a fresh tracker starts for every launch.
   */
  launchExtras(id: string, spec: StoredSession): LaunchExtras {
    this.forget(id);
    const tracker = new PromptTracker({ sessionId: id });
    const w: Watch = {
      tracker,
      debounce: null,
      debounceSince: 0,
      quiet: null,
      hadInput: false,
      lastDeskInputAt: 0,
      subscriptions: new DisposableStore(),
    };
    this.watches.set(id, w);
    w.subscriptions.add(tracker.onOpened((p) => this.opened(id, w, p)));
    w.subscriptions.add(tracker.onUpdated((p) => this.updated(id, w, p)));
    w.subscriptions.add(tracker.onClosed((p, reason) => this.closed(id, w, p, reason)));
    if (spec.agent === 'codex') {
      // Codex's notify program reports each finished turn over the same channel (codex/notify-config.ts).
      const args = codexNotifyArgs(this.hookRunner, readUserNotify(process.env));
      if (args.length === 0) {
        this.receiver.unregister(id);
        return {};
      }
      return { codexArgs: args, env: { ...this.receiver.register(id).env } };
    }
    if (spec.agent !== 'claude') {
      this.receiver.unregister(id);
      return {};
    }
    const { env } = this.receiver.register(id);
    return { claudeArgs: ['--settings', this.overlayPath], env: { ...env } };
  }

  /** The open prompt of a session, or null. */
  openPrompt(id: string): PromptInfo | null {
    return this.watches.get(id)?.tracker.current() ?? null;
  }

  /**
   * Answers the open prompt `promptId` of a session with its option `optionIndex`: writes that
   * option's keys into the PTY and closes the record.
   * @returns null when written, or why nothing was written.
   */
  answer(
    sessionId: string,
    promptId: string,
    optionIndex: number,
    source: AnswerSource,
  ): WriteRefusal | null {
    const session = this.options.sessions.get(sessionId);
    const w = this.watches.get(sessionId);
    if (!session || !w) return 'no-session';
    if (!session.running) return 'exited';
    const open = w.tracker.current();
    const option = open?.id === promptId ? open.options[optionIndex] : undefined;
    if (!open || !option) return 'stale-prompt';
    session.write(option.keys);
    w.hadInput = true;
    w.tracker.inputSent();
    w.tracker.markAnswered(promptId, source, Date.now());
    return null;
  }

  /**
   * Writes keys from the phone. With a `promptId`, only while that prompt is still open (a
   * stale "Esc" button must not interrupt whatever came next).
   */
  sendKeys(sessionId: string, keys: string, promptId: string | null): WriteRefusal | null {
    const session = this.options.sessions.get(sessionId);
    if (!session) return 'no-session';
    if (!session.running) return 'exited';
    const w = this.watches.get(sessionId);
    if (promptId !== null) {
      const open = w?.tracker.current();
      if (!open || open.id !== promptId) return 'stale-prompt';
      w!.tracker.markAnswered(promptId, 'phone', Date.now());
    }
    session.write(keys);
    if (w) {
      w.hadInput = true;
      w.tracker.inputSent();
    }
    return null;
  }

  /** Marks that the session got input from the phone (text reply). */
  phoneTyped(id: string): void {
    const w = this.watches.get(id);
    if (!w) return;
    w.hadInput = true;
    w.tracker.inputSent();
  }

  /** Marks desk input (any keystroke from a view). */
  userTyped(id: string): void {
    const w = this.watches.get(id);
    if (!w) return;
    w.hadInput = true;
    w.lastDeskInputAt = Date.now();
    w.tracker.inputSent();
  }

  /** Records that a prompt reached the chat. */
  markRelayed(sessionId: string, promptId: string): void {
    if (this.watches.get(sessionId)?.tracker.markRelayed(promptId)) this.options.onPromptChange(sessionId);
  }

  /** Stops watching a removed session. */
  forget(id: string): void {
    const w = this.watches.get(id);
    if (!w) return;
    if (w.debounce) clearTimeout(w.debounce);
    if (w.quiet) clearTimeout(w.quiet);
    w.tracker.sessionExited();
    w.subscriptions.dispose();
    this.watches.delete(id);
    this.receiver.unregister(id);
  }

  /** Stops every watch and closes the hook channel. */
  async dispose(): Promise<void> {
    this.subscriptions.dispose();
    for (const id of [...this.watches.keys()]) this.forget(id);
    await this.receiver.close();
  }

  /** Reads the screen `delayMs` from now, and again once output has been quiet for the idle period. */
  private schedule(id: string, delayMs: number): void {
    const w = this.watches.get(id);
    if (!w) return;
    // Debounce, but never postpone a check past DETECT_MAX_WAIT_MS: a program that keeps
    // redrawing something (a clock, a spinner elsewhere) must not hide its prompt forever.
    const now = Date.now();
    if (w.debounce && now - w.debounceSince < DETECT_MAX_WAIT_MS) {
      clearTimeout(w.debounce);
      w.debounce = null;
    }
    if (!w.debounce) {
      if (now - w.debounceSince >= DETECT_MAX_WAIT_MS) w.debounceSince = now;
      w.debounce = setTimeout(() => {
        w.debounce = null;
        w.debounceSince = 0;
        void this.detect(id);
      }, delayMs);
    }
    if (w.quiet) clearTimeout(w.quiet);
    const idleMs = this.options.idleSeconds() * 1000;
    w.quiet = setTimeout(() => {
      w.quiet = null;
      void this.detect(id);
    }, idleMs + 20);
  }

  private async detect(id: string): Promise<void> {
    const session = this.options.sessions.get(id);
    const w = this.watches.get(id);
    if (!session || !w || !session.running) return;
    await session.screen.flush();
    if (this.watches.get(id) !== w) return;
    const now = Date.now();
    w.tracker.update(
      session.screen.text(),
      {
        agent: session.agent,
        quietMs: now - session.lastOutputAt,
        idleThresholdMs: this.options.idleSeconds() * 1000,
        allowIdle: w.hadInput,
      },
      now,
    );
  }

  private opened(id: string, _w: Watch, prompt: PromptInfo): void {
    this.options.onPromptChange(id);
    const info = this.options.sessions.info(id);
    if (this.sink && info) this.sink.promptOpened(prompt, info);
  }

  private updated(id: string, _w: Watch, prompt: PromptInfo): void {
    this.options.onPromptChange(id);
    const info = this.options.sessions.info(id);
    if (this.sink && info) this.sink.promptUpdated(prompt, info);
  }

  private closed(id: string, w: Watch, prompt: PromptInfo, reason: PromptCloseReason): void {
    const deskAnswered = reason === 'gone' && Date.now() - w.lastDeskInputAt < DESK_ANSWER_WINDOW_MS;
    const finalReason: PromptCloseReason = deskAnswered ? 'answered-here' : reason;
    this.sink?.promptClosed(prompt, finalReason);
    this.options.onPromptChange(id);
  }
}
