/**
 * Text from the paired chat types into a session: a reply (or a quote) of one of our messages goes
 * to that message's session; other text goes to the target session (the one that asked most
 * recently, or was picked); a reaction on the user's message confirms it was typed. While the
 * session's agent is busy the text is queued instead (see `progress.ts`). Text with formatting is
 * typed as its plain text.
 *
 * A `/…` that is not one of our commands (those are handled before) is the agent's own slash
 * command (`/compact`, `/clear`, `/model`…) and is typed like any text when it has a session to go
 * to; else it gets "Unknown command". Nothing else is typed, and each gets a clear answer:
 * - a message older than {@link LATE_MESSAGE_MS} (Telegram kept it while this computer was
 *   offline and delivered it on reconnect) — a late "yes" must not answer a prompt that opened
 *   since; one notice per {@link LATE_MESSAGE_MS} covers a whole burst of them;
 * - a forwarded message (someone else's words);
 * - stickers and other media (photos, documents and voice notes are handled by files.ts);
 * - edits of a message already sent.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { refusalText } from '../relay.js';

/** Messages older than this (by their Telegram `date`) are not typed, in ms. */
export const LATE_MESSAGE_MS = 60_000;

/** Answers for what is not typed. */
export const NOT_TYPED = {
  forwarded: 'Forwarded messages are not typed into a session. Send the text yourself if you want it typed.',
  media: 'Only text, photos and documents reach a session; stickers and other media are not typed.',
  edited:
    'Edits are not typed (the first version may already have been). Send the corrected text as a new message.',
  late: (seconds: number) =>
    `⏳ This message arrived ${seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`} late (the computer was offline) and was not typed, nor were other late ones arriving with it. Send again what still applies.`,
};

/** The replies composer (paired chat only: install after the gate and the commands). */
export function repliesComposer(deps: BotDeps, now: () => number = Date.now): Composer<Context> {
  const composer = new Composer<Context>();
  let lastLateNotice = -Infinity;

  composer.on('edited_message', () => deps.relay.say(NOT_TYPED.edited));

  composer.on('message:text', async (ctx) => {
    const message = ctx.message;
    const text = message.text;
    if (message.forward_origin) return deps.relay.say(NOT_TYPED.forwarded, { replyTo: message.message_id });
    const lateMs = now() - message.date * 1000;
    if (lateMs > LATE_MESSAGE_MS) {
      deps.log(
        'info',
        `message ${message.message_id} arrived ${Math.round(lateMs / 1000)} s late; not typed`,
      );
      // One notice per burst: a reconnect can deliver hundreds of kept messages at once.
      if (now() - lastLateNotice < LATE_MESSAGE_MS) return;
      lastLateNotice = now();
      return deps.relay.say(NOT_TYPED.late(Math.round(lateMs / 1000)), { replyTo: message.message_id });
    }
    const replyTo = message.reply_to_message?.message_id;
    let sessionId: string | null;
    if (replyTo !== undefined) {
      sessionId = deps.relay.sessionOfMessage(replyTo);
      if (!sessionId) {
        deps.relay.say(
          text.startsWith('/')
            ? 'Unknown command, and that message belongs to no session. /help lists what I understand.'
            : 'I can’t tell which session that message belongs to. Reply to a newer one, or /sessions.',
        );
        return;
      }
    } else {
      sessionId = deps.relay.targetSession()?.id ?? null;
      if (!sessionId) {
        deps.relay.say(
          text.startsWith('/')
            ? 'Unknown command. /help lists what I understand; to send it to a session, reply to one of its messages or pick it in /sessions.'
            : 'No session to type into yet. Pick one with /sessions.',
        );
        return;
      }
    }
    const session = deps.host.listSessions().find((s) => s.id === sessionId);
    if (!session) {
      deps.relay.say(refusalText('no-session'));
      return;
    }
    const result = await deps.progress.submit(session, text, message.message_id);
    if ('refused' in result) deps.relay.say(result.refused);
    else if ('typed' in result) deps.relay.acknowledgeTyped(message.message_id, session);
  });

  composer.on('message', (ctx) => deps.relay.say(NOT_TYPED.media, { replyTo: ctx.message.message_id }));
  return composer;
}
