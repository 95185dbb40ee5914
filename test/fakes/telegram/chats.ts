/**
 * The fake Bot API's state and its methods: chats and their messages, callback queries waiting
 * for an answer, chats that blocked the bot, the bot's commands and descriptions. The HTTP server
 * and long polling live in `test/fakes/telegram-bot-api.ts`.
 *
 * Rules enforced as Telegram does (https://core.telegram.org/bots/api):
 * - message text: 1–4096 characters after entity parsing (counted in UTF-16 code units), never
 *   empty after parsing; `parse_mode` HTML only; explicit `entities` must lie inside the text.
 * - callback data ≤ 64 bytes; `answerCallbackQuery` text ≤ 200 characters; a query can be answered
 *   once and only within the answer window.
 * - a chat that blocked the bot gets 403 "Forbidden: bot was blocked by the user" on every send
 *   and edit, until the user writes to the bot again; a private chat that never wrote to the bot
 *   gets 400 "chat not found".
 * - editing to the same text, entities and markup gets 400 "message is not modified".
 * - `setMessageReaction` takes at most one `{type: "emoji"}` reaction from Telegram's allowed list
 *   (else 400 `REACTION_INVALID`) on any message of the chat; an empty list removes it.
 * Every message records when it was sent, last edited and last reacted to (latencies for tests
 * and benchmarks).
 */
import { ApiError, checkEntities, parseTelegramHtmlEntities, type FakeEntity } from './html.js';
import { FakeGroups } from './groups.js';
import type { FakeBot, FakeButton, FakeCallbackAnswer, FakeChat, FakeMessage } from './types.js';

/**
 * Emoji a bot may react with (`ReactionTypeEmoji.emoji`, https://core.telegram.org/bots/api#reactiontypeemoji).
 */
export const ALLOWED_REACTIONS: ReadonlySet<string> = new Set(
  [
    '👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓',
    '🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡',
  ]
    .join(' ')
    .split(' '),
);

/** Telegram's limit on message text, after entity parsing. */
export const MESSAGE_MAX = 4096;
/** Telegram's limit on a callback query answer's text, in characters. */
export const CALLBACK_ANSWER_MAX = 200;
const TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
const BLOCKED = 'Forbidden: bot was blocked by the user';

interface PendingQuery {
  chatId: number;
  /** Epoch ms the user tapped. */
  tappedAt: number;
  resolve: (answer: FakeCallbackAnswer) => void;
  reject: (error: Error) => void;
}

/** State and methods; `changed` runs after every change a test may wait for. */
export class FakeChats {
  readonly chats = new Map<number, FakeMessage[]>();
  /** Chats that blocked the bot. */
  readonly blocked = new Set<number>();
  /** Private chats whose user wrote to the bot at least once. */
  readonly started = new Set<number>();
  /** Group membership and routing (`groups.ts`). */
  readonly groups = new FakeGroups();
  commands: { command: string; description: string }[] = [];
  commandScope: unknown = null;
  description = '';
  shortDescription = '';
  private readonly nextMessageId = new Map<number, number>();
  private readonly queries = new Map<string, PendingQuery>();

  constructor(
    private readonly changed: () => void,
    private readonly answerWindowMs: number,
    /** Every bot the fake knows (a bot message names the bot that sent it). */
    private readonly bots: FakeBot[] = [],
  ) {}

  store(
    fields: Omit<FakeMessage, 'messageId' | 'at' | 'edits' | 'editedAt' | 'reactions' | 'reactedAt'>,
    at = Date.now(),
  ): FakeMessage {
    const id = this.nextMessageId.get(fields.chatId) ?? 1;
    this.nextMessageId.set(fields.chatId, id + 1);
    const message: FakeMessage = {
      ...fields,
      messageId: id,
      edits: 0,
      at,
      editedAt: null,
      reactions: [],
      reactedAt: null,
    };
    const list = this.chats.get(fields.chatId) ?? [];
    list.push(message);
    this.chats.set(fields.chatId, list);
    if (!fields.fromBot) {
      this.started.add(fields.chatId);
      this.blocked.delete(fields.chatId);
    } else {
      this.groups.spoke(fields.chatId, fields.fromId);
    }
    this.changed();
    return message;
  }

  find(chatId: number, messageId: number): FakeMessage | undefined {
    return this.chats.get(chatId)?.find((m) => m.messageId === messageId);
  }

