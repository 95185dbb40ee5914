/**
 * Taps on inline buttons: prompt options and Esc (bound to their prompt), Screen, session picks
 * and keypad keys. Every tap gets an `answerCallbackQuery` — the short text the phone shows.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { decodeCallback } from '../keyboards.js';
import type { TapResult } from '../relay.js';
import { clip } from '../graphemes.js';

/** Telegram's limit on a callback query answer's text, in characters (https://core.telegram.org/bots/api#answercallbackquery). */
export const CALLBACK_ANSWER_MAX = 200;

/** The prompts (callback query) composer. */
export function promptsComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('callback_query:data', async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    const tapped = message
      ? { id: message.message_id, text: 'text' in message ? (message.text ?? '') : '' }
      : null;
    let result: TapResult;
    if (!action) {
      result = { text: 'This button is no longer valid.' };
    } else if (action.kind === 'answer' || action.kind === 'escape') {
      result = deps.relay.tapPrompt(
        action.promptKey,
        action.kind === 'answer' ? action.option : null,
        tapped,
      );
    } else if (action.kind === 'key') {
      result = deps.relay.tapKey(action.sessionKey, action.key);
    } else {
      const session = deps.relay.sessionByKey(action.sessionKey);
      if (!session) {
        result = { text: 'That session is gone.' };
      } else if (action.kind === 'screen') {
        deps.relay.sendScreen(session);
        result = { text: `Screen of ${session.name}` };
      } else {
        deps.relay.sendKeypad(session);
        result = { text: `Picked ${session.name}` };
      }
    }
    await ctx.answerCallbackQuery({ text: clip(result.text, CALLBACK_ANSWER_MAX) });
  });
  return composer;
}
