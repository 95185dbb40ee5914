/**
 * Taps on inline buttons: prompt options and Esc (bound to their prompt), Screen, session picks
 * and keypad keys. Every tap gets exactly one `answerCallbackQuery` — the short text the phone
 * shows, at most {@link CALLBACK_ANSWER_MAX} chars — even when a handler throws (then a generic
 * answer), so the phone never keeps spinning. Taps that write are answered before the write
 * (`taps.ts`).
 */
import { Composer, GrammyError, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { decodeCallback } from '../keyboards.js';
import { clip } from '../graphemes.js';
import { SESSION_GONE, tapKey, tapPrompt, type TappedMessage } from '../taps.js';

/** Telegram's limit on a callback query answer's text, in characters (https://core.telegram.org/bots/api#answercallbackquery). */
export const CALLBACK_ANSWER_MAX = 200;
/** Answer when the handling of a tap failed. */
export const TAP_FAILED = 'Something went wrong; nothing was typed.';
/** Said in the chat when handling a tap failed after its answer was shown. */
export const TAP_FAILED_AFTER_ANSWER =
  'Something went wrong with that tap on the computer; check the session with /screen before tapping again.';

/** True when Telegram refused a callback answer because the query is too old (or unknown). */
export function isQueryTooOld(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /query is too old|query ID is invalid/i.test(error.description)
  );
}

/** The prompts (callback query) composer (paired chat only: install after the gate). */
export function promptsComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('callback_query', async (ctx) => {
    let answered = false;
    const confirm = async (text: string): Promise<boolean> => {
      if (answered) return true;
      answered = true;
      try {
        await ctx.answerCallbackQuery({ text: clip(text, CALLBACK_ANSWER_MAX) });
        return true;
      } catch (error) {
        if (isQueryTooOld(error)) return false;
        deps.log('warn', `tap answer failed (the tap is still carried out): ${(error as Error).message}`);
        return true;
      }
    };
    const log = (message: string): void => deps.log('info', message);
    try {
      const query = ctx.callbackQuery;
      const action = query.data === undefined ? null : decodeCallback(query.data);
      const m = query.message;
      const tapped: TappedMessage | null = m
        ? {
            id: m.message_id,
            text: m.date === 0 ? null : 'text' in m && typeof m.text === 'string' ? m.text : null,
            entities: m.date !== 0 && 'entities' in m && Array.isArray(m.entities) ? m.entities : [],
          }
        : null;
      if (!action) {
        await confirm('This button is no longer valid.');
      } else if (action.kind === 'answer' || action.kind === 'escape') {
        const option = action.kind === 'answer' ? action.option : null;
        await tapPrompt(deps.relay, deps.host, action.promptKey, option, tapped, confirm, log);
      } else if (action.kind === 'key') {
        await tapKey(deps.relay, deps.host, action.sessionKey, action.key, confirm, log);
      } else {
        const session = deps.relay.sessionByKey(action.sessionKey);
        if (!session) {
          await confirm(SESSION_GONE);
        } else if (action.kind === 'screen') {
          await confirm(`Screen of ${session.name}`);
          deps.relay.sendScreen(session);
        } else {
          await confirm(`Picked ${session.name}`);
          deps.relay.sendKeypad(session);
        }
      }
    } catch (error) {
      // Answered before the failure (the answer comes before the write): say so in the chat.
      if (answered) deps.relay.say(TAP_FAILED_AFTER_ANSWER);
      throw error;
    } finally {
      if (!answered) await confirm(TAP_FAILED);
    }
  });
  return composer;
}
