/**
 * Rate limits for what the bot says to chats it does not serve (strangers, chats before pairing):
 * at most one answer per chat per {@link REFUSAL_WINDOW_MS}, and at most
 * {@link GLOBAL_REFUSALS_PER_WINDOW} answers in all per window. A flood from strangers therefore
 * costs a bounded number of Bot API calls, and the memory kept is bounded by
 * {@link MAX_TRACKED_CHATS}. Checking is synchronous and O(1) amortised: the update path never waits
 * on it.
 */

/** The window of both limits, in ms. */
export const REFUSAL_WINDOW_MS = 60_000;
/** Answers to all other chats together per window. */
export const GLOBAL_REFUSALS_PER_WINDOW = 20;
/** Chats remembered at most; beyond it, new chats get no answer until the window moves on. */
export const MAX_TRACKED_CHATS = 10_000;

/** Decides whether a chat may be answered now; see the module doc. */
export class RefusalLimiter {
  private readonly lastByChat = new Map<number, number>();
  private recent: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * True when `chatId` may be answered now (and counts the answer); false when it was answered
   * within the window, or the global cap is reached.
   */
  allow(chatId: number): boolean {
    const now = this.now();
    const since = now - REFUSAL_WINDOW_MS;
    const last = this.lastByChat.get(chatId);
    if (last !== undefined && last > since) return false;
    this.recent = this.recent.filter((t) => t > since);
    if (this.recent.length >= GLOBAL_REFUSALS_PER_WINDOW) return false;
    if (last === undefined && this.lastByChat.size >= MAX_TRACKED_CHATS) {
      for (const [id, at] of this.lastByChat) if (at <= since) this.lastByChat.delete(id);
      if (this.lastByChat.size >= MAX_TRACKED_CHATS) return false;
    }
    this.lastByChat.delete(chatId);
    this.lastByChat.set(chatId, now);
    this.recent.push(now);
    return true;
  }
}
