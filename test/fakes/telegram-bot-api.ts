/**
 * A fake of the Telegram Bot API (https://core.telegram.org/bots/api) on 127.0.0.1, close enough
 * that the real grammY client talks to it over HTTP unchanged (`client.apiRoot`).
 *
 * Implemented methods (`POST|GET /bot<token>/<method>`, JSON or form bodies): getMe, getUpdates
 * (real long polling with `offset`/`timeout`/`limit`), deleteWebhook, sendMessage,
 * editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands, deleteMyCommands,
 * close, logOut. Behaviour the app depends on, as in the real API:
 * - unknown token → 401 `Unauthorized`; unknown method → 404.
 * - a second concurrent `getUpdates` terminates the pending one with 409 `Conflict: terminated by
 *   other getUpdates request` (the newest poller wins); {@link FakeTelegramBotApi.simulateOtherPoller}
 *   makes every getUpdates answer 409.
 * - `parse_mode: "HTML"` is parsed (supported tags, `&lt;` `&gt;` `&amp;` `&quot;` entities) and bad
 *   markup gets 400 `can't parse entities`; text longer than 4096 chars after parsing gets 400
 *   `message is too long`; callback data over 64 bytes gets 400 `BUTTON_DATA_INVALID`; editing to
 *   the same text and markup gets 400 `message is not modified`.
 *
 * Usage:
 * ```ts
 * const tg = new FakeTelegramBotApi();
 * const { apiRoot } = await tg.start();           // http://127.0.0.1:<port>; give it to grammY
 * const token = tg.token;                          // a valid token of the default bot
 * tg.userSends(CHAT, USER, `/start ${pairingToken}`);
 * const reply = await tg.waitForMessage((m) => m.chatId === CHAT && m.fromBot, 5000);
 * reply.text;                                      // plain text, HTML tags removed
 * reply.buttons;                                   // inline keyboard, [row][col] {text, data}
 * const answer = await tg.userTaps(CHAT, USER, reply.messageId, 'a:p1:0');   // {text, showAlert}
 * tg.failNext('sendMessage', { status: 429, retryAfter: 2 });
 * tg.goOffline(); … tg.goOnline();                 // refuse connections, then accept again
 * await tg.close();
 * ```
 * A chat and a user are given as ids (a private chat's id equals its user's id in Telegram), or
 * as objects with names.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A Telegram user as the fake reports it in updates. */
export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
}

/** A chat as the fake reports it in updates. */
export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  username?: string;
  title?: string;
}

/** One inline keyboard button as stored (only the fields the app uses). */
export interface FakeButton {
  text: string;
  data: string | null;
}

/** One message in a chat, from a user or from the bot. */
export interface FakeMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  /** Sender user id (the bot's id for bot messages). */
  fromId: number;
  /** Plain text: HTML parsed away when sent with `parse_mode: "HTML"`. */
  text: string;
  /** The raw text as sent (with markup). */
  raw: string;
  parseMode: string | null;
  /** Inline keyboard rows, [] when none. */
  buttons: FakeButton[][];
  replyToMessageId: number | null;
  /** How often it was edited (text or markup). */
  edits: number;
  /** Epoch ms when it was stored. */
  at: number;
}

/** One API call the fake received (also failed ones). */
export interface FakeCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** Epoch ms when the request arrived. */
  at: number;
  /** HTTP status answered (0 when the connection was dropped). */
  status: number;
}

/** A scripted failure for the next call of a method. */
export type FakeFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504 }
  | { status: 400 | 403; description?: string }
  /** Carries the call out (message stored), then destroys the socket before answering. */
  | { dropResponse: true };

/** What a user saw when the bot answered a callback query. */
export interface FakeCallbackAnswer {
  text: string | null;
  showAlert: boolean;
}

/** A bot the fake knows: its token and identity. */
export interface FakeBot {
  token: string;
  id: number;
  username: string;
  firstName: string;
}

interface Update {
  update_id: number;
  [key: string]: unknown;
}

interface Poller {
  token: string;
  res: http.ServerResponse;
  timer: NodeJS.Timeout;
  offset: number;
  limit: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'code',
  'pre',
  'a',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);

/**
 * Parses Telegram's HTML style (https://core.telegram.org/bots/api#html-style) to plain text.
 * @throws ApiError 400 on unknown tags, unbalanced tags, a bare `<` or an unknown entity.
 */
