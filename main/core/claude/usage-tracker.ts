/**
 * Per Claude Code session, its token use and cost, from the transcript named in its hook events
 * (`transcript-usage.ts`). A turn runs from the prompt the user typed (its line in the
 * transcript) to the `Stop` hook, when the usage since that prompt becomes the last turn's.
 * Claude Code writes its transcript in batches, after the hooks of the same moment: under load a
 * whole turn (its prompt line too) reached the file only after its `Stop` hook ran. So a turn is
 * read two ways (see {@link settleTurn}): by line (its prompt line is the next one after what was
 * read at its `UserPromptSubmit`, which fires before that line is written) and by hook (the
 * totals now minus those at its `UserPromptSubmit`). From `Stop` until the next
 * `UserPromptSubmit`, every read updates the last turn, and the transcript is read again at
 * {@link STOP_REREAD_MS} after a Stop.
 * Reads of one session run one after another; listeners hear of every change.
 */
import { totalTokens, type SessionUsage, type TokenUsage } from '../../../contract/usage.js';
import { addUsage } from './pricing.js';
import { Emitter } from '../base/event.js';
import type { HookEvent } from './hook-event.js';
import { plausibleTranscriptPath, TranscriptUsage } from './transcript-usage.js';

/** Delays after a Stop hook at which the transcript is read again, in ms. */
export const STOP_REREAD_MS = [250, 1000, 3000, 10_000];

interface Tracked {
  reader: TranscriptUsage;
  lastTurn: SessionUsage['total'] | null;
  /** Which prompt line (1-based count) starts the current turn; null before a turn was seen. */
  turnPrompt: number | null;
  /** True from a Stop until the next UserPromptSubmit: late lines still belong to that turn. */
  ended: boolean;
  /** The totals read at the current turn's UserPromptSubmit; null before one. */
  base: TokenUsage | null;
  /** The read in progress (reads are chained). */
  chain: Promise<void>;
}

/**
 * Sets the last turn of an ended turn from two readings: since its prompt line, and since its
 * UserPromptSubmit hook. Each can miss under load (the transcript lags the hooks; a hook's read
 * can lag the transcript); they agree otherwise, so the one that saw the turn's tokens wins.
 */
function settleTurn(tracked: Tracked): void {
  if (!tracked.ended) return;
  const reader = tracked.reader;
  const byLine = reader.prompts === tracked.turnPrompt ? reader.sincePrompt : null;
  const byHook = tracked.base ? addUsage(reader.total, tracked.base, -1) : null;
  const turn = [byLine, byHook].find((u) => u && totalTokens(u) > 0) ?? byLine;
  if (turn) tracked.lastTurn = turn;
}

/** Usage of every Claude Code session that sent a hook event with a transcript path. */
export class UsageTracker {
  private readonly sessions = new Map<string, Tracked>();
  private readonly changed = new Emitter<string>();
  /** Fires with the session id after its usage changed. */
  readonly onChange = this.changed.event;

  /** The session's usage, or null before its transcript gave any. */
  get(sessionId: string): SessionUsage | null {
    const t = this.sessions.get(sessionId);
    if (!t) return null;
    return { total: t.reader.total, lastTurn: t.lastTurn ? { ...t.lastTurn } : null, model: t.reader.model };
  }

  /**
   * A hook event of a session: reads the transcript's new lines, and marks turn starts and ends.
   * @returns once this event's read finished (tests; callers need not wait).
   */
  handle(sessionId: string, event: HookEvent): Promise<void> {
    const file = event.transcript_path;
    if (!file || !plausibleTranscriptPath(file)) return Promise.resolve();
    let t = this.sessions.get(sessionId);
    if (!t || t.reader.file !== file) {
      t = {
        reader: new TranscriptUsage(file),
        lastTurn: null,
        turnPrompt: null,
        ended: false,
        base: null,
        chain: Promise.resolve(),
      };
      this.sessions.set(sessionId, t);
    }
    const tracked = t;
    const name = event.hook_event_name;
    const kind = name === 'Stop' ? 'stop' : name === 'UserPromptSubmit' ? 'submit' : 'other';
    this.read(sessionId, tracked, kind);
    if (kind === 'stop') this.settleAfterStop(sessionId, tracked);
    return tracked.chain;
  }

  /** Chains a read and moves the turn bookkeeping along (see the module doc). */
  private read(sessionId: string, tracked: Tracked, kind: 'stop' | 'submit' | 'other'): void {
    tracked.chain = tracked.chain.then(async () => {
      const changed = await tracked.reader.update();
      const before = tracked.lastTurn;
      if (kind === 'submit') {
        settleTurn(tracked); // what arrived just now still belongs to the finished turn
        tracked.turnPrompt = tracked.reader.prompts + 1;
        tracked.base = tracked.reader.total;
        tracked.ended = false;
      } else if (kind === 'stop') {
        tracked.ended = true;
        // No UserPromptSubmit seen (the tracker started mid-turn): the latest prompt read.
        tracked.turnPrompt ??= tracked.reader.prompts;
      }
      settleTurn(tracked);
      if (!changed && kind !== 'stop' && before === tracked.lastTurn) return;
      if (this.sessions.get(sessionId) === tracked) this.changed.fire(sessionId);
    });
  }

  /**
   * Claude Code may write the turn's last lines to the transcript after its Stop hook ran: read
   * again a little later (at {@link STOP_REREAD_MS}); the last turn follows what arrived.
   */
  private settleAfterStop(sessionId: string, tracked: Tracked): void {
    for (const delay of STOP_REREAD_MS) {
      const timer = setTimeout(() => {
        if (this.sessions.get(sessionId) === tracked) this.read(sessionId, tracked, 'other');
      }, delay);
      timer.unref();
    }
  }

  /** Forgets a removed session. */
  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  dispose(): void {
    this.sessions.clear();
    this.changed.dispose();
  }
}
