/**
 * Knowing when a session needs the user: one {@link PromptTracker} per session fed from its
 * screen model (debounced after output, and once more when output has been quiet for the idle
 * period), Claude Code hook facts from the {@link HookReceiver}, answers from the desk and the
 * phone, and the gate that decides when prompts go to the phone (always, or only when away).
 */
import path from 'node:path';
import type { PromptInfo } from '../../contract/bridge.js';
import type { HookRunner, PresenceSource } from './app-types.js';
import { Emitter } from './base/event.js';
import { DisposableStore, type Disposable } from './base/lifecycle.js';
import type { HookEvent } from './claude/hook-event.js';
import { HookReceiver } from './claude/hook-receiver.js';
import { writeSettingsOverlay } from './claude/settings-overlay.js';
import { createAwayDetector, type AwayDetector } from './desktop/away-detector.js';
import { PromptTracker } from './prompts/tracker.js';
import type { AnswerSource, PromptCloseReason, PromptSink, WriteRefusal } from './prompts/types.js';
import type { SessionManager, LaunchExtras, StoredSession } from './sessions/session-manager.js';
import type { SettingsService } from './settings/settings.js';

/**
 * Screens are read this long after the last output, in ms: long enough that a program redrawing
 * a menu in several writes is read once, whole; short enough that the phone hears of a prompt
 * well within a second.
 */
export const DETECT_DEBOUNCE_MS = 120;

/** Longest a screen check is postponed by continuing output, in ms. */
export const DETECT_MAX_WAIT_MS = 500;

/**
 * Desk input this recent (ms) when a prompt leaves the screen means the user answered it at the
 * desk (the message on the phone then says so) rather than the program withdrawing it.
 */
export const DESK_ANSWER_WINDOW_MS = 10_000;

export interface AttentionOptions {
  dataDir: string;
  hookRunner: HookRunner;
  sessions: SessionManager;
  settings: SettingsService;
  presence?: PresenceSource;
  /** Called whenever a session's open prompt changes (opened, updated, closed, relayed). */
  onPromptChange: (sessionId: string) => void;
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
  /** The open prompt went to the sink (so its close must too). */
  sentToSink: boolean;
  /** The tracker's subscriptions. */
  subscriptions: DisposableStore;
}

/** Prompt detection and routing for all sessions. */
export class Attention {
  private readonly watches = new Map<string, Watch>();
  private sink: PromptSink | null = null;
  private readonly away: AwayDetector | null;
  private readonly subscriptions = new DisposableStore();
  private readonly promptOpenedEmitter = new Emitter<{ sessionId: string; prompt: PromptInfo }>({
    name: 'attention.promptOpened',
  });

  /** Fires for every prompt that opens, whether or not it goes to the phone (turn ends read it). */
  readonly onPromptOpened = this.promptOpenedEmitter.event;

  private constructor(
    private readonly options: AttentionOptions,
    private readonly receiver: HookReceiver,
    private readonly overlayPath: string,
  ) {
    this.away = options.presence
      ? createAwayDetector({
          presence: options.presence,
          thresholdMinutes: () => options.settings.get().awayAfterMinutes,
        })
      : null;
    if (this.away) {
      this.subscriptions.add(
        this.away.onChange((away) => {
          if (away) this.sendOpenPrompts();
        }),
      );
      this.away.start();
    }
    this.subscriptions.add(
      receiver.onEvent((sessionId, event) => {
        const w = this.watches.get(sessionId);
        if (!w) return;
        w.tracker.applyHook(event, Date.now());
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

  /** Starts the hook channel and writes the Claude settings overlay into the data dir. */
  static async create(options: AttentionOptions): Promise<Attention> {
    const receiver = new HookReceiver({ dataDir: options.dataDir });
    await receiver.start();
    const overlay = await writeSettingsOverlay(path.join(options.dataDir, 'claude'), options.hookRunner);
    return new Attention(options, receiver, overlay);
  }

  /** Listens for every valid Claude Code hook event of a registered session. */
  onHook(listener: (sessionId: string, event: HookEvent) => void): Disposable {
    return this.receiver.onEvent(listener);
  }

  /** Connects the relay (set once the Telegram side exists). */
  setSink(sink: PromptSink): void {
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
      sentToSink: false,
      subscriptions: new DisposableStore(),
    };
    this.watches.set(id, w);
    w.subscriptions.add(tracker.onOpened((p) => this.opened(id, w, p)));
    w.subscriptions.add(tracker.onUpdated((p) => this.updated(id, w, p)));
    w.subscriptions.add(tracker.onClosed((p, reason) => this.closed(id, w, p, reason)));
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
    if (w) w.hadInput = true;
    return null;
  }

  /** Marks that the session got input from the phone (text reply). */
  phoneTyped(id: string): void {
    const w = this.watches.get(id);
    if (w) w.hadInput = true;
  }

  /** Marks desk input (any keystroke from a view). */
  userTyped(id: string): void {
    const w = this.watches.get(id);
    if (!w) return;
    w.hadInput = true;
    w.lastDeskInputAt = Date.now();
  }

  /** Records that a prompt reached the chat. */
  markRelayed(sessionId: string, promptId: string): void {
    if (this.watches.get(sessionId)?.tracker.markRelayed(promptId)) this.options.onPromptChange(sessionId);
  }

  /** True when prompts should go to the phone now. */
  shouldRelay(): boolean {
    if (this.options.settings.get().notifyMode === 'always') return true;
    return this.away ? this.away.check() : true;
  }

  /** Sends every open, not yet sent prompt (the user just left the desk). */
  sendOpenPrompts(): void {
    for (const [id, w] of this.watches) {
      const p = w.tracker.current();
      const info = this.options.sessions.info(id);
      if (p && info && !w.sentToSink && this.sink) {
        w.sentToSink = true;
        this.sink.promptOpened(p, info);
      }
    }
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

  /** Stops the away detector, every watch and the hook channel. */
  async dispose(): Promise<void> {
    this.away?.stop();
    this.subscriptions.dispose();
    this.promptOpenedEmitter.dispose();
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
    const idleMs = this.options.settings.get().idleSeconds * 1000;
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
        idleThresholdMs: this.options.settings.get().idleSeconds * 1000,
        allowIdle: w.hadInput,
      },
      now,
    );
  }

  private opened(id: string, w: Watch, prompt: PromptInfo): void {
    this.options.onPromptChange(id);
    this.promptOpenedEmitter.fire({ sessionId: id, prompt: structuredClone(prompt) });
    const info = this.options.sessions.info(id);
    if (this.sink && info && this.shouldRelay()) {
      w.sentToSink = true;
      this.sink.promptOpened(prompt, info);
    } else {
      w.sentToSink = false;
    }
  }

  private updated(id: string, w: Watch, prompt: PromptInfo): void {
    this.options.onPromptChange(id);
    const info = this.options.sessions.info(id);
    if (this.sink && info && w.sentToSink) this.sink.promptUpdated(prompt, info);
  }

  private closed(id: string, w: Watch, prompt: PromptInfo, reason: PromptCloseReason): void {
    const deskAnswered = reason === 'gone' && Date.now() - w.lastDeskInputAt < DESK_ANSWER_WINDOW_MS;
    const finalReason: PromptCloseReason = deskAnswered ? 'answered-here' : reason;
    if (this.sink && w.sentToSink) this.sink.promptClosed(prompt, finalReason);
    w.sentToSink = false;
    this.options.onPromptChange(id);
  }
}
