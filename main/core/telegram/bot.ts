/**
 * Builds the grammY bot: API transformers (bounded `@grammyjs/auto-retry` for 429 `retry_after`
 * and, except for sends, 5xx; and a watcher that reports the connection state), the composers in
 * order — the gate (pairing, and rate-limited answers to every other chat), in a group only what
 * is addressed to this bot (`group-scope.ts`), commands, progress
 * and queue, new/close sessions, button taps, files (photos, documents; voice answered), replies,
 * and the answer for update kinds nobody handles — and the `bot.catch` error boundary, so a
 * failing handler is logged (token redacted)
 * and never stops polling.
 */
import { Api, Bot, HttpError, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BotDeps } from './bot-deps.js';
import { strangersGate } from './composers/strangers.js';
import { groupScope } from './composers/group-scope.js';
import { commandsComposer } from './composers/commands.js';
import { filesComposer } from './composers/files.js';
import { promptsComposer } from './composers/prompts.js';
import { repliesComposer } from './composers/replies.js';
import { progressComposer } from './composers/progress.js';
import { queueComposer } from './composers/queue.js';
import { sessionsComposer } from './composers/sessions.js';

/** Retries of a call answered 429 or 5xx, after the first attempt. */
export const MAX_RETRY_ATTEMPTS = 3;
/** Longest `retry_after` honoured by waiting, in seconds; longer ones fail the call at once. */
export const MAX_RETRY_DELAY_SECONDS = 30;

/** Thrown (instead of grammY's retried-forever HttpError) when setup calls hit a network error. */
export class OfflineError extends Error {
  override name = 'OfflineError';
  constructor(override readonly cause: unknown) {
    super('Telegram is unreachable');
  }
}

/**
 * Methods that create a message: a 5xx may come after Telegram stored it, so resending could
 * duplicate it. For these, auto-retry rethrows 5xx and the outbox decides (it never resends an
 * ambiguous failure); edits and answers are idempotent and are retried.
 */
export const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['sendMessage']);

/**
 * Installs the bounded `@grammyjs/auto-retry` on an Api: 429 `retry_after` up to
 * `maxDelaySeconds` (a longer one is thrown at once, so the outbox waits it out), 5xx retried
 * except for {@link NON_IDEMPOTENT_METHODS}.
 */
function installRetry(api: Api, maxDelaySeconds = MAX_RETRY_DELAY_SECONDS): void {
  const base = { maxRetryAttempts: MAX_RETRY_ATTEMPTS, maxDelaySeconds, rethrowHttpErrors: true };
  const retryIdempotent = autoRetry(base);
  const retrySend = autoRetry({ ...base, rethrowInternalServerErrors: true });
  api.config.use((prev, method, payload, signal) =>
    (NON_IDEMPOTENT_METHODS.has(method) ? retrySend : retryIdempotent)(prev, method, payload, signal),
  );
}

/**
 * Creates the Api the relay and the outbox send with, before the bot exists (the bot's own Api
 * polls). Same retry policy as the bot's.
 * @param timeoutSeconds HTTP timeout of one call, in seconds.
 * @param maxRetryDelaySeconds longest 429 `retry_after` waited for inside the call, in seconds.
 */
export function createApi(
  token: string,
  apiRoot: string,
  timeoutSeconds: number,
  maxRetryDelaySeconds = MAX_RETRY_DELAY_SECONDS,
): Api {
  const api = new Api(token, { apiRoot, timeoutSeconds });
  installRetry(api, maxRetryDelaySeconds);
  return api;
}

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  token: string;
  apiRoot: string;
  /** Known bot identity (skips the `getMe` of `bot.init`). */
  botInfo?: UserFromGetMe;
  deps: BotDeps;
  /** Long-poll timeout, in seconds; the HTTP timeout is this plus 20. */
  pollTimeoutSeconds: number;
  /** Called after every getUpdates: null when it succeeded, else the error. */
  onPoll(error: unknown): void;
  /** Extra wait after a failed getUpdates, in ms (grammY itself waits 3 s more); 0 while stopping. */
  pollBackoffMs(failures: number): number;
}

/** Creates a bot with every composer installed (not started). */
export function createBot(options: CreateBotOptions): Bot {
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { apiRoot: options.apiRoot, timeoutSeconds: options.pollTimeoutSeconds + 20 },
  });
  installRetry(bot.api);
  let failures = 0;
  const watcher: Transformer = async (prev, method, payload, signal) => {
    try {
      // After a failed poll, the next one is short (`timeout: 0`): it returns at once when the
      // network is back, so the desk shows "running" and what waited goes out then, not after a
      // long poll with no updates has run its full timeout.
      const sent = method === 'getUpdates' && failures > 0 ? { ...payload, timeout: 0 } : payload;
      const result = await prev(method, sent, signal);
      if (method === 'getUpdates') {
        failures = 0;
        options.onPoll(result.ok ? null : result);
      }
      return result;
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) {
        failures += 1;
        options.onPoll(error);
        const wait = options.pollBackoffMs(failures);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (method === 'deleteWebhook' && error instanceof HttpError) throw new OfflineError(error);
      throw error;
    }
  };
  bot.api.config.use(watcher);

  const { deps } = options;
  bot.use(strangersGate(deps));
  bot.use(groupScope);
  bot.use(commandsComposer(deps));
  bot.use(progressComposer(deps));
  bot.use(queueComposer(deps));
  bot.use(sessionsComposer(deps));
  bot.use(promptsComposer(deps));
  bot.use(filesComposer(deps));
  bot.use(repliesComposer(deps));
  bot.catch((err) => {
    deps.log(
      'error',
      `handler failed for update ${err.ctx.update.update_id}: ${err.error instanceof Error ? err.error.message : String(err.error)}`,
    );
  });
  return bot;
}
