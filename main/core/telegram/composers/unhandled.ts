/**
 * The last composer: any message kind the bot does not act on (photo, voice, sticker, location…)
 * and edits of earlier messages get a short answer saying so, never silence.
 */
import { Composer, type Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotDeps } from '../bot-deps.js';

/** Message fields naming a kind, in the order they are checked, with how the answer names them. */
const KINDS: readonly [keyof Message, string][] = [
  ['photo', 'Photos'],
  ['voice', 'Voice messages'],
  ['video_note', 'Video messages'],
  ['video', 'Videos'],
  ['audio', 'Audio files'],
  ['document', 'Files'],
  ['sticker', 'Stickers'],
  ['animation', 'GIFs'],
  ['location', 'Locations'],
  ['contact', 'Contacts'],
  ['poll', 'Polls'],
  ['dice', 'Dice'],
];

/** What the bot calls a message's kind, e.g. "Stickers". */
export function messageKind(message: Message): string {
  for (const [field, label] of KINDS) if (message[field] !== undefined) return label;
  return 'Messages of this kind';
}

/** The unhandled-kinds composer (paired chat only; install last). */
export function unhandledComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('message', (ctx) => {
    deps.relay.say(
      `${messageKind(ctx.message)} are not handled here. Send text (a reply goes to that message’s session), or /help.`,
    );
  });
  composer.on('edited_message', () => {
    deps.relay.say('Edited messages are not typed again. Send the new text as a new message.');
  });
  return composer;
}