export function parseTelegramHtml(html: string): string {
  const stack: string[] = [];
  let out = '';
  let i = 0;
  const bad = (why: string): never => {
    throw new ApiError(400, `Bad Request: can't parse entities: ${why} at byte offset ${i}`);
  };
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) bad('unclosed start tag');
      const inner = html.slice(i + 1, end);
      const closing = inner.startsWith('/');
      const name = (closing ? inner.slice(1) : inner).split(/\s/)[0]!.toLowerCase();
      if (!HTML_TAGS.has(name)) bad(`unsupported start tag "${name}"`);
      if (closing) {
        if (stack.pop() !== name) bad(`unmatched end tag "${name}"`);
      } else {
        stack.push(name);
      }
      i = end + 1;
    } else if (ch === '&') {
      const end = html.indexOf(';', i);
      const entity = end < 0 ? '' : html.slice(i + 1, end);
      const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
      if (map[entity] !== undefined) {
        out += map[entity];
      } else if (/^#\d+$/.test(entity)) {
        out += String.fromCodePoint(Number(entity.slice(1)));
      } else {
        bad('unsupported entity');
      }
      i = end + 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  if (stack.length > 0) bad(`unclosed tag "${stack[stack.length - 1]}"`);
  return out;
}

function asUser(user: number | FakeUser): FakeUser {
  return typeof user === 'number' ? { id: user, first_name: `User ${user}` } : user;
}

function asChat(chat: number | FakeChat, user: FakeUser): FakeChat {
  if (typeof chat !== 'number') return chat;
  return chat === user.id
    ? { id: chat, type: 'private', first_name: user.first_name, username: user.username }
    : chat > 0
      ? { id: chat, type: 'private', first_name: `Chat ${chat}` }
      : { id: chat, type: 'group', title: `Group ${chat}` };
}

/** Options of {@link FakeTelegramBotApi}. */
export interface FakeTelegramBotApiOptions {
  /** Bots the fake knows; default one bot `agent_pager_test_bot`. The first is the default. */
  bots?: FakeBot[];
}

/** The fake Bot API server plus a control API for tests (see the module doc). */
export class FakeTelegramBotApi {
  /** Every API call received, oldest first. */
  readonly calls: FakeCall[] = [];
  private readonly bots: FakeBot[];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private offline = false;
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private confirmedBelow = 0;
  private pollers: Poller[] = [];
  private readonly chats = new Map<number, FakeMessage[]>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly failures = new Map<string, FakeFailure[]>();
  private readonly callbackWaiters = new Map<string, (answer: FakeCallbackAnswer) => void>();
  private nextCallbackId = 1;
  private readonly messageWaiters = new Set<() => void>();
  private otherPoller = false;
  private commands: { command: string; description: string }[] = [];

  constructor(options: FakeTelegramBotApiOptions = {}) {
    this.bots = options.bots ?? [
      {
        token: '1234567890:AAFakeTokenForTestsOnly_abcdefghijklmn',
        id: 1234567890,
        username: 'agent_pager_test_bot',
        firstName: 'Agent Pager Test',
      },
    ];
  }

  /** The default bot's token. */
  get token(): string {
    return this.bots[0]!.token;
  }

  /** The default bot. */
  get bot(): FakeBot {
    return this.bots[0]!;
  }

  /** Base URL to give grammY as `apiRoot` (no trailing slash). Valid after {@link start}. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Commands last set with setMyCommands. */
  get myCommands(): { command: string; description: string }[] {
    return this.commands;
  }

  /** Starts listening on 127.0.0.1 and a free port. */
  async start(): Promise<{ apiRoot: string }> {
    await this.listen(0);
    return { apiRoot: this.apiRoot };
  }

