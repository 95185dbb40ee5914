/**
 * PhoneService: everything about the phone — bot token, pairing, paused flag, prompts to the
 * chat — behind one small API for the core. Per token it runs a {@link BotStack} (Api, outbox,
 * relay, poller, bot); the pairing offer is `pairing/offer.ts`.
 *
 * ```ts
 * const phone = new PhoneService({ host, secrets, store, apiRoot });  // host: RelayHost
 * phone.onState((s) => broadcast('phone.state', s));   // PhoneState, never holds the token
 * await phone.start();               // uses the stored token (AGENT_PAGER_BOT_TOKEN presets it)
 * await phone.setToken(token);       // 'phone.setToken'   → checks it with getMe, then polls
 * phone.clearToken();                // 'phone.clearToken'
 * await phone.beginPairing();        // 'pairing.begin'    → state().pairing = { deepLink, qrSvg, expiresAt }
 * phone.cancelPairing();             // 'pairing.cancel'
 * phone.unpair();                    // 'pairing.unpair'
 * phone.setPaused(true);             // 'phone.setPaused'
 * phone.promptOpened(prompt, session);           // a PromptSink: Attention calls these directly
 * phone.promptClosed(prompt, 'answered-here');   // → message edited, or never sent
 * await phone.stop();                // dispose
 * ```
 * Every method returning `PhoneState` returns the state after the change. The setters throw
 * `Error` with a user-readable message only where noted (beginPairing without a valid token).
 *
 * Polling and its states (`PhoneState.polling`) are `poller.ts`'s; `stopped` also means no
 * (valid) token. The bot token is never logged: every log line goes through `redact`.
 */
import { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { PhoneState, PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { SecretStore } from '../app-types.js';
import { Emitter } from '../base/event.js';
import { PairingOffer } from '../pairing/offer.js';
import type { TokenRefusal } from '../pairing/tokens.js';
import type { PromptCloseReason, PromptSink } from '../prompts/types.js';
import type { PairingCandidate } from './bot-deps.js';
import { MAX_RETRY_DELAY_SECONDS } from './bot.js';
import { BotStack } from './bot-stack.js';
import { MissedPrompts, resumeMissed } from './missed-prompts.js';
import type { TurnEvent } from '../turns.js';
import { classifySendFault, migratedChat, type SendFault } from './send-faults.js';
import type { RelayHost } from './host.js';
import { describeError, isNetworkError, redact, telegramErrorCode } from './errors.js';
import { pairedGreeting } from './group-chat.js';
import type { RateLimits } from './rate-budget.js';
import {
  loadPhoneRecord,
  publicPaired,
  type PairedChat,
  type PhoneRecord,
  type PhoneStore,
  type RelayStore,
} from './phone-store.js';
import {
  CONFLICT_RETRY_MS,
  DEFAULT_POLL_TIMEOUT_SECONDS,
  MAX_POLL_BACKOFF_MS,
  POLL_MESSAGES,
} from './poller.js';

/** Telegram's public Bot API root. */
export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';
/** Env var overriding the API root (tests, a local Bot API server). */
export const API_ROOT_ENV = 'AGENT_PAGER_TELEGRAM_API_ROOT';
/** Env var presetting the bot token (stored in the SecretStore at start). */
export const BOT_TOKEN_ENV = 'AGENT_PAGER_BOT_TOKEN';
/** How long `setToken` waits for the first getUpdates (to report a 409 at once), in ms. */
export const FIRST_POLL_WAIT_MS = 3000;
/** Timeout of the `getMe` check in `setToken`, in seconds. */
export const TOKEN_CHECK_TIMEOUT_SECONDS = 15;

/** Bot tokens look like `123456789:AA…` (digits, colon, 30+ of `A-Za-z0-9_-`). */
const TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{30,100}$/;

const MESSAGES = {
  ...POLL_MESSAGES,
  malformed: 'This does not look like a bot token. It looks like 123456789:AAE… (from @BotFather).',
};

/** A log sink; `message` never contains the token (redacted before it gets here). */
export type PhoneLogger = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Options of {@link PhoneService}. */
export interface PhoneServiceOptions {
  host: RelayHost;
  secrets: SecretStore;
  store: PhoneStore;
  /** Where the relay remembers its prompt messages across restarts; none: memory only. */
  relayStore?: RelayStore;
  /** API root; defaults to `$AGENT_PAGER_TELEGRAM_API_ROOT`, else {@link DEFAULT_TELEGRAM_API_ROOT}. */
  apiRoot?: string;
  /** Environment to read the two env vars from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Log sink; defaults to `console` with a "[phone]" prefix. */
  log?: PhoneLogger;
  /** Clock for pairing tokens, epoch ms. */
  now?: () => number;
  /** Overrides of Telegram's sending limits (tests); see `rate-budget.ts`. */
  rateLimits?: Partial<RateLimits>;
  /** Long-poll timeout, in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** Cap of the offline retry backoff, in ms (default 30 s). */
  maxBackoffMs?: number;
  /** First retry delay after a 409 conflict, in ms (default 15 s). */
  conflictRetryMs?: number;
  /** Longest 429 `retry_after` waited for inside a send, in s (default 30); longer ones wait in the outbox. */
  maxRetryDelaySeconds?: number;
  /** HTTP timeout of a send or edit, in s (default: the long-poll timeout plus 20). */
  sendTimeoutSeconds?: number;
}

const defaultLog: PhoneLogger = (level, message) => console[level](`[phone] ${message}`);

/** Everything phone-side; see the module doc for the API. */
export class PhoneService implements PromptSink {
  private readonly host: RelayHost;
  private readonly secrets: SecretStore;
  private readonly store: PhoneStore;
  private readonly relayStore: RelayStore | undefined;
  private readonly apiRoot: string;
  private readonly env: Record<string, string | undefined>;
  private readonly sink: PhoneLogger;
  private readonly offer: PairingOffer;
  private readonly rateLimits: Partial<RateLimits>;
  private readonly pollTimeoutSeconds: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryDelaySeconds: number;
  private readonly sendTimeoutSeconds: number;
  private readonly conflictRetryMs: number;
  private readonly stateChanged = new Emitter<PhoneState>({
    onListenerError: (error) => this.log('warn', `state listener failed: ${describeError(error, null)}`),
  });
  private record: PhoneRecord;
  private current: PhoneState;
  /** The Api, outbox, relay, poller and bot of the token in use; null without one. */
  private stack: BotStack | null = null;
  /** Prompts raised while paused, offered on `/resume`. */
  private readonly missed = new MissedPrompts();
  private botInfo: UserFromGetMe | null = null;

  constructor(options: PhoneServiceOptions) {
    this.host = options.host;
    this.secrets = options.secrets;
    this.store = options.store;
    this.relayStore = options.relayStore;
    this.env = options.env ?? process.env;
    this.apiRoot = (options.apiRoot ?? this.env[API_ROOT_ENV] ?? DEFAULT_TELEGRAM_API_ROOT).replace(
      /\/+$/,
      '',
    );
    this.sink = options.log ?? defaultLog;
    this.offer = new PairingOffer({
      now: options.now,
      onExpired: (expiresAt) => {
        if (this.current.pairing?.expiresAt === expiresAt) this.update({ pairing: null });
      },
    });
    this.rateLimits = options.rateLimits ?? {};
    this.pollTimeoutSeconds = options.pollTimeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS;
    this.maxBackoffMs = options.maxBackoffMs ?? MAX_POLL_BACKOFF_MS;
    this.maxRetryDelaySeconds = options.maxRetryDelaySeconds ?? MAX_RETRY_DELAY_SECONDS;
    this.sendTimeoutSeconds = options.sendTimeoutSeconds ?? this.pollTimeoutSeconds + 20;
    this.conflictRetryMs = options.conflictRetryMs ?? CONFLICT_RETRY_MS;
    this.record = loadPhoneRecord(this.store);
    const hasToken = this.secrets.get() !== null;
    this.current = {
      token: hasToken ? 'checking' : 'none',
      tokenStorage: hasToken ? this.secrets.kind : 'none',
      botUsername: null,
      error: null,
      polling: 'stopped',
      paired: publicPaired(this.record.paired),
      pairing: null,
      paused: this.record.paused,
      blocked: this.record.blocked,
    };
  }

  // ——— state ———

  /** The current public state (a copy). */
  state(): PhoneState {
    return structuredClone(this.current);
  }

  /** Fires with the new state (a copy) after every change. */
  readonly onState = this.stateChanged.event;

  private update(patch: Partial<PhoneState>): void {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.stateChanged.fire(this.state());
  }

  private save(patch: Partial<PhoneRecord>): void {
    this.record = { ...this.record, ...patch };
    this.store.set(this.record);
    this.update({
      paired: publicPaired(this.record.paired),
      paused: this.record.paused,
      blocked: this.record.blocked,
    });
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.sink(level, redact(message, this.secrets.get()));
  }

  private describe(error: unknown): string {
    return describeError(error, this.secrets.get());
  }

  // ——— lifecycle ———

  /**
   * Starts polling with the stored token (after storing `$AGENT_PAGER_BOT_TOKEN` when set and
   * different). Resolves once polling was started, not when it ends; safe to call twice.
   */
  async start(): Promise<PhoneState> {
    const preset = this.env[BOT_TOKEN_ENV]?.trim();
    if (preset && preset !== this.secrets.get()) this.secrets.set(preset);
    const token = this.secrets.get();
    if (token && !this.stack) this.launch(token, null);
    return this.state();
  }

  /** Stops polling and the outbox and waits for the polling loop to end. */
  async stop(): Promise<void> {
    this.cancelPairing();
    await this.shutdownBot();
  }

  private async shutdownBot(): Promise<void> {
    const stack = this.stack;
    this.stack = null;
    await stack?.stop();
    this.update({ polling: 'stopped' });
  }

  /** Builds the bot stack for `token` (Api, outbox, relay, poller, then the bot) and starts polling. */
  private launch(token: string, info: UserFromGetMe | null): void {
    this.botInfo = info;
    this.stack = new BotStack({
      token,
      apiRoot: this.apiRoot,
      botInfo: info,
      host: this.host,
      rateLimits: this.rateLimits,
      relayStore: this.relayStore,
      pollTimeoutSeconds: this.pollTimeoutSeconds,
      sendTimeoutSeconds: this.sendTimeoutSeconds,
      maxRetryDelaySeconds: this.maxRetryDelaySeconds,
      maxBackoffMs: this.maxBackoffMs,
      conflictRetryMs: this.conflictRetryMs,
      chatId: () => this.record.paired?.chatId ?? null,
      chatType: () => this.record.paired?.chatType ?? null,
      progressActive: () =>
        Boolean(this.record.paired) &&
        !this.record.paused &&
        !this.record.blocked &&
        this.host.progressEnabled() &&
        this.host.notifyNow(),
      onSendError: (error) => {
        const moved = migratedChat(error);
        if (moved) this.migrated(moved.from, moved.to);
        else this.sendFault(classifySendFault(error, this.record.paired?.chatId ?? null));
      },
      poller: {
        polling: () => this.current.polling,
        update: (patch) => this.update(patch),
        identified: (botInfo) => this.botIdentified(botInfo),
      },
      actions: {
        paired: () => this.record.paired,
        pair: (candidate, t) => this.pair(candidate, t),
        unpair: () => this.unpair(),
        setPaused: (paused) => this.setPaused(paused),
        resume: () => this.resume(),
        ownerSeen: () => this.ownerSeen(),
        migrated: (from, to) => this.migrated(from, to),
      },
      log: (level, message) => this.log(level, message),
      describe: (error) => this.describe(error),
    });
    this.update({
      tokenStorage: this.secrets.kind,
      token: info ? 'valid' : 'checking',
      botUsername: info?.username ?? null,
    });
    this.stack.start();
  }

  /**
   * A send failed in a way that changes what we do: the paired chat blocked the bot (stop sending
   * until its user writes again), or the token was revoked (stop polling, ask for a new token).
   */
  private sendFault(fault: SendFault): void {
    if (fault === 'blocked' && !this.record.blocked) {
      this.log('warn', 'the paired chat blocked the bot (403); nothing is sent until it writes again');
      this.stack?.outbox.clear();
      this.save({ blocked: true });
    } else if (fault === 'revoked' && this.current.token !== 'invalid') {
      this.log('warn', 'Telegram refused the bot token (401); polling stopped');
      void this.stack?.stop();
      this.update({ token: 'invalid', error: POLL_MESSAGES.revoked, polling: 'stopped', botUsername: null });
    }
  }

  /** An update from the paired chat arrived: if it had blocked the bot, it no longer does. */
  private ownerSeen(): void {
    if (!this.record.blocked) return;
    this.log('info', 'the paired chat wrote again; sending resumes');
    this.save({ blocked: false });
  }

  private botIdentified(info: UserFromGetMe): void {
    this.botInfo = info;
    this.update({ token: 'valid', botUsername: info.username, error: null });
    const paired = this.record.paired;
    if (paired && paired.botId !== info.id) {
      this.log('info', 'bot changed: the old pairing is dropped');
      this.save({ paired: null });
      this.stack?.reset();
    }
  }

  // ——— token ———

  /**
   * Checks a bot token with `getMe` and, when Telegram accepts it, stores it and polls with it.
   * - 401: state `token: 'invalid'` with a clear error; nothing stored, the previous bot keeps running.
   * - no network: the token is stored and checked again when the connection is back (`offline`).
   * - a 409 on the first getUpdates shows as `polling: 'conflict'` (waited for up to
   *   {@link FIRST_POLL_WAIT_MS}).
   */
  async setToken(raw: string): Promise<PhoneState> {
    const token = raw.trim();
    if (!TOKEN_PATTERN.test(token)) {
      this.update({ token: 'invalid', error: MESSAGES.malformed });
      return this.state();
    }
    this.update({ token: 'checking', error: null });
    let info: UserFromGetMe | null = null;
    try {
      info = await new Api(token, {
        apiRoot: this.apiRoot,
        timeoutSeconds: TOKEN_CHECK_TIMEOUT_SECONDS,
      }).getMe();
    } catch (error) {
      if (telegramErrorCode(error) === 401) {
        this.update({ token: 'invalid', error: MESSAGES.invalid });
        return this.state();
      }
      if (!isNetworkError(error)) {
        this.update({ token: 'invalid', error: describeError(error, token) });
        return this.state();
      }
      this.log('warn', `token check failed, will retry: ${describeError(error, token)}`);
    }
    await this.shutdownBot();
    this.secrets.set(token);
    this.launch(token, info);
    if (info) this.botIdentified(info);
    else this.update({ polling: 'offline', error: MESSAGES.offline });
    const first = this.stack?.poller.firstPoll;
    if (first)
      await Promise.race([first, new Promise((resolve) => setTimeout(resolve, FIRST_POLL_WAIT_MS).unref())]);
    return this.state();
  }

  /** Forgets the token: stops polling, removes it from the SecretStore, drops any pairing offer. */
  async clearToken(): Promise<PhoneState> {
    this.cancelPairing();
    await this.shutdownBot();
    this.secrets.set(null);
    this.botInfo = null;
    this.update({ token: 'none', tokenStorage: 'none', botUsername: null, error: null, polling: 'stopped' });
    return this.state();
  }

  // ——— pairing ———

  /**
   * Opens a pairing offer: a fresh one-time token (voiding any earlier one), its deep link and
   * QR code; it disappears from the state when it expires (10 minutes) or is used.
   * @throws Error "Set a valid bot token first." when the bot is not identified yet.
   */
  async beginPairing(): Promise<PhoneState> {
    const username = this.botInfo?.username;
    if (!username || !this.stack) throw new Error('Set a valid bot token first.');
    this.update({ pairing: await this.offer.open(username) });
    return this.state();
  }

  /** Closes the pairing offer; its token no longer pairs. */
  cancelPairing(): PhoneState {
    this.offer.close();
    this.update({ pairing: null });
    return this.state();
  }

  private pair(candidate: PairingCandidate, token: string): TokenRefusal | null {
    const refusal = this.offer.consume(token);
    if (refusal) return refusal;
    const old = this.record.paired;
    const botId = this.botInfo?.id ?? 0;
    const paired: PairedChat = { ...candidate, botId };
    this.stack?.outbox.clear();
    this.stack?.reset();
    this.missed.take();
    if (old && old.chatId !== candidate.chatId)
      this.stack?.sendTo(
        old.chatId,
        `${this.host.computerName} was paired with another chat. Its prompts no longer come here.`,
      );
    this.save({ paired, blocked: false });
    this.update({ pairing: null });
    this.log('info', `paired with chat ${candidate.chatId}`);
    this.stack?.relay.say(pairedGreeting(this.host.computerName, paired));
    return null;
  }

  /** Unpairs the chat (it is told so when reachable) and forgets its prompts. */
  unpair(): PhoneState {
    const old = this.record.paired;
    if (!old) return this.state();
    this.stack?.outbox.clear();
    this.stack?.reset();
    this.missed.take();
    this.stack?.sendTo(old.chatId, `This chat is no longer paired with ${this.host.computerName}.`);
    this.save({ paired: null, blocked: false });
    this.log('info', `unpaired chat ${old.chatId}`);
    return this.state();
  }

  /** Pauses or resumes notifications (persisted). Taps and replies keep working while paused. */
  setPaused(paused: boolean): PhoneState {
    if (this.record.paused !== paused) this.save({ paused });
    return this.state();
  }

  // ——— prompts ———

  /**
   * A prompt opened in a session: sent once to the paired chat unless paused (then remembered for
   * `/resume`) or unpaired. A "waiting"/"finished" prompt that the turn's live status message
   * already shows is not sent again. While Telegram is unreachable it waits in the outbox and is
   * delivered once when back — unless it closes first. Calls `host.promptRelayed` once delivered.
   */
  promptOpened(prompt: PromptInfo, session: SessionInfo): void {
    if (!this.record.paired || this.record.blocked || !this.stack) return;
    if (this.record.paused) {
      this.missed.add(prompt, session);
      return;
    }
    if (this.stack.progress.absorbPrompt(prompt)) {
      this.host.promptRelayed?.(prompt.sessionId, prompt.id);
      return;
    }
    this.stack.relay.promptOpened(prompt, session, () =>
      this.host.promptRelayed?.(prompt.sessionId, prompt.id),
    );
  }

  /**
   * The message already sent keeps its text and buttons (the desk shows the richer prompt); a
   * permission whose full body turned out too long for it gets a picture of the body. A turn's
   * status message that stands for a "finished" prompt takes its late text (the last assistant
   * message arriving after the screen showed the prompt).
   */
  promptUpdated(prompt: PromptInfo, session: SessionInfo): void {
    this.stack?.progress.promptUpdated(prompt);
    if (!this.record.paired || this.record.paused) return;
    this.stack?.relay.promptUpdated(prompt, session);
  }

  /**
   * A prompt closed (answered at the desk, session exited, or replaced). Its message is edited
   * ("answered at the desk") and loses its buttons; if it was not sent yet, it never will be.
   * An answer from the phone already edited its own message ("… — answered from phone").
   */
  promptClosed(prompt: PromptInfo, reason: PromptCloseReason): void {
    if (reason === 'answered-from-phone') return;
    this.stack?.relay.promptClosed(prompt.id, reason);
  }

  /**
   * A turn event of a session (`main/core/turns.ts`): drives its live status message and the
   * chat's queue for it.
   */
  turnEvent(event: TurnEvent): void {
    this.stack?.progress.turnEvent(event);
  }

  /**
   * `/resume` from the chat: notifications back on; the chat gets a summary of the prompts raised
   * while paused, then each one still open as its own message with its buttons.
   */
  private resume(): void {
    this.setPaused(false);
    const missed = this.missed.take();
    if (this.stack) resumeMissed(this.stack.relay, this.host, missed);
  }

  /** The paired group became a supergroup with a new id (Telegram's `migrate_to_chat_id`). */
  private migrated(from: number, to: number): void {
    const paired = this.record.paired;
    if (!paired || paired.chatId !== from || !Number.isSafeInteger(to)) return;
    this.log('info', `the paired group ${from} became supergroup ${to}`);
    this.stack?.reset();
    this.save({ paired: { ...paired, chatId: to, chatType: 'supergroup' } });
  }

  /** A session's token use changed: its finished-turn message on the phone is updated. */
  usageChanged(sessionId: string): void {
    if (!this.record.paired) return;
    this.stack?.relay.usageChanged(sessionId);
    this.stack?.progress.usageChanged(sessionId);
  }

  /** Resolves once every queued message was sent or given up (tests, orderly shutdown). */
  async flush(): Promise<void> {
    await this.stack?.outbox.idle();
  }
}
