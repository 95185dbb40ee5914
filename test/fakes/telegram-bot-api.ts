/**
 * A fake of the Telegram Bot API (https://core.telegram.org/bots/api) on 127.0.0.1, close enough
 * that the real grammY client talks to it over HTTP unchanged (`client.apiRoot`), and as strict as
 * Telegram where the app could get it wrong.
 *
 * Implemented methods (`POST|GET /bot<token>/<method>`, JSON or form bodies): getMe, getUpdates
 * (real long polling with `offset`/`timeout`/`limit`/`allowed_updates`), deleteWebhook,
 * sendMessage, editMessageText, editMessageReplyMarkup, setMessageReaction, answerCallbackQuery, setMyCommands,
 * deleteMyCommands, setMyDescription, setMyShortDescription, close, logOut; sendPhoto and
 * sendDocument (multipart uploads, caption at most 1024 chars), getFile and the file endpoint
 * `GET /file/bot<token>/<file_path>` for files users send ({@link FakeTelegramBotApi.userSendsFile};
 * see telegram-files.ts). As in the real API:
 * - unknown token → 401 `Unauthorized` ({@link FakeTelegramBotApi.revokeToken} revokes one); unknown
 *   method → 404; a body that is not valid UTF-8, or a string with a lone surrogate → 400.
 * - a second concurrent `getUpdates` terminates the pending one with 409 `Conflict: terminated by
 *   other getUpdates request` (the newest poller wins); {@link FakeTelegramBotApi.simulateOtherPoller}
 *   makes every getUpdates answer 409. `allowed_updates` is remembered and honoured.
 * - text, callback data, callback answers, blocked chats, "message is not modified": see
 *   `test/fakes/telegram/chats.ts`; HTML parsing and UTF-8 rules: `test/fakes/telegram/html.ts`.
 *
 * Usage:
 * ```ts
 * const tg = new FakeTelegramBotApi();
 * const { apiRoot } = await tg.start();           // http://127.0.0.1:<port>; give it to grammY
 * const token = tg.token;                          // a valid token of the default bot
 * tg.userSends(CHAT, USER, `/start ${pairingToken}`);
 * const reply = await tg.waitForMessage((m) => m.chatId === CHAT && m.fromBot, 5000);
 * reply.text;                                      // plain text, HTML tags removed; reply.entities
 * reply.buttons;                                   // inline keyboard, [row][col] {text, data}
 * const answer = await tg.userTaps(CHAT, USER, reply.messageId, 'a:p1:0');   // {text, showAlert}
 * tg.userSends(CHAT, USER, 'late', { ageMs: 120_000, replyTo: 3, quote: 'git' });
 * tg.userSendsMedia(CHAT, USER, 'photo', { caption: 'look' });
 * tg.userEdits(CHAT, USER, messageId, 'new text');
 * tg.userBlocksBot(CHAT);                          // 403 on sends until the user writes again
 * tg.failNext('sendMessage', { status: 429, retryAfter: 2 });
 * tg.failNext('sendMessage', { status: 502, afterStore: true });   // stored, then 502
 * tg.goOffline(); … tg.goOnline();                 // refuse connections, then accept again
 * await tg.close();
 * ```
 * A chat and a user are given as ids (a private chat's id equals its user's id in Telegram), or
 * as objects with names.
 */
import { asChat, asUser, FakeGroupServer } from './telegram/group-server.js';
import type { StoredFile } from './telegram-files.js';
import type {
  FakeCallbackAnswer,
  FakeChat,
  FakeFile,
  FakeMediaKind,
  FakeMessage,
  FakeUser,
  UserMessageOptions,
  UserTapOptions,
} from './telegram/types.js';

export type * from './telegram/types.js';
export { parseTelegramHtml, parseTelegramHtmlEntities } from './telegram/html.js';
export { ALLOWED_REACTIONS } from './telegram/chats.js';

/** The fake Bot API server plus a control API for tests (see the module doc). */
export class FakeTelegramBotApi extends FakeGroupServer {
  /** Commands last set with setMyCommands. */
  get myCommands(): { command: string; description: string }[] {
    return this.state.commands;
  }

  /** The `scope` of the last setMyCommands (null: the default scope). */
  get myCommandsScope(): unknown {
    return this.state.commandScope;
  }

  /** The bot's description and short description, as last set. */
  get myDescriptions(): { description: string; shortDescription: string } {
    return { description: this.state.description, shortDescription: this.state.shortDescription };
  }

  /** `allowed_updates` of the last getUpdates that gave one (null: never given). */
  get allowedUpdateKinds(): string[] | null {
    return this.queue(this.token).allowedUpdates;
  }

