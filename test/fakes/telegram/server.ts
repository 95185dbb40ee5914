/**
 * The fake Bot API's HTTP side: the server on 127.0.0.1, call recording, scripted failures, token
 * revocation, outages, latency, and long polling per bot token (`updates.ts`: a second poller of
 * the same token ends the first with 409; bots with different tokens poll side by side). The methods are
 * carried out by `chats.ts`; `FakeTelegramBotApi` (`test/fakes/telegram-bot-api.ts`) extends this
 * class with the control API tests use.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeChats } from './chats.js';
import { FakeFileStore, FILE_METHODS, parseMultipart, runFileMethod } from '../telegram-files.js';
import { ApiError, assertUtf8Strings, decodeUtf8 } from './html.js';
import type { FakeBot, FakeCall, FakeFailure, FakeMessage, FakeTelegramBotApiOptions } from './types.js';
import { conflictError, UpdateQueue } from './updates.js';

/** The HTTP server and long polling of the fake (see the module doc). */
export class FakeBotApiServer {
  /** Every API call received, oldest first. */
  readonly calls: FakeCall[] = [];
  protected readonly bots: FakeBot[];
  protected readonly revoked = new Set<string>();
  protected readonly latencyMs: number;
  protected readonly state: FakeChats;
  /** Files users sent (served by getFile and the file endpoint). */
  protected readonly files = new FakeFileStore();
  protected server: http.Server | null = null;
  protected readonly sockets = new Set<Socket>();
  protected port = 0;
  /** Per bot token: its updates and pending long polls. */
  protected readonly queues = new Map<string, UpdateQueue>();
  protected nextUpdateId = 1;
  protected readonly failures = new Map<string, FakeFailure[]>();
  protected readonly held = new Set<http.ServerResponse>();
  protected nextCallbackId = 1;
  protected readonly messageWaiters = new Set<() => void>();
  protected otherPoller = false;

