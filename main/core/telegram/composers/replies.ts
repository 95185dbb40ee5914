/**
 * Text from the paired chat types into a session: a reply to one of our messages goes to that
 * message's session; plain text goes to the target session (the one that asked most recently,
 * or was picked), and the bot says which ("→ typed into <session>"). While the session's agent is
 * busy the text is queued instead (see `progress.ts`). Unknown commands get a hint.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { escapeHtml } from '../format.js';

/** The replies composer (paired chat only: install after the guard and the commands). */
export function repliesComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      deps.relay.say('Unknown command. /help lists what I understand.');
      return;
    }
    const replyTo = ctx.message.reply_to_message?.message_id;
    let sessionId: string | null;
    if (replyTo !== undefined) {
      sessionId = deps.relay.sessionOfMessage(replyTo);
      if (!sessionId) {
        deps.relay.say(
          'I can’t tell which session that message belongs to. Reply to a newer one, or /sessions.',
        );
        return;
      }
    } else {
      sessionId = deps.relay.targetSession()?.id ?? null;
      if (!sessionId) {
        deps.relay.say('No session to type into yet. Pick one with /sessions.');
        return;
      }
    }
    const session = deps.host.listSessions().find((s) => s.id === sessionId);
    if (!session) {
      deps.relay.say('That session is gone.');
      return;
    }
    const result = await deps.progress.submit(session, text);
    if ('refused' in result) deps.relay.say(result.refused);
    else if ('typed' in result)
      deps.relay.say(`→ typed into <b>${escapeHtml(session.name)}</b>`, { sessionId });
  });
  return composer;
}