  /**
   * The user wrote to the bot before this fake started (a chat paired in an earlier run): the bot
   * may send to the chat without a new message from the user first.
   */
  userStartedBotEarlier(chatId: number): void {
    this.state.started.add(chatId);
  }

  /** The user blocks the bot: sends and edits to the chat get 403 until the user writes again. */
  userBlocksBot(chatId: number): void {
    this.state.blocked.add(chatId);
  }

  /** Every message of a chat (user and bot), oldest first. */
  messagesIn(chatId: number): FakeMessage[] {
    return [...(this.state.chats.get(chatId) ?? [])];
  }

  /** The bot's messages in a chat, oldest first. */
  botMessages(chatId: number): FakeMessage[] {
    return this.messagesIn(chatId).filter((m) => m.fromBot);
  }

  /**
   * A user writes `text` in a chat (delivered to the bot as a `message` update). Text starting
   * with "/" carries a `bot_command` entity like in Telegram. Options: a reply (with a quote), a
   * forward, formatting entities, a `date` in the past.
   * @returns the stored message.
   */
  userSends(
    chat: number | FakeChat,
    user: number | FakeUser,
    text: string,
    options: UserMessageOptions = {},
  ): FakeMessage {
    const entities = [...(options.entities ?? [])];
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    if (command && !options.forwardedFrom)
      entities.unshift({ type: 'bot_command', offset: 0, length: command[0].length });
    const { message, payload } = this.userMessage(chat, user, { text, entities }, options);
    if (options.forwardedFrom) {
      payload.forward_origin = {
        type: 'user',
        sender_user: { is_bot: false, ...options.forwardedFrom },
        date: payload.date,
      };
    }
    this.deliver(message, { message: payload }, options);
    return message;
  }

  /** A user sends a photo, voice note, sticker or document (no `text`; a photo or document may have a caption). */
  userSendsMedia(
    chat: number | FakeChat,
    user: number | FakeUser,
    kind: FakeMediaKind,
    options: UserMessageOptions & { caption?: string } = {},
  ): FakeMessage {
    const { message, payload } = this.userMessage(
      chat,
      user,
      { text: options.caption ?? '', entities: [], media: kind },
      options,
    );
    const file = { file_id: `file-${kind}-${message.messageId}`, file_unique_id: `u${message.messageId}` };
    payload[kind] =
      kind === 'photo'
        ? [{ ...file, width: 90, height: 90 }]
        : kind === 'voice'
          ? { ...file, duration: 2 }
          : kind === 'sticker'
            ? { ...file, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false }
            : { ...file, file_name: 'notes.txt' };
    if (options.caption) payload.caption = options.caption;
    this.deliver(message, { message: payload }, options);
    return message;
  }

  /**
   * A user sends a photo, document or voice note whose bytes the bot can fetch (getFile, then
   * the file endpoint): a `message` update with `photo` (two sizes, the largest last), `document`
   * or `voice`, optionally a reply and with a caption. `fileSize` overrides the size reported.
   * @returns the stored message and the stored file.
   */
  userSendsFile(
    chat: number | FakeChat,
    user: number | FakeUser,
    kind: FakeFile['kind'],
    data: Buffer,
    options: UserMessageOptions & {
      fileName?: string;
      mimeType?: string;
      caption?: string;
      fileSize?: number;
    } = {},
  ): { message: FakeMessage; file: StoredFile } {
    const folder = kind === 'photo' ? 'photos' : kind === 'voice' ? 'voice' : 'documents';
    const named = /\.([A-Za-z0-9]{1,8})$/.exec(options.fileName ?? '')?.[1] ?? 'bin';
    const file = this.files.add(data, folder, kind === 'photo' ? 'jpg' : kind === 'voice' ? 'oga' : named);
    const caption = options.caption ?? '';
    const { message, payload } = this.userMessage(
      chat,
      user,
      { text: caption, entities: [], media: kind },
      options,
    );
    message.file = { kind, data, fileName: options.fileName ?? null };
    const ref = {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: options.fileSize ?? data.length,
    };
    if (kind === 'photo') {
      const thumb = this.files.add(data.subarray(0, Math.min(data.length, 64)), 'photos', 'jpg');
      const small = {
        file_id: thumb.fileId,
        file_unique_id: thumb.fileUniqueId,
        file_size: thumb.data.length,
      };
      payload.photo = [
        { ...small, width: 90, height: 60 },
        { ...ref, width: 1280, height: 853 },
      ];
    } else if (kind === 'voice') {
      payload.voice = { ...ref, duration: 3, mime_type: options.mimeType ?? 'audio/ogg' };
    } else {
      payload.document = {
        ...ref,
        ...(options.fileName !== undefined ? { file_name: options.fileName } : {}),
        mime_type: options.mimeType ?? 'application/octet-stream',
      };
    }
    if (caption) payload.caption = caption;
    this.deliver(message, { message: payload }, options);
    return { message, file };
  }

