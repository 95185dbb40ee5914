/**
 * Live progress in the chat: `/progress on|off` (the Settings switch) and the Reply button of a
 * finished turn's status message (plain text then goes to that session). The status messages
 * themselves are sent and edited by `progress.ts`.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { REMOTE_CALLBACKS } from '../remote-keyboards.js';

/** The progress composer (paired chat only: install after the guard). */
export function progressComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { relay, host } = deps;

  composer.command('progress', (ctx) => {
    const arg = ctx.match.trim().toLowerCase();
    if (arg === 'on' || arg === 'off') {
      host.setProgressEnabled(arg === 'on');
      relay.say(
        arg === 'on'
          ? '📟 Live progress is on: each turn gets one status message, updated as the agent works.'
          : '📟 Live progress is off. Prompts and “waiting” messages still come.',
      );
      return;
    }
    relay.say(
      `📟 Live progress is ${host.progressEnabled() ? 'on' : 'off'}. Use /progress on or /progress off.`,
    );
  });

  composer.callbackQuery(REMOTE_CALLBACKS.reply, async (ctx) => {
    const session = relay.sessionByKey(ctx.match[1]!);
    if (!session) return ctx.answerCallbackQuery({ text: 'That session is gone.' });
    relay.setTarget(session.id);
    await ctx.answerCallbackQuery({ text: `Type your message: it goes to ${session.name}.` });
  });

  return composer;
}
