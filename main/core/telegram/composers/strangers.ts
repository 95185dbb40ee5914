/**
 * The gate, first in the chain: only updates from the paired chat *and* user go on to the
 * commands, taps and replies. Everything else is handled here without awaiting anything, so a
 * flood from other chats never delays the owner's updates (grammY handles updates one after the
 * other; these cost microseconds each):
 * - `/start <token>` in a private chat (the pairing deep link) binds exactly that chat and user
 *   when the token is the open one; a wrong, used or expired token gets {@link PAIRING_REFUSAL}.
 * - a plain `/start`, or anything else, from a private chat before pairing gets {@link HOW_TO_PAIR};
 *   after pairing, other chats get {@link NOT_PAIRED}; a tap gets a short callback answer.
 * Every such answer is rate-limited (`refusals.ts`) and sent without waiting for it. Updates
 * without a chat (inline queries, polls…) are ignored. Nothing from here reaches a session.
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { describeError } from '../errors.js';
import { RefusalLimiter } from '../refusals.js';

/** Refusal sent for a bad pairing token (the reason is not told, so it reveals nothing). */
export const PAIRING_REFUSAL =
  'This pairing link is not valid: it expired, was already used, or was replaced. Open “Pair phone” in Agent Pager for a new one.';
/** Answer to a chat before any pairing (e.g. opened from BotFather's link and pressed Start). */
export const HOW_TO_PAIR =
  'This bot pages you about the coding sessions on your computer. To pair this chat: open Agent Pager on the computer → Phone → Pair phone, then scan the QR code with your phone (or open its link) and press Start.';
/** Answer to other chats once a chat is paired. */
export const NOT_PAIRED = 'This bot only talks to the chat paired with its computer.';
/** Callback answer to a tap from a chat that is not the paired one. */
export const TAP_NOT_PAIRED = 'This chat is not paired with this computer.';

const START = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+(\S+))?\s*$/;

/** Middleware letting only the paired chat and user through; see the module doc. */
export function strangersGate(deps: BotDeps, limiter = new RefusalLimiter()): MiddlewareFn<Context> {
  const send = (ctx: Context, chatId: number, text: string): void => {
    ctx.api
      .sendMessage(chatId, text)
      .catch((error) => deps.log('info', `answer to chat ${chatId} not sent: ${describeError(error, null)}`));
  };
  return async (ctx, next) => {
    const paired = deps.paired();
    const chat = ctx.chat;
    if (paired && chat?.id === paired.chatId && ctx.from?.id === paired.userId) {
      deps.ownerSeen();
      await next();
      return;
    }
    if (!chat || !ctx.from) return;
    const query = ctx.callbackQuery;
    if (query) {
      if (limiter.allow(chat.id)) {
        ctx.api
          .answerCallbackQuery(query.id, { text: TAP_NOT_PAIRED })
          .catch((error) =>
            deps.log('info', `tap from chat ${chat.id} not answered: ${describeError(error, null)}`),
          );
      }
      return;
    }
    const message = ctx.message;
    if (!message || chat.type !== 'private') return;
    const start = message.forward_origin ? null : START.exec(message.text ?? '');
    const token = start?.[1];
    if (token) {
      const refusal = deps.pair(
        {
          chatId: chat.id,
          userId: ctx.from.id,
          username: ctx.from.username ?? null,
          firstName: ctx.from.first_name,
        },
        token,
      );
      if (refusal === null) return;
      if (!limiter.allow(chat.id)) return;
      deps.log('info', `pairing refused (${refusal}) for chat ${chat.id}`);
      send(ctx, chat.id, PAIRING_REFUSAL);
      return;
    }
    if (limiter.allow(chat.id)) send(ctx, chat.id, paired ? NOT_PAIRED : HOW_TO_PAIR);
  };
}
