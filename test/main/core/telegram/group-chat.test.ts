import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import {
  addressedToMe,
  leadingCommand,
  pairedGreeting,
  startToken,
} from '../../../../main/core/telegram/group-chat.js';

const ME = { id: 42, username: 'desk_bot' };
const GROUP = { id: -100, type: 'group' as const, title: 'Team' };
const PRIVATE = { id: 7, type: 'private' as const, first_name: 'Ann' };

/** A text message as Telegram sends it: a `bot_command` entity when it starts with a command. */
function text(chat: Message['chat'], body: string, replyToFrom?: number): Message {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(body);
  return {
    message_id: 1,
    date: 0,
    chat,
    text: body,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    ...(replyToFrom !== undefined
      ? {
          reply_to_message: {
            message_id: 9,
            date: 0,
            chat,
            from: { id: replyToFrom, is_bot: true, first_name: 'b' },
          },
        }
      : {}),
  } as Message;
}

describe('messages in a group', () => {
  it('reads the command and the bot it names', () => {
    expect(leadingCommand(text(GROUP, '/sessions@desk_bot now'))).toEqual({
      name: 'sessions',
      bot: 'desk_bot',
    });
    expect(leadingCommand(text(GROUP, '/sessions'))).toEqual({ name: 'sessions', bot: null });
    expect(leadingCommand(text(GROUP, 'hello /sessions'))).toBeNull();
  });

  it('are for this bot when a command names it or no bot, or when they reply to its message', () => {
    expect(addressedToMe(text(GROUP, '/sessions@Desk_Bot'), ME)).toBe(true);
    expect(addressedToMe(text(GROUP, '/sessions'), ME)).toBe(true);
    expect(addressedToMe(text(GROUP, 'yes', ME.id), ME)).toBe(true);
    expect(addressedToMe(text(GROUP, '/sessions@other_bot'), ME)).toBe(false);
    expect(addressedToMe(text(GROUP, 'yes', 99), ME)).toBe(false);
    expect(addressedToMe(text(GROUP, 'lunch?'), ME)).toBe(false);
    expect(addressedToMe(text(PRIVATE, 'lunch?'), ME)).toBe(true);
  });

  it('takes the pairing token of /start and /start@this_bot, never of another bot or a forward', () => {
    expect(startToken(text(PRIVATE, '/start abc'), ME)).toBe('abc');
    expect(startToken(text(GROUP, '/start@desk_bot abc'), ME)).toBe('abc');
    expect(startToken(text(GROUP, '/start@other_bot abc'), ME)).toBeNull();
    expect(startToken(text(GROUP, '/start'), ME)).toBeNull();
    const forwarded = {
      ...text(PRIVATE, '/start abc'),
      forward_origin: { type: 'hidden_user', date: 0, sender_user_name: 'x' },
    };
    expect(startToken(forwarded as Message, ME)).toBeNull();
  });

  it('greets a paired group with who may answer', () => {
    const group = pairedGreeting('studio <1>', { chatType: 'group', username: 'ann', firstName: 'Ann' });
    expect(group).toContain('<b>studio &lt;1&gt;</b>');
    expect(group).toContain('only @ann can answer');
    expect(pairedGreeting('studio', { chatType: 'private', username: null, firstName: 'Ann' })).toMatch(
      /^✅ Paired with <b>studio<\/b>\./,
    );
  });
});