  constructor(options: FakeTelegramBotApiOptions = {}) {
    this.bots = options.bots ?? [
      {
        token: '1234567890:AAFakeTokenForTestsOnly_abcdefghijklmn',
        id: 1234567890,
        username: 'agent_pager_test_bot',
        firstName: 'Agent Pager Test',
      },
    ];
    this.latencyMs = options.latencyMs ?? 0;
    this.state = new FakeChats(() => this.changed(), options.callbackAnswerWindowMs ?? 15_000, this.bots);
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

  /** Starts listening on 127.0.0.1 and a free port. */
  async start(): Promise<{ apiRoot: string }> {
    await this.listen(0);
    return { apiRoot: this.apiRoot };
  }

  /** Stops the server, ends pending long polls and held calls, destroys every socket. */
  async close(): Promise<void> {
    await this.goOffline();
  }

  /** Simulates a network outage: closes the listener (new connections are refused) and drops every open connection. */
  async goOffline(): Promise<void> {
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
    if (on) for (const q of this.queues.values()) q.endAll(conflictError());
  }

  /** Revokes a bot token (BotFather's /revoke): every call with it answers 401 from now on. */
  revokeToken(token = this.token): void {
    this.revoked.add(token);
    this.queues.get(token)?.endAll(new ApiError(401, 'Unauthorized'));
  }

  /** Makes the next call of `method` fail as described (queued: several calls fail in turn). */
  failNext(method: string, failure: FakeFailure): void {
    const list = this.failures.get(method) ?? [];
    list.push(failure);
    this.failures.set(method, list);
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
      for (const list of this.state.chats.values()) {
        const found = list.find(predicate);
        if (found) return found;
      }
      return null;
    }, timeoutMs);
  }

  /**
   * Resolves once `check` returns non-null, re-checked after every change to any chat and every call.
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
        const dump = [...this.state.chats.entries()]
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

  // ——— server ———

  protected async listen(port: number): Promise<void> {
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
  }

  protected dropConnections(): void {
    for (const q of this.queues.values()) q.drop();
    this.held.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  protected async readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    const url = new URL(req.url ?? '/', 'http://x');
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
    if (bytes.length > 0 && type.includes('multipart/form-data'))
      return { ...params, ...(await parseMultipart(bytes, type)) };
    const raw = decodeUtf8(bytes);
    if (!raw) return params;
    if (type.includes('application/json'))
      return { ...params, ...(JSON.parse(raw) as Record<string, unknown>) };
    if (type.includes('application/x-www-form-urlencoded')) {
      return { ...params, ...Object.fromEntries(new URLSearchParams(raw).entries()) };
    }
    throw new ApiError(400, 'Bad Request: unsupported body');
  }

  protected reply(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (/^\/file\/bot/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
      this.serveFile(req, res);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const call: FakeCall = {
      method: match?.[2] ?? '',
      token: match?.[1] ?? '',
      params: {},
      at: Date.now(),
      status: 0,
    };
    this.calls.push(call);
    const answer = (status: number, body: unknown): void => {
      call.status = status;
      this.reply(res, status, body);
      this.changed();
    };
    const fail = (e: ApiError): void => {
      call.description = e.description;
      answer(e.status, {
        ok: false,
        error_code: e.status,
        description: e.description,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      });
    };
    try {
      call.params = await this.readBody(req);
      if (!match) throw new ApiError(404, 'Not Found');
      const bot = this.bots.find((b) => b.token === match[1]);
      if (!bot || this.revoked.has(bot.token)) throw new ApiError(401, 'Unauthorized');
      assertUtf8Strings(call.params);
      const method = match[2]!;
      if (method !== 'getUpdates' && this.latencyMs > 0)
        await new Promise((r) => setTimeout(r, this.latencyMs));
      const failure = this.failures.get(method)?.shift();
      if (failure && 'hang' in failure) {
        this.held.add(res);
        return;
      }
      if (failure && 'status' in failure && !('afterStore' in failure && failure.afterStore)) {
        if (failure.status === 429) {
          throw new ApiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
            retry_after: failure.retryAfter,
          });
        }
        const fallback =
          failure.status >= 500 ? 'Bad Gateway' : failure.status === 401 ? 'Unauthorized' : 'Bad Request';
        throw new ApiError(
          failure.status,
          'description' in failure && failure.description ? failure.description : fallback,
        );
      }
      if (method === 'getUpdates') {
        if (this.otherPoller) throw conflictError();
        call.status = 200;
        this.queue(bot.token).poll(call.params, res);
        return;
      }
      const result = FILE_METHODS.has(method)
        ? runFileMethod(this.state, this.files, bot, method, call.params)
        : this.state.run(bot, method, call.params);
      if (failure && 'dropResponse' in failure) {
        res.socket?.destroy();
        return;
      }
      if (failure && 'status' in failure) throw new ApiError(failure.status, 'Bad Gateway');
      answer(200, { ok: true, result });
    } catch (e) {
      if (e instanceof ApiError) fail(e);
      else fail(new ApiError(400, `Bad Request: ${(e as Error).message}`));
    }
  }

  /** `GET /file/bot<token>/<file_path>`: the bytes of a file a user sent (after getFile). */
  private serveFile(req: http.IncomingMessage, res: http.ServerResponse): void {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const call: FakeCall = {
      method: 'file',
      token: download?.[1] ?? '',
      params: {},
      at: Date.now(),
      status: 0,
    };
    call.params = { path: download?.[2] ?? '' };
    this.calls.push(call);
    const known = download && this.bots.some((b) => b.token === download[1] && !this.revoked.has(b.token));
    const file = known ? this.files.byPath(download[2]!) : null;
    call.status = file ? 200 : 404;
    if (!file) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length });
    res.end(file.data);
  }

  /** The update queue of a bot token (made on first use). */
  protected queue(token: string): UpdateQueue {
    let queue = this.queues.get(token);
    if (!queue) {
      queue = new UpdateQueue((res, status, body) => this.reply(res, status, body));
      this.queues.set(token, queue);
    }
    return queue;
  }

  /** Queues an update for the bot with `token` (default: the default bot). @returns the update id. */
  protected pushUpdate(body: Record<string, unknown>, token = this.token): number {
    const update_id = this.nextUpdateId++;
    this.queue(token).push({ update_id, ...body });
    return update_id;
  }

  protected changed(): void {
    for (const waiter of [...this.messageWaiters]) waiter();
  }
}
