/**
 * The fake Bot API's group chats, between the HTTP server (`server.ts`) and the control API
 * (`test/fakes/telegram-bot-api.ts`): adding a bot to a group as the `startgroup` deep link does,
 * and delivering each user update to the bots Telegram would deliver it to (`groups.ts`: privacy
 * mode, commands naming a bot, replies to a bot's message; taps to the bot whose message it is).
 */
import { FakeBotApiServer } from './server.js';
import type { FakeBot, FakeChat, FakeMessage, FakeUser, UserMessageOptions } from './types.js';

/** A user given as an id (named "User <id>") or as an object. */
export function asUser(user: number | FakeUser): FakeUser {
  return typeof user === 'number' ? { id: user, first_name: `User ${user}` } : user;
}

/**
 * A chat given as an id (a private chat's id equals its user's id; positive ids are private
 * chats, negative ones groups) or as an object.
 */
export function asChat(chat: number | FakeChat, user: FakeUser): FakeChat {
  if (typeof chat !== 'number') return chat;
  return chat === user.id
    ? { id: chat, type: 'private', first_name: user.first_name, username: user.username }
    : chat > 0
      ? { id: chat, type: 'private', first_name: `Chat ${chat}` }
      : { id: chat, type: 'group', title: `Group ${chat}` };
}

/** The server plus group membership and update delivery. */
export abstract class FakeGroupServer extends FakeBotApiServer {
  /** A user writes `text` in a chat (see `FakeTelegramBotApi.userSends`). */
  abstract userSends(
    chat: number | FakeChat,
    user: number | FakeUser,
    text: string,
    options?: UserMessageOptions,
  ): FakeMessage;

  /**
   * The user adds `bot` to a group, as the `startgroup` deep link does: the member bots get the
   * `new_chat_members` service message and, with a `startPayload`, the bot gets
   * `/start@<bot> <payload>` from the user.
   * @returns the /start message, or null without a payload.
   */
  userAddsBotToGroup(
    group: FakeChat,
    user: number | FakeUser,
    bot: FakeBot,
    startPayload?: string,
  ): FakeMessage | null {
    const from = asUser(user);
    this.state.groups.addMember(group.id, bot.id);
    const joined = this.state.store({
      chatId: group.id,
      fromBot: false,
      fromId: from.id,
      text: '',
      raw: '',
      parseMode: null,
      entities: [],
      buttons: [],
      replyToMessageId: null,
    });
    const service = {
      message_id: joined.messageId,
      from: { is_bot: false, ...from },
      chat: group,
      date: Math.floor(joined.at / 1000),
      new_chat_members: [{ id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username }],
    };
    for (const member of this.state.groups.membersOf(group.id, this.bots))
      this.pushUpdate({ message: service }, member.token);
    return startPayload === undefined
      ? null
      : this.userSends(group, from, `/start@${bot.username} ${startPayload}`);
  }

  /** Queues a user's update for the bots that get it (see {@link UserMessageOptions.to}). */
  protected deliver(message: FakeMessage, body: Record<string, unknown>, options: UserMessageOptions): void {
    const chatId = message.chatId;
    if (options.to) {
      this.pushUpdate(body, options.to.token);
      return;
    }
    if (!this.state.groups.known(chatId)) {
      this.pushUpdate(body);
      return;
    }
    const original =
      message.replyToMessageId === null ? null : this.state.find(chatId, message.replyToMessageId);
    const replyToFromId = original?.fromBot ? original.fromId : null;
    const text = message.media ? '' : message.text;
    for (const bot of this.state.groups.recipients(chatId, this.bots, text, replyToFromId))
      this.pushUpdate(body, bot.token);
  }
}
