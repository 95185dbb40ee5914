/**
 * Per Claude Code session, its token use and cost, from the transcript named in its hook events
 * (`transcript-usage.ts`). A turn runs from the prompt the user typed (its line in the
 * transcript) to the `Stop` hook, when the usage since that prompt becomes the last turn's.
 * Claude Code may append the turn's last assistant line after its Stop hook ran (seen under load,
 * seconds later): until the next typed prompt shows up, every read updates the last turn, and
 * the transcript is read again at {@link STOP_REREAD_MS} after a Stop.
 * Reads of one session run one after another; listeners hear of every change.
 */
import type { SessionUsage } from '../../../contract/usage.js';
import { Emitter } from '../base/event.js';
import type { HookEvent } from './hook-event.js';
import { plausibleTranscriptPath, TranscriptUsage } from './transcript-usage.js';

/** Delays after a Stop hook at which the transcript is read again, in ms. */
export const STOP_REREAD_MS = [250, 1000, 3000, 10_000];

interface Tracked {
  reader: TranscriptUsage;
  lastTurn: SessionUsage['total'] | null;
  /** The reader's prompt count at the latest Stop: while it holds, the last turn is still being written. */
  stoppedAtPrompt: number | null;
  /** The read in progress (reads are chained). */
  chain: Promise<void>;
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
        stoppedAtPrompt: null,
        chain: Promise.resolve(),
      };
      this.sessions.set(sessionId, t);
    }
    const tracked = t;
    const stop = event.hook_event_name === 'Stop';
    this.read(sessionId, tracked, stop);
    if (stop) this.settleAfterStop(sessionId, tracked);
    return tracked.chain;
  }

  /** Chains a read; a Stop (or a later read before the next prompt) sets the last turn. */
  private read(sessionId: string, tracked: Tracked, stop: boolean): void {
    tracked.chain = tracked.chain.then(async () => {
      const changed = await tracked.reader.update();
      if (stop) tracked.stoppedAtPrompt = tracked.reader.prompts;
      const ended = tracked.stoppedAtPrompt === tracked.reader.prompts;
      const turn = ended ? tracked.reader.sincePrompt : null;
      if (!stop && !changed) return;
      if (turn) tracked.lastTurn = turn;
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
        if (this.sessions.get(sessionId) === tracked) this.read(sessionId, tracked, false);
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
