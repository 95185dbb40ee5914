/**
 * Everything that exists for one bot token while it is in use, built in dependency order: the
 * Api the relay sends with, the {@link Outbox} that schedules it within Telegram's limits, the
 * {@link Relay}, the live {@link Progress} and queue, the {@link Poller}, and last the grammY Bot whose composers use the relay. One stack per launched
 * token; `stop()` ends it for good. Both Apis put the computer's name on what goes to the paired
 * chat (`computer-name.ts`).
 */
import type { Api, Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { PairedChatType } from '../../../contract/bridge.js';
import { computerNameTransformer, nameShown } from './computer-name.js';
import type { BotDeps } from './bot-deps.js';
import { createApi, createBot } from './bot.js';
import { downloadTelegramFile } from './download.js';
import { HeldWhileOffline } from './errors.js';
import type { RelayHost } from './host.js';
import type { RelayStore } from './phone-store.js';
import { Outbox } from './outbox.js';
import { Poller, type PollerOptions } from './poller.js';
import type { RateLimits } from './rate-budget.js';
import { Relay } from './relay.js';
import { Progress } from './progress.js';

/** Options of {@link BotStack}. */
export interface BotStackOptions {
  token: string;
  apiRoot: string;
  /** Known bot identity (skips the first getMe), or null. */
  botInfo: UserFromGetMe | null;
  host: RelayHost;
  /** Overrides of Telegram's sending limits (tests); see `rate-budget.ts`. */
  rateLimits: Partial<RateLimits>;
  /** Long-poll timeout, in seconds; the HTTP timeout of polling calls is this plus 20. */
  pollTimeoutSeconds: number;
  /** HTTP timeout of a send or edit, in seconds. */
  sendTimeoutSeconds: number;
  /** Longest 429 `retry_after` waited for inside a send, in seconds (longer: the outbox waits). */
  maxRetryDelaySeconds: number;
  /** Told of every failed send or edit (after it is logged): 403 blocked, 401 revoked… */
  onSendError(error: unknown): void;
  /** Cap of the offline backoff of polling and of the outbox's retries, in ms. */
  maxBackoffMs: number;
  /** First retry delay after a 409, in ms. */
  conflictRetryMs: number;
  /** The paired chat, or null. */
  chatId(): number | null;
  /** The paired chat's kind (whether the computer's name is shown), or null. */
  chatType(): PairedChatType | null;
  /** True when live status messages should go out now (paired, progress on, not paused). */
  progressActive(): boolean;
  /** Where the relay remembers its prompt messages across app restarts (phone-store.ts). */
  relayStore?: RelayStore;
  /** What the poller reports to (polling state, identity). */
  poller: Pick<PollerOptions, 'polling' | 'update' | 'identified'>;
  /** The chat-triggered actions of the composers. */
  actions: Pick<BotDeps, 'paired' | 'pair' | 'unpair' | 'setPaused' | 'resume' | 'ownerSeen' | 'migrated'>;
  /** Logs a line (the caller redacts the token). */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Describes an error without the token. */
  describe(error: unknown): string;
}

/** The Api, outbox, relay, poller and bot of one token. */
export class BotStack {
  readonly api: Api;
  readonly outbox: Outbox;
  readonly relay: Relay;
  readonly progress: Progress;
  readonly poller: Poller;
  readonly bot: Bot;

  constructor(o: BotStackOptions) {
    const { log, describe } = o;
    this.api = createApi(o.token, o.apiRoot, o.sendTimeoutSeconds, o.maxRetryDelaySeconds);
    // While polling knows Telegram is unreachable, sends wait in the outbox (see HeldWhileOffline).
    this.api.config.use((prev, method, payload, signal) => {
      if (o.poller.polling() === 'offline') throw new HeldWhileOffline(method);
      return prev(method, payload, signal);
    });
    // Every text and caption to the paired chat carries the computer's name when it is shown.
    const names = computerNameTransformer({
      chatId: o.chatId,
      shownName: () => {
        const type = o.chatType();
        return type && nameShown(o.host.computerNameMode?.() ?? 'auto', type) ? o.host.computerName : null;
      },
    });
    this.api.config.use(names);
    this.outbox = new Outbox({
      limits: o.rateLimits,
      maxBackoffMs: o.maxBackoffMs,
      onError: (error, retry) => {
        log('warn', `send failed${retry ? ', will retry' : ''}: ${describe(error)}`);
        o.onSendError(error);
      },
    });
    this.relay = new Relay({
      host: o.host,
      api: this.api,
      outbox: this.outbox,
      chatId: o.chatId,
      log,
      describe,
      store: o.relayStore,
    });
    this.progress = new Progress({
      host: o.host,
      api: this.api,
      outbox: this.outbox,
      relay: this.relay,
      chatId: o.chatId,
      active: o.progressActive,
      log,
      describe,
    });
    const outbox = this.outbox;
    this.poller = new Poller({
      ...o.poller,
      pollTimeoutSeconds: o.pollTimeoutSeconds,
      maxBackoffMs: o.maxBackoffMs,
      conflictRetryMs: o.conflictRetryMs,
      reconnected: () => outbox.kick(),
      log,
      describe,
    });
    const poller = this.poller;
    this.bot = createBot({
      token: o.token,
      apiRoot: o.apiRoot,
      ...(o.botInfo ? { botInfo: o.botInfo } : {}),
      deps: {
        ...o.actions,
        relay: this.relay,
        progress: this.progress,
        host: o.host,
        log,
        download: (filePath, maxBytes) => downloadTelegramFile(o.apiRoot, o.token, filePath, maxBytes),
      },
      pollTimeoutSeconds: o.pollTimeoutSeconds,
      onPoll: (error) => poller.onPoll(error),
      pollBackoffMs: (failures) => poller.backoffMs(failures),
    });
    this.bot.api.config.use(names);
  }

  /** Starts polling (once). */
  start(): void {
    this.poller.run(this.bot);
  }

  /** Forgets every prompt, message, target, status message and queued text (unpaired, re-paired). */
  reset(): void {
    this.relay.reset();
    this.progress.reset();
  }

  /** Drops what waits in the outbox, stops polling and waits for the loop to end (bounded). */
  async stop(): Promise<void> {
    this.progress.reset();
    this.outbox.stop();
    await this.poller.stop(this.bot);
  }

  /** Sends a plain message to a chat that is not (or no longer) the paired one, through the outbox. */
  sendTo(chatId: number, text: string): void {
    const api = this.api;
    this.outbox.enqueue({
      chatId,
      run: async () => {
        await api.sendMessage(chatId, text);
      },
    });
  }
}
