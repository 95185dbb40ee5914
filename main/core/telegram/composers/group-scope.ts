/**
 * After the gate, for the paired group only: the owner's messages there go on to the commands,
 * files and replies only when they are addressed to this bot (`group-chat.ts`): a command naming
 * no bot or this one, or a reply to one of this bot's messages. Plain messages, service messages
 * (members joining, a pinned message…), and commands or replies meant for another computer's bot
 * are the group's business and are left alone — answering them would make every computer in the
 * group talk at once. Taps always go on (buttons are only on this bot's own messages). In a
 * private chat everything goes on.
 */
import type { MiddlewareFn, Context } from 'grammy';
import { addressedToMe, isGroup } from '../group-chat.js';

/** Middleware passing on only what is addressed to this bot in a group; see the module doc. */
export const groupScope: MiddlewareFn<Context> = async (ctx, next) => {
  const chat = ctx.chat;
  if (!chat || !isGroup(chat) || ctx.callbackQuery) return next();
  const message = ctx.message ?? ctx.editedMessage;
  if (message && addressedToMe(message, ctx.me)) return next();
};
