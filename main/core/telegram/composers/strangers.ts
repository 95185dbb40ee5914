/**
 * The gate, first in the chain: only updates from the paired chat *and* user go on to the
 * commands, taps and replies. Everything else is handled here without awaiting anything, so a
 * flood from other chats never delays the owner's updates (grammY handles updates one after the
 * other; these cost microseconds each):
 * - `/start <token>` (the pairing deep link) binds exactly that chat and user when the token is the
 *   open one: a private chat, or a group the bot was added to with the `startgroup` link (there
 *   Telegram sends `/start@bot <token>`; a /start naming another bot is not ours). A wrong, used or
 *   expired token gets {@link PAIRING_REFUSAL}.
 * - In the paired group, anyone but the user who paired it is refused: a tap gets
 *   {@link notOwnerText} as its callback answer, a message addressed to this bot (`group-chat.ts`)
 *   at most one rate-limited reply; nothing of theirs reaches a session.
 * - a plain `/start`, or anything else, from a private chat before pairing gets {@link HOW_TO_PAIR};
 *   after pairing, other chats get {@link NOT_PAIRED}; a tap gets a short callback answer. In
 *   other groups only what is addressed to this bot is answered (the rest is their conversation).
 * - Messages from bots are never answered (two bots answering each other would loop).
 * Every such answer is rate-limited (`refusals.ts`) and sent without waiting for it. Updates
 * without a chat (inline queries, polls…) are ignored. Nothing from here reaches a session.
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { describeError } from '../errors.js';
import { addressedToMe, isGroup, startToken } from '../group-chat.js';
import type { PairedChat } from '../phone-store.js';
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

/** Answer (and tap answer) to a member of the paired group who is not the user who paired it. */
export function notOwnerText(owner: Pick<PairedChat, 'username' | 'firstName'>): string {
  const who = owner.username ? `@${owner.username}` : owner.firstName;
  return `Only ${who}, who paired this computer with the group, can use it here.`.slice(0, 200);
}

/** Middleware letting only the paired chat and user through; see the module doc. */
export function strangersGate(
  deps: BotDeps,
  limiter = new RefusalLimiter(),
  tapLimiter = new RefusalLimiter(),
): MiddlewareFn<Context> {
  const send = (ctx: Context, chatId: number, text: string, replyTo?: number): void => {
    const reply = replyTo
      ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
      : {};
    ctx.api
      .sendMessage(chatId, text, reply)
      .catch((error) => deps.log('info', `answer to chat ${chatId} not sent: ${describeError(error, null)}`));
  };
  return async (ctx, next) => {
    const paired = deps.paired();
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    // Telegram's own word that the paired group became a supergroup (a new chat id): follow it.
    const moved = ctx.message?.migrate_to_chat_id;
    if (paired && chat.id === paired.chatId && moved !== undefined) return deps.migrated(chat.id, moved);
    const movedFrom = ctx.message?.migrate_from_chat_id;
    if (paired && movedFrom === paired.chatId && chat.type === 'supergroup')
      return deps.migrated(movedFrom, chat.id);
    if (from.is_bot) return;
    if (paired && chat.id === paired.chatId && from.id === paired.userId) {
      deps.ownerSeen();
      await next();
      return;
    }
    // A member of the paired group who is not its owner (a private chat has no other member).
    const inPairedChat = paired !== null && chat.id === paired.chatId && paired.chatType !== 'private';
    const query = ctx.callbackQuery;
    if (query) {
      // Per tapping user: each member who taps learns why, without a flood costing more.
      if (tapLimiter.allow(from.id)) {
        ctx.api
          .answerCallbackQuery(query.id, { text: inPairedChat ? notOwnerText(paired) : TAP_NOT_PAIRED })
          .catch((error) =>
            deps.log('info', `tap from chat ${chat.id} not answered: ${describeError(error, null)}`),
          );
      }
      return;
    }
    const message = ctx.message;
    const group = isGroup(chat);
    if (!message || (!group && chat.type !== 'private')) return;
    const token = startToken(message, ctx.me);
    if (token) {
      const refusal = deps.pair(
        {
          chatId: chat.id,
          userId: from.id,
          username: from.username ?? null,
          firstName: from.first_name,
          chatType: chat.type === 'private' ? 'private' : chat.type === 'group' ? 'group' : 'supergroup',
          title: group ? ((chat as { title?: string }).title ?? '').slice(0, 256) : null,
        },
        token,
      );
      if (refusal === null) return;
      if (!limiter.allow(chat.id)) return;
      deps.log('info', `pairing refused (${refusal}) for chat ${chat.id}`);
      send(ctx, chat.id, PAIRING_REFUSAL);
      return;
    }
    if (group) {
      // The group's conversation, and what is meant for other bots, is not ours to answer.
      if (!addressedToMe(message, ctx.me) || !limiter.allow(chat.id)) return;
      if (inPairedChat) send(ctx, chat.id, notOwnerText(paired), message.message_id);
      else send(ctx, chat.id, paired ? NOT_PAIRED : HOW_TO_PAIR);
      return;
    }
    if (limiter.allow(chat.id)) send(ctx, chat.id, paired ? NOT_PAIRED : HOW_TO_PAIR);
  };
}