  /** Registers a callback query; the promise settles when the bot answers (or fails to). */
  addQuery(id: string, chatId: number, tappedAt: number): Promise<FakeCallbackAnswer> {
    return new Promise((resolve, reject) => this.queries.set(id, { chatId, tappedAt, resolve, reject }));
  }

  /** Forgets a query nobody answered (the test gave up waiting). */
  dropQuery(id: string): void {
    this.queries.delete(id);
  }

  /** A message as Telegram's `Message` JSON. */
  messageJson(m: FakeMessage, chat: FakeChat, fallbackBot: FakeBot): Record<string, unknown> {
    const bot = (m.fromBot && this.bots.find((b) => b.id === m.fromId)) || fallbackBot;
    return {
      message_id: m.messageId,
      from: m.fromBot
        ? { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username }
        : { id: m.fromId, is_bot: false, first_name: `User ${m.fromId}` },
      chat,
      date: Math.floor(m.at / 1000),
      ...(m.media ? {} : { text: m.text }),
      ...(m.entities.length ? { entities: m.entities } : {}),
      ...(m.buttons.length
        ? {
            reply_markup: {
              inline_keyboard: m.buttons.map((row) =>
                row.map((b) => ({ text: b.text, callback_data: b.data })),
              ),
            },
          }
        : {}),
    };
  }

  private parseText(
    params: Record<string, unknown>,
  ): Pick<FakeMessage, 'text' | 'raw' | 'parseMode' | 'entities'> {
    if (typeof params.text !== 'string') throw new ApiError(400, 'Bad Request: message text is empty');
    const raw = params.text;
    const parseMode = typeof params.parse_mode === 'string' && params.parse_mode ? params.parse_mode : null;
    if (parseMode !== null && parseMode.toLowerCase() !== 'html')
      throw new ApiError(400, `Bad Request: unsupported parse_mode "${parseMode}"`);
    const parsed = parseMode ? parseTelegramHtmlEntities(raw) : { text: raw, entities: [] as FakeEntity[] };
    if (!parsed.text.trim()) throw new ApiError(400, 'Bad Request: message text is empty');
    if (parsed.text.length > MESSAGE_MAX) throw new ApiError(400, 'Bad Request: message is too long');
    const entities = parseMode ? parsed.entities : checkEntities(params.entities, parsed.text);
    return { text: parsed.text, raw, parseMode, entities };
  }

  private parseButtons(markup: unknown): FakeButton[][] {
    const value = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
    if (!value || typeof value !== 'object') return [];
    const rows = (value as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(rows)) return [];
    return rows.map((row: { text?: unknown; callback_data?: string }[]) =>
      row.map((b) => {
        if (typeof b.text !== 'string' || !b.text.trim())
          throw new ApiError(400, 'Bad Request: BUTTON_TEXT_EMPTY');
        if (b.callback_data !== undefined && Buffer.byteLength(b.callback_data, 'utf8') > 64) {
          throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
        }
        return { text: b.text, data: b.callback_data ?? null };
      }),
    );
  }

  /** The chat a call goes to. @throws ApiError as Telegram: unknown chat, blocked, not a member. */
  target(params: Record<string, unknown>, bot?: FakeBot): number {
    const chatId = Number(params.chat_id);
    if (!Number.isSafeInteger(chatId)) throw new ApiError(400, 'Bad Request: chat not found');
    if (bot && this.groups.known(chatId) && !this.groups.isMember(chatId, bot.id))
      throw new ApiError(403, 'Forbidden: bot is not a member of the group chat');
    if (this.blocked.has(chatId)) throw new ApiError(403, BLOCKED);
    if (chatId > 0 && !this.started.has(chatId)) throw new ApiError(400, 'Bad Request: chat not found');
    return chatId;
  }

  private findOwn(params: Record<string, unknown>, bot: FakeBot): FakeMessage {
    const chatId = this.target(params, bot);
    const message = this.find(chatId, Number(params.message_id));
    if (!message || !message.fromBot) throw new ApiError(400, 'Bad Request: message to edit not found');
    if (message.fromId !== bot.id) throw new ApiError(400, "Bad Request: message can't be edited");
    return message;
  }

  private static list(value: unknown): unknown {
    return typeof value === 'string' ? JSON.parse(value) : value;
  }

