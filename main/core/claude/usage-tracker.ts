/**
 * Per Claude Code session, its token use and cost, from the transcript named in its hook events
 * (`transcript-usage.ts`). A turn runs from the prompt the user typed (its line in the
 * transcript) to the `Stop` hook, when the usage since that prompt becomes the last turn's.
 * Reads of one session run one after another; listeners hear of every change.
 */
import type { SessionUsage } from '../../../contract/usage.js';
import { Emitter } from '../base/event.js';
import type { HookEvent } from './hook-event.js';
import { plausibleTranscriptPath, TranscriptUsage } from './transcript-usage.js';

/** Delays after a Stop hook at which the transcript is read again, in ms. */
export const STOP_REREAD_MS = [250, 1000, 3000];

interface Tracked {
  reader: TranscriptUsage;
  lastTurn: SessionUsage['total'] | null;
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
      t = { reader: new TranscriptUsage(file), lastTurn: null, chain: Promise.resolve() };
      this.sessions.set(sessionId, t);
    }
    const tracked = t;
    tracked.chain = tracked.chain.then(async () => {
      const changed = await tracked.reader.update();
      const stop = event.hook_event_name === 'Stop';
      const turn = stop ? tracked.reader.sincePrompt : null;
      if (turn) tracked.lastTurn = turn;
      else if (!changed) return;
      if (this.sessions.get(sessionId) === tracked) this.changed.fire(sessionId);
    });
    if (event.hook_event_name === 'Stop') this.settleAfterStop(sessionId, tracked);
    return tracked.chain;
  }

  /**
   * Claude Code may write the turn's last lines to the transcript after its Stop hook ran: read
   * again a little later (at {@link STOP_REREAD_MS}) and update the last turn when more arrived.
   */
  private settleAfterStop(sessionId: string, tracked: Tracked): void {
    for (const delay of STOP_REREAD_MS) {
      const timer = setTimeout(() => {
        if (this.sessions.get(sessionId) !== tracked) return;
        tracked.chain = tracked.chain.then(async () => {
          if (!(await tracked.reader.update())) return;
          const turn = tracked.reader.sincePrompt;
          if (turn) tracked.lastTurn = turn;
          if (this.sessions.get(sessionId) === tracked) this.changed.fire(sessionId);
        });
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
