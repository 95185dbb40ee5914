/**
 * Pairing: `/start <token>` in a private chat (what the deep link sends) binds exactly that chat
 * and user when the token is the open one. Anything else about the token — wrong, used,
 * expired — binds nothing and gets one short refusal. `/start` without a token falls through.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';

/** Refusal sent for a bad pairing token (the reason is not told, so it reveals nothing). */
export const PAIRING_REFUSAL =
  'This pairing link is not valid: it expired, was already used, or was replaced. Open “Pair phone” in Agent Pager for a new one.';

/** The pairing composer. */
export function pairingComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.chatType('private').command('start', async (ctx, next) => {
    const token = ctx.match.trim();
    if (!token) return next();
    const refusal = deps.pair(
      {
        chatId: ctx.chat.id,
        userId: ctx.from.id,
        username: ctx.from.username ?? null,
        firstName: ctx.from.first_name,
      },
      token,
    );
    if (refusal === null) return;
    deps.log('info', `pairing refused (${refusal}) for chat ${ctx.chat.id}`);
    await ctx.reply(PAIRING_REFUSAL);
  });
  return composer;
}
