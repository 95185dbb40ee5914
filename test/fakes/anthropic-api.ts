/**
 * A small scriptable fake of the Anthropic Messages API, enough to drive the real Claude Code CLI
 * (2.1.197) offline. Facts it follows, observed with Claude Code 2.1.197 (the Messages API
 * streaming format: https://docs.anthropic.com/en/api/messages-streaming):
 *
 * - The CLI calls `POST /v1/messages?beta=true` with `"stream": true` and reads server-sent events
 *   (`message_start`, `content_block_start`, `content_block_delta`, `content_block_stop`,
 *   `message_delta`, `message_stop`).
 * - It first asks for a session title (no tools, system prompt starting "Generate a concise,
 *   sentence-case title"); we answer `{"title":"<title>"}`.
 * - Then each turn; what we answer is decided by the test's {@link TurnScript}.
 * - It may send `HEAD /`; we answer 200. It drops connections freely, so every socket has an
 *   error handler.
 *
 * Usage:
 * ```ts
 * const api = new FakeAnthropicApi({ script: bashThenText('echo hello > out.txt', 'Write hello') });
 * const { url, close } = await api.start();   // url = http://127.0.0.1:<port>
 * // … run claude with ANTHROPIC_BASE_URL=url …
 * api.requests;                                // every Messages request body received
 * await close();
 * ```
 */
import type http from 'node:http';
import { closeLocalServer, readJsonBody, startLocalServer } from './local-server.js';

