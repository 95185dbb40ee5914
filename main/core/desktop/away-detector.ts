/**
 * Decides whether the user is at the desk, for notifyMode "away": away while the system has had
 * no keyboard/mouse input for at least N minutes, or while the screen is locked. It polls a
 * {@link PresenceSource} and reports changes; `check()` re-evaluates at once (the Electron shell
 * calls it on lock/unlock events so a lock counts without waiting for the next poll).
 */
import type { PresenceSource } from '../app-types.js';
import { Emitter, type Event } from '../base/event.js';
import type { Disposable } from '../base/lifecycle.js';

/** Default poll period, in ms: idle time only needs minute precision. */
export const DEFAULT_AWAY_POLL_MS = 5_000;

/** Timer functions, injectable so tests can drive the poll by hand. */
export interface PollScheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Options for {@link createAwayDetector}. */
export interface AwayDetectorOptions {
  presence: PresenceSource;
  /** Minutes of system idle before the user counts as away; read on every check, so settings changes apply. */
  thresholdMinutes: () => number;
  /** Poll period in ms; defaults to {@link DEFAULT_AWAY_POLL_MS}. */
  pollMs?: number;
  /** Defaults to the global setInterval/clearInterval (unref'd so it never keeps Node alive). */
  scheduler?: PollScheduler;
}

/** A running (or stopped) away detector. */
export interface AwayDetector {
  /** The last decided value; false until the first check. */
  isAway(): boolean;
  /** Re-reads the presence source now, notifies listeners on a change, and returns the value. */
  check(): boolean;
  /** Fires with the new value whenever present/away flips. */
  readonly onChange: Event<boolean>;
  /** Checks once, then polls every `pollMs`. Idempotent. */
  start(): void;
  /** Stops polling. Idempotent. */
  stop(): void;
}

const globalScheduler: PollScheduler = {
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};

/**
 * Pure rule: away when locked, or when idle seconds ≥ threshold minutes × 60. A source that
 * throws or reports a non-finite idle time counts as present (never page on a broken sensor).
 */
export function decideAway(presence: PresenceSource, thresholdMinutes: number): boolean {
  try {
    if (presence.isLocked()) return true;
    const idle = presence.idleSeconds();
    return Number.isFinite(idle) && idle >= thresholdMinutes * 60;
  } catch {
    return false;
  }
}

/** Creates a stopped detector; call `start()`. */
export function createAwayDetector(opts: AwayDetectorOptions): AwayDetector {
  const scheduler = opts.scheduler ?? globalScheduler;
  const pollMs = opts.pollMs ?? DEFAULT_AWAY_POLL_MS;
  const changed = new Emitter<boolean>({ name: 'away.change' });
  let away = false;
  let handle: unknown = null;
  let presenceChanges: Disposable | null = null;

  const check = (): boolean => {
    const next = decideAway(opts.presence, opts.thresholdMinutes());
    if (next !== away) {
      away = next;
      changed.fire(away);
    }
    return away;
  };

  return {
    isAway: () => away,
    check,
    onChange: changed.event,
    start() {
      if (handle !== null) return;
      check();
      handle = scheduler.setInterval(check, pollMs);
      presenceChanges = opts.presence.onChange?.(() => void check()) ?? null;
    },
    stop() {
      if (handle === null) return;
      scheduler.clearInterval(handle);
      handle = null;
      presenceChanges?.dispose();
      presenceChanges = null;
    },
  };
}
