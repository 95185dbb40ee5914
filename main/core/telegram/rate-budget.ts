/**
 * Telegram's sending limits as a budget: token buckets, one per chat and one for the bot.
 *
 * Telegram's FAQ (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * "avoid sending more than one message per second" in a single chat — short bursts are tolerated
 * and answered with 429 `retry_after` when overdone — and "not more than about 30 messages per
 * second" overall. So a chat may spend a short burst ({@link CHAT_BURST}) at once and then about
 * one call per second ({@link CHAT_REFILL_PER_S}) on average; the bot 30 per second overall.
 *
 * Part of the chat's burst is kept for urgent calls (a new permission prompt): ordinary calls
 * may only spend while more than {@link URGENT_RESERVE} tokens are left, so a prompt still goes
 * out at once after a run of informational messages.
 */

/** Calls a chat may make at once before the average rate applies. */
export const CHAT_BURST = 4;
/** Average calls per second a chat's budget refills with (Telegram FAQ: ~1 message/s per chat). */
export const CHAT_REFILL_PER_S = 1;
/** Tokens of a chat's budget only urgent calls may spend. */
export const URGENT_RESERVE = 1;
/** Calls the bot may make at once, and per second on average, over all chats (Telegram FAQ: ~30/s). */
export const GLOBAL_PER_S = 30;
/** Chats whose budget is remembered; the least recently used is forgotten beyond this. */
const MAX_CHATS = 64;

/** The limits a {@link RateBudget} enforces (defaults: the constants above). */
export interface RateLimits {
  /** Calls a chat may make at once. */
  chatBurst: number;
  /** Average calls per second per chat. */
  chatPerSecond: number;
  /** Tokens of a chat's burst kept for urgent calls. */
  urgentReserve: number;
  /** Calls per second (and burst) over all chats. */
  globalPerSecond: number;
}

/** Telegram's documented limits, see the module doc. */
export const TELEGRAM_LIMITS: RateLimits = {
  chatBurst: CHAT_BURST,
  chatPerSecond: CHAT_REFILL_PER_S,
  urgentReserve: URGENT_RESERVE,
  globalPerSecond: GLOBAL_PER_S,
};

interface Bucket {
  tokens: number;
  at: number;
}

/** Per-chat and global token buckets; `now` is epoch ms, supplied by the caller (tests use a fake clock). */
export class RateBudget {
  private readonly chats = new Map<number, Bucket>();
  private readonly global: Bucket;
  /** No call at all before this epoch ms (a 429's `retry_after`). */
  private blockedUntil = 0;
  private readonly limits: RateLimits;

  constructor(now: number, limits: Partial<RateLimits> = {}) {
    this.limits = { ...TELEGRAM_LIMITS, ...limits };
    this.global = { tokens: this.limits.globalPerSecond, at: now };
  }

  /**
   * How long, in ms, before a call to `chatId` may be made (0: now).
   * @param urgent urgent calls may spend the reserve.
   */
  waitMs(chatId: number | null, urgent: boolean, now: number): number {
    const blocked = Math.max(0, this.blockedUntil - now);
    const { globalPerSecond, chatPerSecond, urgentReserve } = this.limits;
    refill(this.global, globalPerSecond, globalPerSecond, now);
    const globalWait = this.global.tokens >= 1 ? 0 : ((1 - this.global.tokens) / globalPerSecond) * 1000;
    let chatWait = 0;
    if (chatId !== null) {
      const bucket = this.chat(chatId, now);
      const need = urgent ? 1 : 1 + urgentReserve;
      chatWait = bucket.tokens >= need ? 0 : ((need - bucket.tokens) / chatPerSecond) * 1000;
    }
    return Math.ceil(Math.max(blocked, globalWait, chatWait));
  }

  /** Spends one call to `chatId` (call when it starts). */
  spend(chatId: number | null, now: number): void {
    refill(this.global, this.limits.globalPerSecond, this.limits.globalPerSecond, now);
    this.global.tokens -= 1;
    if (chatId !== null) this.chat(chatId, now).tokens -= 1;
  }

  /**
   * Telegram answered 429 with `retry_after` seconds: nothing is sent before then, and the
   * chat's burst starts again from one call (the one refused), so calls resume at the average rate.
   */
  rateLimited(chatId: number | null, retryAfterSeconds: number, now: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterSeconds * 1000);
    if (chatId === null) return;
    const bucket = this.chat(chatId, now);
    bucket.tokens = 1;
    bucket.at = this.blockedUntil;
  }

  private chat(chatId: number, now: number): Bucket {
    let bucket = this.chats.get(chatId);
    if (bucket) {
      this.chats.delete(chatId);
    } else {
      bucket = { tokens: this.limits.chatBurst, at: now };
      if (this.chats.size >= MAX_CHATS) this.chats.delete(this.chats.keys().next().value!);
    }
    this.chats.set(chatId, bucket);
    refill(bucket, this.limits.chatBurst, this.limits.chatPerSecond, now);
    return bucket;
  }
}

function refill(bucket: Bucket, capacity: number, perSecond: number, now: number): void {
  // A bucket refilling from a future time (after a 429) stays as it is until then.
  if (now <= bucket.at) return;
  const elapsed = now - bucket.at;
  bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed / 1000) * perSecond);
  bucket.at = now;
}
