/**
 * The outbox: every message, edit and reaction to a chat goes through it, one call in flight at
 * a time, so the bot stays within Telegram's limits ({@link RateBudget}: a short burst, then about
 * one call per second per chat, 30/s overall, 429 `retry_after` honoured) while what matters
 * goes first.
 *
 * Scheduling:
 * - Urgent jobs (a new permission or question prompt) go before every other queued job, and may
 *   spend the part of the chat's burst ordinary jobs leave for them: a prompt is never queued
 *   behind informational messages or edits, and goes out at once unless the chat's budget is
 *   truly spent.
 * - Otherwise first in, first out (per chat; a chat waiting for its budget does not hold up
 *   another chat).
 * - A job with a `coalesce` key replaces a queued, not yet started job with the same key in its
 *   place (several edits of one message: only the latest text is sent).
 * - There is no fixed gap between calls: a call goes out as soon as the budget allows.
 *
 * Delivery rules (429 `retry_after` up to its cap, and 5xx of edits, are already retried by
 * `@grammyjs/auto-retry` below this queue; a send's 5xx is not, see `bot.ts`):
 * - A job that failed where the request certainly did not arrive (connection refused, host not
 *   found, rate limited: see `certainlyNotDelivered`) is queued again in its place and everything
 *   waits ({@link RETRY_MIN_MS} doubling to `maxBackoffMs`, at least a 429's `retry_after`), or
 *   less on {@link Outbox.kick} (polling came back). Messages raised while offline go out once back.
 * - A job that failed ambiguously (connection reset, timeout, 5xx after the retries) is NOT sent
 *   again — Telegram may have delivered it, and a duplicate is worse than a message whose id we
 *   learn later (a tap on it carries it) — and its `onGiveUp` runs.
 * - Any other error (400, 403…) gives the job up too.
 * - A queued job can be withdrawn with {@link Outbox.cancel} (a prompt closed before it was sent).
 */
import { GrammyError } from 'grammy';
import { certainlyNotDelivered } from './errors.js';
import { RateBudget, type RateLimits } from './rate-budget.js';

/** First retry delay after a certainly-undelivered failure, in ms. */
export const RETRY_MIN_MS = 1000;
/** Default cap of the retry delay, in ms. */
export const DEFAULT_MAX_BACKOFF_MS = 30_000;

/** One call to make. */
export interface OutboxJob {
  /** Identifies the job for {@link Outbox.cancel}; optional. */
  id?: string;
  /** The chat the call goes to (its budget is spent), or null for calls to no chat. */
  chatId: number | null;
  /** Goes before every non-urgent job and may spend the chat's reserve (new prompts). */
  urgent?: boolean;
  /** A later job with the same key replaces this one while it waits (e.g. `edit:<chat>:<message>`). */
  coalesce?: string;
  /** Makes the call; throws what grammY throws. */
  run(): Promise<void>;
  /** Runs when the job is given up (ambiguous or permanent failure). */
  onGiveUp?(error: unknown): void;
}

/** Options of {@link Outbox}. */
export interface OutboxOptions {
  /** Overrides of Telegram's limits (tests). */
  limits?: Partial<RateLimits>;
  maxBackoffMs?: number;
  /** Reports a failure (already described without the token by the caller's `describe`). */
  onError?: (error: unknown, willRetry: boolean) => void;
  /** Clock, epoch ms. */
  now?: () => number;
}

/** The 429 `retry_after` of an error, in seconds, or null. */
function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof GrammyError) || error.error_code !== 429) return null;
  const after = error.parameters?.retry_after;
  return typeof after === 'number' && after > 0 ? after : null;
}