/** One Messages API request body as the CLI sends it (only the fields the fake reads are typed). */
export interface MessagesRequest {
  model?: string;
  stream?: boolean;
  system?: string | { type: string; text?: string }[];
  tools?: unknown[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
  [key: string]: unknown;
}

/** A content block of a message (text, tool_use, tool_result…). */
export interface ContentBlock {
  type: string;
  text?: string;
  [key: string]: unknown;
}

/** What the fake answers for a turn: plain text, or one tool call. */
export type TurnReply = (
  { kind: 'text'; text: string } | { kind: 'tool_use'; name: string; input: Record<string, unknown> }
) & {
  /** Token counts reported for this message (default: 10 in, 5 out, no cache). */
  usage?: FakeUsage;
};

/** The Messages API `usage` the fake reports for one message. */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Decides the reply to a turn request (not called for title requests). */
export type TurnScript = (request: MessagesRequest) => TurnReply;

/** One request the fake received. `kind` tells title requests from turns. */
export interface RecordedRequest {
  kind: 'title' | 'turn';
  body: MessagesRequest;
}

/** Options of {@link FakeAnthropicApi}. */
export interface FakeAnthropicApiOptions {
  /** The turn script; defaults to {@link textReply}("Done."). */
  script?: TurnScript;
  /** Title answered to the title request; default "Fake session". */
  title?: string;
  /** Delay before answering a turn request, in ms (keeps the CLI busy, e.g. to see its spinner). Default 0. */
  turnDelayMs?: number;
}

/** A script that answers every turn with the same text and `end_turn`. */
export function textReply(text: string): TurnScript {
  return () => ({ kind: 'text', text });
}

/** True when the last user message of the request carries a `tool_result` block. */
export function hasToolResult(request: MessagesRequest): boolean {
  const last = request.messages[request.messages.length - 1];
  if (!last || last.role !== 'user' || typeof last.content === 'string') return false;
  return last.content.some((b) => b.type === 'tool_result');
}

/**
 * A script for the permission-prompt flow: any user message is answered with a Bash `tool_use`
 * (`{command, description}`); once the tool_result arrives, with `finalText` and `end_turn`.
 */
export function bashThenText(command: string, description: string, finalText = 'Done.'): TurnScript {
  return (request) =>
    hasToolResult(request)
      ? { kind: 'text', text: finalText }
      : { kind: 'tool_use', name: 'Bash', input: { command, description } };
}

/** The system prompt of a request as one string. */
function systemText(body: MessagesRequest): string {
  if (typeof body.system === 'string') return body.system;
  if (Array.isArray(body.system)) return body.system.map((b) => b.text ?? '').join('\n');
  return '';
}

/** True for the CLI's session-title request (no tools; system prompt asks for a title). */
function isTitleRequest(body: MessagesRequest): boolean {
  return /Generate a concise, sentence-case title/i.test(systemText(body)) || (body.tools ?? []).length === 0;
}

let counter = 0;
const nextId = (prefix: string): string =>
  `${prefix}_fake${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Server-sent events for one assistant message carrying `reply`. */
function sseFor(reply: TurnReply, model: string): string {
  const events: [string, unknown][] = [];
  events.push([
    'message_start',
    {
      type: 'message_start',
      message: {
        id: nextId('msg'),
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: reply.usage
          ? { ...reply.usage, output_tokens: 1 }
          : {
              input_tokens: 10,
              output_tokens: 1,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 0,
            },
      },
    },
  ]);
  if (reply.kind === 'text') {
    events.push([
      'content_block_start',
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ]);
    events.push([
      'content_block_delta',
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: reply.text } },
    ]);
  } else {
    events.push([
      'content_block_start',
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: nextId('toolu'), name: reply.name, input: {} },
      },
    ]);
    events.push([
      'content_block_delta',
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(reply.input) },
      },
    ]);
  }
  events.push(['content_block_stop', { type: 'content_block_stop', index: 0 }]);
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: reply.kind === 'text' ? 'end_turn' : 'tool_use', stop_sequence: null },
      usage: { output_tokens: reply.usage?.output_tokens ?? 5 },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** The fake server. Set {@link script} at any time to change how later turns are answered. */
export class FakeAnthropicApi {
  /** Current turn script. */
  script: TurnScript;
  /** Title answered to title requests. */
  title: string;
  /** Delay before answering a turn request, in ms. */
  turnDelayMs: number;
  /** Every Messages request received, in order. */
  readonly requests: RecordedRequest[] = [];
  private server: http.Server | null = null;
  /** Turn answers held by {@link holdTurns}, sent by {@link releaseTurns}. */
  private held: Set<() => void> | null = null;

  constructor(options: FakeAnthropicApiOptions = {}) {
    this.script = options.script ?? textReply('Done.');
    this.title = options.title ?? 'Fake session';
    this.turnDelayMs = options.turnDelayMs ?? 0;
  }

  /**
   * Holds every turn answer from now on (the CLI stays busy, its spinner running) until
   * {@link releaseTurns}: a test that needs a busy agent waits for events, not for a fixed delay.
   */
  holdTurns(): void {
    this.held ??= new Set();
  }

  /** Sends every held turn answer now and stops holding (later turns follow {@link turnDelayMs}). */
  releaseTurns(): void {
    const held = this.held;
    this.held = null;
    for (const send of held ?? []) send();
  }

  /** The turn requests received (title requests left out). */
  get turns(): MessagesRequest[] {
    return this.requests.filter((r) => r.kind === 'turn').map((r) => r.body);
  }

  /** Starts listening on 127.0.0.1, port 0. Resolves with the base URL and a `close()`. */
  async start(): Promise<{ url: string; close: () => Promise<void> }> {
    const { server, url } = await startLocalServer((req, res) => this.handle(req, res));
    this.server = server;
    return { url, close: () => this.close() };
  }

  /** Stops the server and drops open connections. */
  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    return closeLocalServer(server);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'HEAD' || req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'GET' ? '{}' : undefined);
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/messages') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not found' } }));
      return;
    }
    readJsonBody<MessagesRequest>(
      req,
      (body) => {
        const title = isTitleRequest(body);
        this.requests.push({ kind: title ? 'title' : 'turn', body });
        const reply: TurnReply = title
          ? { kind: 'text', text: JSON.stringify({ title: this.title }) }
          : this.script(body);
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
            connection: 'keep-alive',
          });
          res.end(sseFor(reply, body.model ?? 'claude-fake'));
        };
        if (!title && this.held) {
          const held = this.held;
          held.add(send);
          res.on('close', () => held.delete(send));
        } else if (title || this.turnDelayMs <= 0) send();
        else {
          const timer = setTimeout(send, this.turnDelayMs);
          res.on('close', () => clearTimeout(timer));
        }
      },
      () => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'bad json' } }),
        );
      },
    );
  }
}