  /** A user edits one of their messages (an `edited_message` update). */
  userEdits(chat: number | FakeChat, user: number | FakeUser, messageId: number, text: string): void {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const message = this.state.find(chatObj.id, messageId);
    if (!message || message.fromBot) throw new Error(`no user message ${messageId} in chat ${chatObj.id}`);
    Object.assign(message, { text, raw: text, edits: message.edits + 1 });
    this.changed();
    const payload = {
      ...this.state.messageJson(message, chatObj, this.bot),
      from: { is_bot: false, ...from },
    };
    this.deliver(message, { edited_message: { ...payload, edit_date: Math.floor(Date.now() / 1000) } }, {});
  }

  /**
   * A user taps an inline button (a `callback_query` update with `data`).
   * @returns the bot's `answerCallbackQuery` once it arrives.
   * @throws Error when the bot does not answer within `timeoutMs`, or answers after the answer window.
   */
  userTaps(
    chat: number | FakeChat,
    user: number | FakeUser,
    messageId: number,
    data: string,
    timeoutMs = 5000,
    options: UserTapOptions = {},
  ): Promise<FakeCallbackAnswer> {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const message = this.state.find(chatObj.id, messageId);
    if (!message) throw new Error(`no message ${messageId} in chat ${chatObj.id}`);
    const id = String(this.nextCallbackId++);
    const pending = this.state.addQuery(id, chatObj.id, Date.now() - (options.ageMs ?? 0));
    const answered = new Promise<FakeCallbackAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.state.dropQuery(id);
        reject(new Error(`callback query ${id} (${data}) was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.then(resolve, reject).finally(() => clearTimeout(timer));
    });
    // A tap reaches the bot whose message carries the button.
    const owner = this.bots.find((b) => message.fromBot && b.id === message.fromId) ?? this.bot;
    this.pushUpdate(
      {
        callback_query: {
          id,
          from: { is_bot: false, ...from },
          message: options.inaccessible
            ? { chat: chatObj, message_id: messageId, date: 0 }
            : this.state.messageJson(message, chatObj, this.bot),
          chat_instance: `ci${chatObj.id}`,
          data,
        },
      },
      owner.token,
    );
    return answered;
  }

  /**
   * Delivers any update body as it is (fuzzing: forged, malformed or foreign updates). A
   * `callback_query` with a string `id` becomes answerable (the answer is recorded, never awaited)
   * unless `answerable` is false: then Telegram refuses its answer as too old, like a tap
   * replayed long after it was made.
   * @returns the update id.
   */
  injectUpdate(body: Record<string, unknown>, options: { answerable?: boolean } = {}): number {
    const query = body.callback_query as { id?: unknown; message?: { chat?: { id?: unknown } } } | undefined;
    if (query && typeof query.id === 'string' && options.answerable !== false) {
      this.state.addQuery(query.id, Number(query.message?.chat?.id ?? 0), Date.now()).catch(() => undefined);
    }
    return this.pushUpdate(body);
  }

  protected userMessage(
    chat: number | FakeChat,
    user: number | FakeUser,
    content: Pick<FakeMessage, 'text' | 'entities' | 'media'>,
    options: UserMessageOptions,
  ): { message: FakeMessage; payload: Record<string, unknown> } {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const message = this.state.store(
      {
        chatId: chatObj.id,
        fromBot: false,
        fromId: from.id,
        text: content.text,
        raw: content.text,
        parseMode: null,
        entities: content.entities,
        buttons: [],
        replyToMessageId: options.replyTo ?? null,
        ...(content.media ? { media: content.media } : {}),
      },
      Date.now() - (options.ageMs ?? 0),
    );
    const payload: Record<string, unknown> = {
      message_id: message.messageId,
      from: { is_bot: false, ...from },
      chat: chatObj,
      date: Math.floor(message.at / 1000),
      ...(content.media ? {} : { text: content.text }),
      ...(content.entities.length && !content.media ? { entities: content.entities } : {}),
    };
    if (options.replyTo !== undefined) {
      const original = this.state.find(chatObj.id, options.replyTo);
      if (original) payload.reply_to_message = this.state.messageJson(original, chatObj, this.bot);
      if (options.quote !== undefined) {
        const position = original ? Math.max(0, original.text.indexOf(options.quote)) : 0;
        payload.quote = { text: options.quote, position, is_manual: true };
      }
    }
    return { message, payload };
  }
}