/** A prioritised, rate-budgeted queue of Bot API calls, one in flight at a time. */
export class Outbox {
  private readonly queue: OutboxJob[] = [];
  private readonly budget: RateBudget;
  private readonly maxBackoffMs: number;
  private readonly onError: (error: unknown, willRetry: boolean) => void;
  private readonly now: () => number;
  private inFlight: OutboxJob | null = null;
  private running = false;
  private stopped = false;
  private backoffMs = RETRY_MIN_MS;
  private wake: (() => void) | null = null;
  /** True while everything waits for a retry after a certainly-undelivered failure. */
  private holding = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: OutboxOptions = {}) {
    this.now = options.now ?? Date.now;
    this.budget = new RateBudget(this.now(), options.limits);
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Number of jobs waiting, plus the one in flight. */
  get size(): number {
    return this.queue.length + (this.inFlight ? 1 : 0);
  }

  /**
   * Queues a job (see the module doc for the order) and starts the queue if idle. A job whose
   * `coalesce` key matches a waiting job replaces it in its place; the replaced job never runs.
   */
  enqueue(job: OutboxJob): void {
    if (this.stopped) return;
    const same = job.coalesce === undefined ? -1 : this.queue.findIndex((j) => j.coalesce === job.coalesce);
    if (same >= 0) this.queue[same] = job;
    else if (job.urgent) this.queue.splice(this.firstNonUrgent(), 0, job);
    else this.queue.push(job);
    // A job that can go now must not wait out a budget wait taken for another job.
    if (!this.holding) this.wake?.();
    void this.drain();
  }

  /**
   * Removes a job that has not started yet.
   * @returns true when it was removed (it will never be sent), false when unknown or in flight.
   */
  cancel(id: string): boolean {
    const index = this.queue.findIndex((j) => j.id === id);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /** Retries held jobs now (e.g. when the connection came back). */
  kick(): void {
    this.backoffMs = RETRY_MIN_MS;
    if (this.holding) this.wake?.();
  }

  /** Drops every queued job (the one in flight completes). */
  clear(): void {
    this.queue.length = 0;
    this.settleIdle();
  }

  /** Stops for good: drops queued jobs and wakes any wait. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.wake?.();
    this.settleIdle();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private firstNonUrgent(): number {
    const index = this.queue.findIndex((j) => !j.urgent);
    return index < 0 ? this.queue.length : index;
  }

  /**
   * The job to run next and how long until its budget allows it: the first urgent job that may
   * go, else the first job of each chat in queue order; when none may go now, the soonest.
   */
  private pick(): { index: number; waitMs: number } | null {
    const now = this.now();
    const seen = new Set<string>();
    let best: { index: number; waitMs: number } | null = null;
    for (let i = 0; i < this.queue.length; i++) {
      const job = this.queue[i]!;
      const lane = `${job.urgent ? 'u' : 'n'}${job.chatId}`;
      if (seen.has(lane)) continue;
      seen.add(lane);
      const waitMs = this.budget.waitMs(job.chatId, job.urgent === true, now);
      if (waitMs === 0) return { index: i, waitMs };
      if (!best || waitMs < best.waitMs) best = { index: i, waitMs };
    }
    return best;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    }).then(() => {
      this.wake = null;
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && this.queue.length > 0) {
        const next = this.pick();
        if (!next) break;
        if (next.waitMs > 0) {
          await this.sleep(next.waitMs);
          continue;
        }
        const [job] = this.queue.splice(next.index, 1);
        if (!job) continue;
        this.inFlight = job;
        this.budget.spend(job.chatId, this.now());
        try {
          await job.run();
          this.backoffMs = RETRY_MIN_MS;
        } catch (error) {
          const retry = certainlyNotDelivered(error);
          this.onError(error, retry);
          if (retry && !this.stopped) {
            // Back in its place: before every job of its class.
            this.queue.splice(job.urgent ? 0 : this.firstNonUrgent(), 0, job);
            const after = retryAfterSeconds(error);
            if (after !== null) this.budget.rateLimited(job.chatId, after, this.now());
            const delay = Math.max(this.backoffMs, (after ?? 0) * 1000);
            this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
            this.inFlight = null;
            this.holding = true;
            await this.sleep(delay);
            this.holding = false;
          } else if (!retry) {
            job.onGiveUp?.(error);
          }
        } finally {
          this.inFlight = null;
        }
      }
    } finally {
      this.running = false;
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    if (this.size > 0 && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