  /** Stops the server, ends pending long polls, destroys every socket. */
  async close(): Promise<void> {
    this.offline = true;
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Simulates a network outage: closes the listener (new connections are refused) and drops every open connection. */
  async goOffline(): Promise<void> {
    this.offline = true;
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Ends an outage: listens again on the same port. */
  async goOnline(): Promise<void> {
    await this.listen(this.port);
  }

  /** From now on, every getUpdates answers 409 as if another program were polling this bot. */
  simulateOtherPoller(on = true): void {
    this.otherPoller = on;
    if (on) for (const p of [...this.pollers]) this.endPoll(p, this.conflict());
  }

  /** Makes the next call of `method` fail as described (queued: several calls fail in turn). */
  failNext(method: string, failure: FakeFailure): void {
    const list = this.failures.get(method) ?? [];
    list.push(failure);
    this.failures.set(method, list);
  }

  /** Every message of a chat (user and bot), oldest first. */
  messagesIn(chatId: number): FakeMessage[] {
    return [...(this.chats.get(chatId) ?? [])];
  }

  /** The bot's messages in a chat, oldest first. */
  botMessages(chatId: number): FakeMessage[] {
    return this.messagesIn(chatId).filter((m) => m.fromBot);
  }

  /** Calls of one method, oldest first. */
  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves with the first message (existing or future, bot or user, edits included: the stored
   * message is re-checked after every change) that matches.
   * @throws Error after `timeoutMs` with the chat contents in the message.
   */
  waitForMessage(predicate: (m: FakeMessage) => boolean, timeoutMs = 5000): Promise<FakeMessage> {
    return this.waitFor(() => {
      for (const list of this.chats.values()) {
        const found = list.find(predicate);
        if (found) return found;
      }
      return null;
    }, timeoutMs);
  }

  /**
   * Resolves once `check` returns non-null, re-checked after every change to any chat.
   * @throws Error after `timeoutMs`.
   */
  waitFor<T>(check: () => T | null, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const now = check();
      if (now !== null) return resolve(now);
      const onChange = (): void => {
        const value = check();
        if (value !== null) {
          clearTimeout(timer);
          this.messageWaiters.delete(onChange);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.messageWaiters.delete(onChange);
        const dump = [...this.chats.entries()]
          .map(
            ([id, ms]) =>
              `${id}: ${ms.map((m) => `${m.fromBot ? 'bot' : 'user'}#${m.messageId} ${JSON.stringify(m.text.slice(0, 120))}`).join(' | ')}`,
          )
          .join('\n');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a message; chats:\n${dump}`));
      }, timeoutMs);
      this.messageWaiters.add(onChange);
    });
  }

  /**
   * A user writes `text` in a chat (delivered to the bot as a `message` update). Text starting
   * with "/" carries a `bot_command` entity like in Telegram.
   * @returns the stored message.
   */
  userSends(
    chat: number | FakeChat,
    user: number | FakeUser,
    text: string,
    options: { replyTo?: number } = {},
  ): FakeMessage {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const message = this.store({
      chatId: chatObj.id,
      fromBot: false,
      fromId: from.id,
      text,
      raw: text,
      parseMode: null,
      buttons: [],
      replyToMessageId: options.replyTo ?? null,
    });
    const payload: Record<string, unknown> = {
      message_id: message.messageId,
      from: { is_bot: false, ...from },
      chat: chatObj,
      date: Math.floor(message.at / 1000),
      text,
    };
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    if (command) payload.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    if (options.replyTo !== undefined) {
      const original = this.chats.get(chatObj.id)?.find((m) => m.messageId === options.replyTo);
      if (original) payload.reply_to_message = this.messageJson(original, chatObj);
    }
    this.pushUpdate({ message: payload });
    return message;
  }

  /**
   * A user sends a message without text, e.g. a sticker or a voice note: `fields` are the Bot
   * API Message fields of that kind (`{ sticker: {...} }`), added to the usual
   * `message_id`/`from`/`chat`/`date`. Stored with `text` set to `[<first field name>]`.
   * @returns the stored message.
   */
  userSendsMedia(
    chat: number | FakeChat,
    user: number | FakeUser,
    fields: Record<string, unknown>,
  ): FakeMessage {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const label = `[${Object.keys(fields)[0] ?? 'message'}]`;
    const message = this.store({
      chatId: chatObj.id,
      fromBot: false,
      fromId: from.id,
      text: label,
      raw: label,
      parseMode: null,
      buttons: [],
      replyToMessageId: null,
    });
    this.pushUpdate({
      message: {
        message_id: message.messageId,
        from: { is_bot: false, ...from },
        chat: chatObj,
        date: Math.floor(message.at / 1000),
        ...fields,
      },
    });
    return message;
  }

  /**
   * A user taps an inline button (a `callback_query` update with `data`).
   * @returns the bot's `answerCallbackQuery` once it arrives.
   * @throws Error when the bot does not answer within `timeoutMs`.
   */
  userTaps(
    chat: number | FakeChat,
    user: number | FakeUser,
    messageId: number,
    data: string,
    timeoutMs = 5000,
  ): Promise<FakeCallbackAnswer> {
    const from = asUser(user);
    const chatObj = asChat(chat, from);
    const message = this.chats.get(chatObj.id)?.find((m) => m.messageId === messageId);
    if (!message) throw new Error(`no message ${messageId} in chat ${chatObj.id}`);
    const id = String(this.nextCallbackId++);
    const answered = new Promise<FakeCallbackAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.callbackWaiters.delete(id);
        reject(new Error(`callback query ${id} (${data}) was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      this.callbackWaiters.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
    this.pushUpdate({
      callback_query: {
        id,
        from: { is_bot: false, ...from },
        message: this.messageJson(message, chatObj),
        chat_instance: `ci${chatObj.id}`,
        data,
      },
    });
    return answered;
  }

  // ——— server ———

  private async listen(port: number): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent)
          this.reply(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.offline = false;
  }

  private dropConnections(): void {
    for (const p of this.pollers) clearTimeout(p.timer);
    this.pollers = [];
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private async readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    const url = new URL(req.url ?? '/', 'http://x');
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
    if (!raw) return params;
    if (type.includes('application/json'))
      return { ...params, ...(JSON.parse(raw) as Record<string, unknown>) };
    if (type.includes('application/x-www-form-urlencoded')) {
      return { ...params, ...Object.fromEntries(new URLSearchParams(raw).entries()) };
    }
    throw new ApiError(400, 'Bad Request: unsupported body');
  }

  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const at = Date.now();
    const call: FakeCall = { method: match?.[2] ?? '', token: match?.[1] ?? '', params: {}, at, status: 0 };
    this.calls.push(call);
    const answer = (status: number, body: unknown): void => {
      call.status = status;
      this.reply(res, status, body);
    };
    const fail = (e: ApiError): void =>
      answer(e.status, {
        ok: false,
        error_code: e.status,
        description: e.description,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      });
    try {
      call.params = await this.readBody(req);
      if (!match) throw new ApiError(404, 'Not Found');
      const bot = this.bots.find((b) => b.token === match[1]);
      if (!bot) throw new ApiError(401, 'Unauthorized');
      const method = match[2]!;
      const failure = this.failures.get(method)?.shift();
      if (failure && !('dropResponse' in failure)) {
        if (failure.status === 429) {
          throw new ApiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
            retry_after: failure.retryAfter,
          });
        }
        throw new ApiError(
          failure.status,
          'description' in failure && failure.description ? failure.description : 'Bad Gateway',
        );
      }
      if (method === 'getUpdates') {
        this.getUpdates(bot, call.params, res, call);
        return;
      }
      const result = this.run(bot, method, call.params);
      if (failure && 'dropResponse' in failure) {
        res.socket?.destroy();
        return;
      }
      answer(200, { ok: true, result });
    } catch (e) {
      if (e instanceof ApiError) fail(e);
      else fail(new ApiError(400, `Bad Request: ${(e as Error).message}`));
    }
  }

