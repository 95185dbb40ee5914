/**
 * The polling loop of one bot: initialises it (getMe), registers the command menu, runs grammY's
 * long polling, and keeps it running through outages — never crashing, never giving up while a
 * token is valid. One {@link Poller} per launched bot; a stopped poller is never restarted.
 *
 * Polling states it reports (`PhoneState.polling`): `running`; `offline` while Telegram is
 * unreachable (retrying after {@link pollBackoffMs}, up to `maxBackoffMs`); `conflict` when
 * another program polls the same bot (409), retried every {@link CONFLICT_RETRY_MS} doubling to
 * {@link MAX_CONFLICT_RETRY_MS}; `stopped` when Telegram refuses the token (401).
 */
import type { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { PhoneState } from '../../../contract/bridge.js';
import { OfflineError } from './bot.js';
import { ALLOWED_UPDATES, setupBotProfile } from './bot-profile.js';
import { isNetworkError, telegramErrorCode } from './errors.js';

/** Long-poll timeout, in seconds (Telegram allows up to 50; grammY's default is 30). */
export const DEFAULT_POLL_TIMEOUT_SECONDS = 30;
/** First wait before reconnecting after a failure, in ms; it doubles per failure in a row. */
export const POLL_BACKOFF_BASE_MS = 500;
/** Largest wait between reconnect attempts while offline, in ms. */
export const MAX_POLL_BACKOFF_MS = 30_000;
/** First wait before polling again after a 409 conflict, in ms. */
export const CONFLICT_RETRY_MS = 15_000;
/** Largest wait between attempts during a 409 conflict, in ms. */
export const MAX_CONFLICT_RETRY_MS = 5 * 60_000;
/** How long after polling started a 409 may still arrive before the first poll counts as done, in ms. */
export const CONFLICT_GRACE_MS = 700;
/** Longest wait in `stop()` for the polling loop to end, in ms. */
export const STOP_WAIT_MS = 5000;

/** User-readable `PhoneState.error` texts. */
export const POLL_MESSAGES = {
  invalid: 'Telegram rejected this bot token (401 Unauthorized). Copy it again from @BotFather.',
  revoked:
    'Telegram no longer accepts this bot token (401 Unauthorized): it was revoked in @BotFather or the bot was deleted. Polling stopped; paste the new token.',
  offline: 'Cannot reach Telegram (no network?). Retrying…',
  conflict:
    'Another program is already polling this bot (409 Conflict). Stop the other instance or use a different bot.',
};

/**
 * The wait before reconnect attempt number `failures` (1, 2, …) in a row, in ms:
 * {@link POLL_BACKOFF_BASE_MS} doubling per failure, capped at `maxMs`.
 */
export function pollBackoffMs(failures: number, maxMs: number): number {
  return Math.min(maxMs, POLL_BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}

/** Options of {@link Poller}. */
export interface PollerOptions {
  /** Long-poll timeout, in seconds. */
  pollTimeoutSeconds: number;
  /** Cap of the offline backoff, in ms. */
  maxBackoffMs: number;
  /** First retry delay after a 409, in ms. */
  conflictRetryMs: number;
  /** The phone's current polling state. */
  polling(): PhoneState['polling'];
  /** Applies a change of the phone state (polling, error, token). */
  update(patch: Partial<PhoneState>): void;
  /** The bot's identity became known (getMe succeeded). */
  identified(info: UserFromGetMe): void;
  /** A poll succeeded after polling was not running: time to send what waited. */
  reconnected(): void;
  /** Logs a line (the caller redacts the token). */
  log(level: 'info' | 'warn', message: string): void;
  /** Describes an error without the token. */
  describe(error: unknown): string;
}

/** Runs and supervises the long polling of one bot. */
export class Poller {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private resolveFirst: () => void = () => undefined;
  /** Aborts the identity check in flight when polling stops. */
  private readonly abort = new AbortController();
  /**
   * Resolves once the first poll has an outcome: running (a moment after polling started, so a
   * 409 can still show), offline, conflict, or a refused token. Never rejects.
   */
  readonly firstPoll: Promise<void>;

  constructor(private readonly o: PollerOptions) {
    this.firstPoll = new Promise<void>((resolve) => (this.resolveFirst = resolve));
  }

  /** Starts the loop for `bot` (once). */
  run(bot: Bot): void {
    if (this.loop || this.stopped) return;
    this.loop = this.runLoop(bot);
  }

  /**
   * Stops polling and waits for the loop to end, at most {@link STOP_WAIT_MS} (a getMe in flight
   * on a silent network can take its full HTTP timeout).
   */
  async stop(bot: Bot): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    if (bot.isRunning()) await bot.stop().catch(() => undefined);
    if (this.loop)
      await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  }

  /** For the bot's getUpdates watcher: called after every getUpdates, null when it succeeded. */
  onPoll(error: unknown): void {
    if (this.stopped) return;
    if (error === null) {
      const wasDown = this.o.polling() !== 'running';
      this.o.update({ polling: 'running', error: null });
      this.resolveFirst();
      if (wasDown) this.o.reconnected();
      return;
    }
    const code =
      error && typeof error === 'object' && 'error_code' in error
        ? (error as { error_code: number }).error_code
        : telegramErrorCode(error);
    if (code === 409) {
      this.o.update({ polling: 'conflict', error: POLL_MESSAGES.conflict });
      this.resolveFirst();
    } else if (isNetworkError(error)) {
      this.o.update({ polling: 'offline', error: POLL_MESSAGES.offline });
      this.resolveFirst();
    }
  }

  /** For the bot's getUpdates watcher: the extra wait after `failures` failed polls in a row, in ms. */
  backoffMs(failures: number): number {
    return this.stopped ? 0 : pollBackoffMs(failures, this.o.maxBackoffMs);
  }

  /** deleteWebhook succeeded: Telegram is reachable. A 409 shows up within a moment, if any. */
  private started(): void {
    if (this.stopped) return;
    if (this.o.polling() !== 'conflict') this.o.update({ polling: 'running', error: null });
    setTimeout(() => this.resolveFirst(), CONFLICT_GRACE_MS).unref();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private async runLoop(bot: Bot): Promise<void> {
    let offlineFailures = 0;
    let conflictDelay = this.o.conflictRetryMs;
    let commandsSet = false;
    while (!this.stopped) {
      try {
        if (!bot.isInited()) {
          // Not `bot.init()`: it retries getMe on network errors for ever, unseen (the desk would
          // say "checking" all the while offline) and past `stop()`. One call, failures below.
          const me = await bot.api.getMe(this.abort.signal as Parameters<Bot['api']['getMe']>[0]);
          if (this.stopped) break;
          bot.botInfo = me;
          this.o.identified(me);
        }
        if (!commandsSet) {
          commandsSet = true;
          await setupBotProfile(bot.api, (message) => this.o.log('warn', message));
        }
        offlineFailures = 0;
        await bot.start({
          timeout: this.o.pollTimeoutSeconds,
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () => this.started(),
        });
        if (this.stopped) break;
      } catch (error) {
        if (this.stopped) break;
        const code = telegramErrorCode(error);
        if (code === 401) {
          this.o.update({
            token: 'invalid',
            error: bot.isInited() ? POLL_MESSAGES.revoked : POLL_MESSAGES.invalid,
            polling: 'stopped',
            botUsername: null,
          });
          this.o.log('warn', 'Telegram refused the bot token (401); polling stopped');
          this.resolveFirst();
          break;
        }
        if (code === 409) {
          this.o.update({ polling: 'conflict', error: POLL_MESSAGES.conflict });
          this.o.log('warn', `getUpdates conflict (409); retrying in ${Math.round(conflictDelay / 1000)} s`);
          this.resolveFirst();
          await this.sleep(conflictDelay);
          conflictDelay = Math.min(MAX_CONFLICT_RETRY_MS, conflictDelay * 2);
          continue;
        }
        offlineFailures += 1;
        const delay = pollBackoffMs(offlineFailures, this.o.maxBackoffMs);
        const network = isNetworkError(error) || error instanceof OfflineError;
        this.o.update({
          polling: 'offline',
          error: network ? POLL_MESSAGES.offline : this.o.describe(error),
        });
        this.o.log(
          'warn',
          `polling failed, retrying in ${delay} ms: ${this.o.describe(error instanceof OfflineError ? error.cause : error)}`,
        );
        this.resolveFirst();
        await this.sleep(delay);
      }
    }
  }
}
