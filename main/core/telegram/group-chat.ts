/**
 * What a message in a group means for this bot. Several computers' bots can share one group (each
 * computer runs its own bot), so a bot acts only on what is addressed to it: a command without a
 * bot name or with its own (`/sessions@this_bot`; Telegram adds the suffix when several bots are
 * in the group), or a reply to one of its own messages. The rest is the group's conversation or
 * meant for another bot. With privacy mode on (the default) Telegram delivers little else
 * (https://core.telegram.org/bots/features#privacy-mode); with it off, this keeps the bot quiet.
 */
import type { Chat, Message, UserFromGetMe } from 'grammy/types';
import { escapeHtml } from './format.js';
import type { PairedChat } from './phone-store.js';

/** True for a group or supergroup. */
export function isGroup(chat: Pick<Chat, 'type'>): boolean {
  return chat.type === 'group' || chat.type === 'supergroup';
}

/**
 * The command a message starts with, as Telegram marks it (a `bot_command` entity at offset 0):
 * its name and the bot it names (null when none), or null when the message is no command.
 */
export function leadingCommand(
  message: Pick<Message, 'text' | 'entities'>,
): { name: string; bot: string | null } | null {
  const entity = message.entities?.[0];
  const text = message.text ?? '';
  if (!entity || entity.type !== 'bot_command' || entity.offset !== 0) return null;
  const match = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?$/.exec(text.slice(0, entity.length));
  return match ? { name: match[1]!, bot: match[2] ?? null } : null;
}

/**
 * True when a message is for this bot: a command naming no bot or this one, or a reply to one of
 * this bot's messages. In a private chat everything is.
 */
export function addressedToMe(
  message: Pick<Message, 'text' | 'entities' | 'reply_to_message' | 'chat'>,
  me: Pick<UserFromGetMe, 'id' | 'username'>,
): boolean {
  if (!isGroup(message.chat)) return true;
  if (message.reply_to_message?.from?.id === me.id) return true;
  const command = leadingCommand(message);
  return (
    command !== null && (command.bot === null || command.bot.toLowerCase() === me.username.toLowerCase())
  );
}

/**
 * The pairing token of a `/start <token>` message (the deep links send it as `/start <token>` in a
 * private chat and `/start@bot <token>` in a group), or null: no /start, no token, a forwarded
 * message, or a /start naming another bot.
 */
export function startToken(
  message: Pick<Message, 'text' | 'entities' | 'forward_origin'>,
  me: Pick<UserFromGetMe, 'username'>,
): string | null {
  if (message.forward_origin) return null;
  const match = /^\/start(?:@([A-Za-z0-9_]+))?\s+(\S+)\s*$/.exec(message.text ?? '');
  if (!match) return null;
  if (match[1] && match[1].toLowerCase() !== me.username.toLowerCase()) return null;
  return match[2]!;
}

/**
 * The first message in a newly paired chat (HTML). In a group it says who may act and how to
 * address this computer among others.
 */
export function pairedGreeting(
  computerName: string,
  paired: Pick<PairedChat, 'chatType' | 'username' | 'firstName'>,
): string {
  const name = `<b>${escapeHtml(computerName)}</b>`;
  if (paired.chatType === 'private')
    return `✅ Paired with ${name}. Prompts from its sessions will arrive here. /help shows what you can do.`;
  const who = escapeHtml(paired.username ? `@${paired.username}` : paired.firstName);
  return `✅ This group is paired with ${name}. Its prompts arrive here, marked with its name; only ${who} can answer them. Reply to one of its messages to type into that session; commands may name its bot (/sessions@bot) when several computers share the group. /help shows what you can do.`;
}