  private conflict(): ApiError {
    return new ApiError(
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
  }

  private endPoll(poller: Poller, error: ApiError | null): void {
    clearTimeout(poller.timer);
    this.pollers = this.pollers.filter((p) => p !== poller);
    if (error) {
      this.reply(poller.res, error.status, {
        ok: false,
        error_code: error.status,
        description: error.description,
      });
      return;
    }
    const pending = this.updates.filter((u) => u.update_id >= poller.offset).slice(0, poller.limit);
    this.reply(poller.res, 200, { ok: true, result: pending });
  }

  private getUpdates(
    bot: FakeBot,
    params: Record<string, unknown>,
    res: http.ServerResponse,
    call: FakeCall,
  ): void {
    if (this.otherPoller) throw this.conflict();
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeoutSec = Math.max(0, Number(params.timeout ?? 0));
    if (offset > this.confirmedBelow) {
      this.confirmedBelow = offset;
      for (let i = this.updates.length - 1; i >= 0; i--) {
        if (this.updates[i]!.update_id < offset) this.updates.splice(i, 1);
      }
    }
    for (const other of [...this.pollers]) this.endPoll(other, this.conflict());
    call.status = 200;
    const poller: Poller = {
      token: bot.token,
      res,
      offset,
      limit,
      timer: setTimeout(() => this.endPoll(poller, null), timeoutSec * 1000),
    };
    res.on('close', () => {
      clearTimeout(poller.timer);
      this.pollers = this.pollers.filter((p) => p !== poller);
    });
    this.pollers.push(poller);
    if (this.updates.some((u) => u.update_id >= offset)) this.endPoll(poller, null);
  }

  private pushUpdate(body: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...body });
    for (const p of [...this.pollers]) {
      if (this.updates.some((u) => u.update_id >= p.offset)) this.endPoll(p, null);
    }
  }

  private store(fields: Omit<FakeMessage, 'messageId' | 'at' | 'edits'>): FakeMessage {
    const id = this.nextMessageId.get(fields.chatId) ?? 1;
    this.nextMessageId.set(fields.chatId, id + 1);
    const message: FakeMessage = { ...fields, messageId: id, edits: 0, at: Date.now() };
    const list = this.chats.get(fields.chatId) ?? [];
    list.push(message);
    this.chats.set(fields.chatId, list);
    this.changed();
    return message;
  }

  private changed(): void {
    for (const waiter of [...this.messageWaiters]) waiter();
  }

  private messageJson(m: FakeMessage, chat: FakeChat): Record<string, unknown> {
    const bot = this.bots[0]!;
    return {
      message_id: m.messageId,
      from: m.fromBot
        ? { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username }
        : { id: m.fromId, is_bot: false, first_name: `User ${m.fromId}` },
      chat,
      date: Math.floor(m.at / 1000),
      text: m.text,
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

  private parseText(params: Record<string, unknown>): {
    text: string;
    raw: string;
    parseMode: string | null;
  } {
    const raw = typeof params.text === 'string' ? params.text : '';
    if (!raw.trim()) throw new ApiError(400, 'Bad Request: message text is empty');
    const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : null;
    if (parseMode !== null && parseMode !== 'HTML')
      throw new ApiError(400, 'Bad Request: unsupported parse_mode');
    const text = parseMode === 'HTML' ? parseTelegramHtml(raw) : raw;
    if (text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    return { text, raw, parseMode };
  }

  private parseButtons(markup: unknown): FakeButton[][] {
    const value = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
    if (!value || typeof value !== 'object') return [];
    const rows = (value as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(rows)) return [];
    return rows.map((row: { text: string; callback_data?: string }[]) =>
      row.map((b) => {
        if (b.callback_data !== undefined && Buffer.byteLength(b.callback_data, 'utf8') > 64) {
          throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
        }
        return { text: b.text, data: b.callback_data ?? null };
      }),
    );
  }

  private findMessage(params: Record<string, unknown>): FakeMessage {
    const chatId = Number(params.chat_id);
    const message = this.chats.get(chatId)?.find((m) => m.messageId === Number(params.message_id));
    if (!message || !message.fromBot) throw new ApiError(400, 'Bad Request: message to edit not found');
    return message;
  }

  private run(bot: FakeBot, method: string, params: Record<string, unknown>): unknown {
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
        this.commands = (
          typeof params.commands === 'string' ? JSON.parse(params.commands) : params.commands
        ) as typeof this.commands;
        return true;
      case 'sendMessage': {
        const chatId = Number(params.chat_id);
        if (!Number.isFinite(chatId)) throw new ApiError(400, 'Bad Request: chat not found');
        const { text, raw, parseMode } = this.parseText(params);
        const buttons = this.parseButtons(params.reply_markup);
        const replyParams = params.reply_parameters as { message_id?: number } | undefined;
        const message = this.store({
          chatId,
          fromBot: true,
          fromId: bot.id,
          text,
          raw,
          parseMode,
          buttons,
          replyToMessageId: replyParams?.message_id ?? null,
        });
        return this.messageJson(message, { id: chatId, type: chatId > 0 ? 'private' : 'group' });
      }
      case 'editMessageText': {
        const message = this.findMessage(params);
        const { text, raw, parseMode } = this.parseText(params);
        const buttons = this.parseButtons(params.reply_markup);
        if (raw === message.raw && JSON.stringify(buttons) === JSON.stringify(message.buttons)) {
          throw new ApiError(400, 'Bad Request: message is not modified');
        }
        Object.assign(message, { text, raw, parseMode, buttons, edits: message.edits + 1 });
        this.changed();
        return this.messageJson(message, { id: message.chatId, type: 'private' });
      }
      case 'editMessageReplyMarkup': {
        const message = this.findMessage(params);
        const buttons = this.parseButtons(params.reply_markup);
        if (JSON.stringify(buttons) === JSON.stringify(message.buttons)) {
          throw new ApiError(400, 'Bad Request: message is not modified');
        }
        Object.assign(message, { buttons, edits: message.edits + 1 });
        this.changed();
        return this.messageJson(message, { id: message.chatId, type: 'private' });
      }
      case 'answerCallbackQuery': {
        const id = String(params.callback_query_id);
        const waiter = this.callbackWaiters.get(id);
        if (!waiter)
          throw new ApiError(
            400,
            'Bad Request: query is too old and response timeout expired or query ID is invalid',
          );
        this.callbackWaiters.delete(id);
        waiter({
          text: typeof params.text === 'string' ? params.text : null,
          showAlert: params.show_alert === true || params.show_alert === 'true',
        });
        return true;
      }
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }
}
