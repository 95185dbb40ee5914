/**
 * The outbox: every message and edit to a chat goes through one serial queue, paced at
 * {@link DEFAULT_MIN_INTERVAL_MS} between calls, because Telegram asks bots to "avoid sending
 * more than one message per second" in a chat (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 *
 * Delivery rules (429 `retry_after` and 5xx are already retried, bounded, by `@grammyjs/auto-retry`
 * below this queue):
 * - A job that failed where the request certainly did not arrive (connection refused, host not
 *   found, rate limited: see `certainlyNotDelivered`) stays at the head of the queue and is tried
 *   again with backoff ({@link RETRY_MIN_MS} doubling to `maxBackoffMs`), or at once on
 *   {@link Outbox.kick} (polling came back). So messages raised while offline go out once back.
 * - A job that failed ambiguously (connection reset, timeout, 5xx after the retries) is NOT sent
 *   again — Telegram may have delivered it, and a duplicate is worse than a message whose id we
 *   learn later (a tap on it carries it) — and its `onGiveUp` runs.
 * - Any other error (400, 403…) gives the job up too.
 * - A queued job can be withdrawn with {@link Outbox.cancel} (a prompt closed before it was sent).
 * - A `low` priority job (a live status edit) waits behind every normal job queued after it, so
 *   informational updates never delay a prompt.
 */
import { certainlyNotDelivered } from './errors.js';

/** Pause between two calls to Telegram from the queue, in ms (Telegram FAQ: ~1 message/s per chat). */
export const DEFAULT_MIN_INTERVAL_MS = 1000;
/** First retry delay after a certainly-undelivered failure, in ms. */
export const RETRY_MIN_MS = 1000;
/** Default cap of the retry delay, in ms. */
export const DEFAULT_MAX_BACKOFF_MS = 30_000;

/** One call to make. */
export interface OutboxJob {
  /** Identifies the job for {@link Outbox.cancel}; optional. */
  id?: string;
  /** Makes the call; throws what grammY throws. */
  run(): Promise<void>;
  /** Runs when the job is given up (ambiguous or permanent failure). */
  onGiveUp?(error: unknown): void;
  /** `low`: informational (status edits); normal jobs enqueued later overtake it. Default `normal`. */
  priority?: 'normal' | 'low';
}

/** Options of {@link Outbox}. */
export interface OutboxOptions {
  minIntervalMs?: number;
  maxBackoffMs?: number;
  /** Reports a failure (already described without the token by the caller's `describe`). */
  onError?: (error: unknown, willRetry: boolean) => void;
}

/** A serial, paced queue of Bot API calls. */
export class Outbox {
  private readonly queue: OutboxJob[] = [];
  private readonly minIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly onError: (error: unknown, willRetry: boolean) => void;
  private running = false;
  private stopped = false;
  private lastCallAt = 0;
  private backoffMs = RETRY_MIN_MS;
  private wake: (() => void) | null = null;
  /** True while the head job waits for a retry after a certainly-undelivered failure. */
  private holding = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: OutboxOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Number of jobs waiting (including one in flight). */
  get size(): number {
    return this.queue.length;
  }

  /** Appends a job (a normal one before any waiting low-priority jobs) and starts the queue if idle. */
  enqueue(job: OutboxJob): void {
    if (this.stopped) return;
    const inFlight = this.running && !this.wake ? 1 : 0;
    const firstLow =
      job.priority === 'low' ? -1 : this.queue.findIndex((j, i) => i >= inFlight && j.priority === 'low');
    if (firstLow >= 0) this.queue.splice(firstLow, 0, job);
    else this.queue.push(job);
    void this.drain();
  }

  /**
   * Removes a job that has not started yet.
   * @returns true when it was removed (it will never be sent), false when unknown or in flight.
   */
  cancel(id: string): boolean {
    const index = this.queue.findIndex((j, i) => j.id === id && !(i === 0 && this.running && !this.wake));
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /** Retries a held job now (e.g. when the connection came back). */
  kick(): void {
    this.backoffMs = RETRY_MIN_MS;
    if (this.holding) this.wake?.();
  }

  /** Drops every queued job. */
  clear(): void {
    const inFlight = this.running && !this.wake ? this.queue.slice(0, 1) : [];
    this.queue.splice(0, this.queue.length, ...inFlight);
  }

  /** Stops for good: drops queued jobs and wakes any wait. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.wake?.();
  }

  /** Resolves once the queue is empty. */
  idle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    }).then(() => {
      this.wake = null;
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && this.queue.length > 0) {
        const wait = this.lastCallAt + this.minIntervalMs - Date.now();
        if (wait > 0) await this.sleep(wait);
        const job = this.queue[0];
        if (!job || this.stopped) break;
        this.lastCallAt = Date.now();
        try {
          await job.run();
          this.backoffMs = RETRY_MIN_MS;
          if (this.queue[0] === job) this.queue.shift();
        } catch (error) {
          const retry = certainlyNotDelivered(error);
          this.onError(error, retry);
          if (retry) {
            const delay = this.backoffMs;
            this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
            this.holding = true;
            await this.sleep(delay);
            this.holding = false;
          } else {
            if (this.queue[0] === job) this.queue.shift();
            job.onGiveUp?.(error);
          }
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }
}