  /**
   * Carries out one method.
   * @returns the `result` to answer with.
   * @throws ApiError as Telegram would answer.
   */
  run(bot: FakeBot, method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return {
          id: bot.id,
          is_bot: true,
          first_name: bot.firstName,
          username: bot.username,
          can_join_groups: true,
        };
      case 'deleteWebhook':
      case 'close':
      case 'logOut':
      case 'deleteMyCommands':
        return true;
      case 'setMyCommands':
        this.commands = FakeChats.list(params.commands) as typeof this.commands;
        this.commandScope = FakeChats.list(params.scope) ?? null;
        return true;
      case 'setMyDescription':
      case 'setMyShortDescription': {
        const short = method === 'setMyShortDescription';
        const text = String((short ? params.short_description : params.description) ?? '');
        if (text.length > (short ? 120 : 512))
          throw new ApiError(400, 'Bad Request: description is too long');
        if (short) this.shortDescription = text;
        else this.description = text;
        return true;
      }
      case 'sendMessage': {
        const chatId = this.target(params, bot);
        const text = this.parseText(params);
        const buttons = this.parseButtons(params.reply_markup);
        const replyParams = FakeChats.list(params.reply_parameters) as { message_id?: number } | undefined;
        const message = this.store({
          chatId,
          fromBot: true,
          fromId: bot.id,
          ...text,
          buttons,
          replyToMessageId: replyParams?.message_id ?? null,
        });
        return this.messageJson(message, { id: chatId, type: chatId > 0 ? 'private' : 'group' }, bot);
      }
      case 'editMessageText': {
        const message = this.findOwn(params, bot);
        const text = this.parseText(params);
        const buttons = this.parseButtons(params.reply_markup);
        if (
          text.text === message.text &&
          JSON.stringify(text.entities) === JSON.stringify(message.entities) &&
          JSON.stringify(buttons) === JSON.stringify(message.buttons)
        ) {
          throw new ApiError(400, 'Bad Request: message is not modified');
        }
        Object.assign(message, { ...text, buttons, edits: message.edits + 1, editedAt: Date.now() });
        this.changed();
        return this.messageJson(message, { id: message.chatId, type: 'private' }, bot);
      }
      case 'editMessageReplyMarkup': {
        const message = this.findOwn(params, bot);
        const buttons = this.parseButtons(params.reply_markup);
        if (JSON.stringify(buttons) === JSON.stringify(message.buttons)) {
          throw new ApiError(400, 'Bad Request: message is not modified');
        }
        Object.assign(message, { buttons, edits: message.edits + 1, editedAt: Date.now() });
        this.changed();
        return this.messageJson(message, { id: message.chatId, type: 'private' }, bot);
      }
      case 'setMessageReaction': {
        const chatId = this.target(params, bot);
        const message = this.find(chatId, Number(params.message_id));
        if (!message) throw new ApiError(400, 'Bad Request: message to react not found');
        const list = FakeChats.list(params.reaction);
        const reactions = Array.isArray(list) ? (list as { type?: unknown; emoji?: unknown }[]) : [];
        if (reactions.length > 1) throw new ApiError(400, 'Bad Request: REACTIONS_TOO_MANY');
        const emoji = reactions.map((r) =>
          r.type === 'emoji' && typeof r.emoji === 'string' ? r.emoji : '',
        );
        if (emoji.some((e) => !ALLOWED_REACTIONS.has(e)))
          throw new ApiError(400, 'Bad Request: REACTION_INVALID');
        Object.assign(message, { reactions: emoji, reactedAt: Date.now() });
        this.changed();
        return true;
      }
      case 'answerCallbackQuery':
        return this.answer(params);
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private answer(params: Record<string, unknown>): true {
    const id = String(params.callback_query_id);
    const query = this.queries.get(id);
    if (!query) throw new ApiError(400, TOO_OLD);
    const text = typeof params.text === 'string' ? params.text : null;
    if (text !== null && text.length > CALLBACK_ANSWER_MAX)
      throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
    this.queries.delete(id);
    if (Date.now() - query.tappedAt > this.answerWindowMs) {
      query.reject(new Error(`callback query ${id} was answered after the answer window (too old)`));
      throw new ApiError(400, TOO_OLD);
    }
    query.resolve({ text, showAlert: params.show_alert === true || params.show_alert === 'true' });
    return true;
  }
}
