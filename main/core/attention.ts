/**
 * The app's side of prompts: the PTY host tracks them (ptyhost/prompt-watch.ts); this decides
 * when they go to the phone (always, or only when the user is away) and sends the ones already
 * open when the user leaves. Across app restarts it never sends a prompt twice: a prompt the PTY
 * host reports as relayed is already on the phone.
 */
import type { AgentKind, PromptInfo, PublicSettings, SessionInfo } from '../../contract/bridge.js';
import type { PresenceSource } from './app-types.js';
import { Emitter } from './base/event.js';
import type { Disposable } from './base/lifecycle.js';
import { createAwayDetector, type AwayDetector } from './desktop/away-detector.js';
import type { PromptCloseReason, PromptSink } from './prompts/types.js';
import type { RemotePromptEvents } from './ptyhost/remote-sessions.js';
import type { SettingsService } from './settings/settings.js';

/**
 * True for a "waiting"/"finished" prompt of a session kind that does not page when idle
 * (settings `pageIdle`, e.g. a shell at its prompt); permission prompts and questions never are.
 * A quiet prompt stays off the phone and leaves its tab `running`.
 */
export function isQuietPrompt(
  prompt: Pick<PromptInfo, 'kind'>,
  agent: AgentKind,
  pageIdle: PublicSettings['pageIdle'],
): boolean {
  if (prompt.kind !== 'input' && prompt.kind !== 'finished') return false;
  return !pageIdle[agent];
}

/**
 * The session as the desk and the phone see it: its open prompt marked `quiet` per the
 * `pageIdle` setting, and a quiet prompt not counting as "needs attention".
 */
export function withQuietPrompt(info: SessionInfo, pageIdle: PublicSettings['pageIdle']): SessionInfo {
  if (!info.prompt) return info;
  const quiet = isQuietPrompt(info.prompt, info.agent, pageIdle);
  const state = quiet && info.state === 'needs-attention' ? 'running' : info.state;
  return { ...info, state, prompt: { ...info.prompt, quiet } };
}

/** Options of {@link Attention}. */
export interface AttentionOptions {
  settings: SettingsService;
  presence?: PresenceSource;
  /** Every session now, with its open prompt. */
  list: () => SessionInfo[];
}

/** The away gate between the PTY host's prompts and the phone. */
export class Attention implements RemotePromptEvents {
  /** Prompts handed to the sink (so their close must go there too), by prompt id. */
  private readonly sent = new Map<string, PromptInfo>();
  private sink: PromptSink | null = null;
  private readonly away: AwayDetector | null;
  private readonly awaySubscription: Disposable | null;
  private readonly promptOpenedEmitter = new Emitter<{ sessionId: string; prompt: PromptInfo }>({
    name: 'attention.promptOpened',
  });

  /** Fires for every prompt that opens, whether or not it goes to the phone (turn ends read it). */
  readonly onPromptOpened = this.promptOpenedEmitter.event;

  constructor(private readonly options: AttentionOptions) {
    this.away = options.presence
      ? createAwayDetector({
          presence: options.presence,
          thresholdMinutes: () => options.settings.get().awayAfterMinutes,
        })
      : null;
    this.awaySubscription =
      this.away?.onChange((away) => {
        if (away) this.sendOpenPrompts();
      }) ?? null;
    this.away?.start();
  }

  /** Connects the relay (set once the Telegram side exists). */
  setSink(sink: PromptSink): void {
    this.sink = sink;
  }

  /** True when prompts should go to the phone now. */
  shouldRelay(): boolean {
    if (this.options.settings.get().notifyMode === 'always') return true;
    return this.away ? this.away.check() : true;
  }

  opened(prompt: PromptInfo, session: SessionInfo): void {
    this.promptOpenedEmitter.fire({ sessionId: session.id, prompt: structuredClone(prompt) });
    if (this.shouldRelay() && !this.quiet(prompt, session)) this.send(prompt, session);
  }

  updated(prompt: PromptInfo, session: SessionInfo): void {
    if (this.sink && this.sent.has(prompt.id)) this.sink.promptUpdated(prompt, session);
  }

  closed(prompt: PromptInfo, reason: PromptCloseReason): void {
    if (!this.sent.delete(prompt.id)) return;
    this.sink?.promptClosed(prompt, reason);
  }

  /**
   * The session list came (again) from the PTY host: prompts it reports as relayed are on the
   * phone already (never sent again); prompts that closed while the app was away are closed on
   * the phone too; open ones not yet sent go now if the gate allows.
   */
  synced(sessions: SessionInfo[]): void {
    const open = new Map(sessions.flatMap((s) => (s.prompt ? [[s.prompt.id, s] as const] : [])));
    for (const [id, prompt] of [...this.sent]) {
      if (open.has(id)) continue;
      this.sent.delete(id);
      this.sink?.promptClosed(prompt, 'gone');
    }
    for (const s of sessions) {
      if (!s.prompt || this.sent.has(s.prompt.id)) continue;
      if (s.prompt.relayed) this.sent.set(s.prompt.id, s.prompt);
      else if (this.shouldRelay() && !this.quiet(s.prompt, s)) this.send(s.prompt, s);
    }
  }

  /** Sends every open, not yet sent prompt (the user just left the desk). */
  sendOpenPrompts(): void {
    for (const s of this.options.list()) {
      if (s.prompt && !this.sent.has(s.prompt.id) && !s.prompt.relayed && !this.quiet(s.prompt, s)) {
        this.send(s.prompt, s);
      }
    }
  }

  /** Stops the away detector. */
  dispose(): void {
    this.awaySubscription?.dispose();
    this.away?.stop();
    this.promptOpenedEmitter.dispose();
  }

  private quiet(prompt: PromptInfo, session: SessionInfo): boolean {
    return isQuietPrompt(prompt, session.agent, this.options.settings.get().pageIdle);
  }

  private send(prompt: PromptInfo, session: SessionInfo): void {
    if (!this.sink) return;
    this.sent.set(prompt.id, prompt);
    this.sink.promptOpened(prompt, session);
  }
}
