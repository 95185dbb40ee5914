/**
 * The gate: after pairing, only updates from the paired chat *and* user pass. Everything else is
 * logged without its content and never acted on (not even answered).
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { BotDeps } from '../bot-deps.js';

/** Middleware letting only the paired chat and user through. */
export function pairedOnly(deps: BotDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const paired = deps.paired();
    if (paired && ctx.chat?.id === paired.chatId && ctx.from?.id === paired.userId) {
      await next();
      return;
    }
    deps.log(
      'info',
      `ignored update ${ctx.update.update_id} from chat ${ctx.chat?.id ?? '?'} (not the paired chat)`,
    );
  };
}
