/**
 * A small scriptable fake of the OpenAI Responses API, enough to drive the real Codex CLI
 * (0.169.0) offline through a custom model provider (`wire_api = "responses"`).
 *
 * What the CLI asks of it (observed with 0.169.0):
 * - only `POST /v1/responses`, always `"stream": true`, read as server-sent events
 *   (`event: <type>` + `data: {json}`);
 * - per turn one request with ~13 tools (`exec_command`, `apply_patch`, …), answered by the test's
 *   {@link ResponsesScript}, and one side request with `tools: []` ("Generate a concise, single-line
 *   task title"), answered with a short text;
 * - a tool call is a `function_call` item; the next request carries its `function_call_output`.
 * - `exec_command` asks for approval only with `sandbox_permissions: "require_escalated"`; its
 *   `justification` becomes the prompt's `Reason:` line.
 *
 * Usage:
 * ```ts
 * const api = new FakeResponsesApi({ script: execThenText('echo hello > out.txt') });
 * const { url } = await api.start();   // base_url = `${url}/v1`
 * await api.close();
 * ```
 */
import type http from 'node:http';
import { closeLocalServer, readJsonBody, startLocalServer } from './local-server.js';

/** One input item of a Responses request (only the fields the fake reads are typed). */
export interface ResponsesInputItem {
  type?: string;
  role?: string;
  content?: unknown;
  call_id?: string;
  [key: string]: unknown;
}

/** A Responses request body as the CLI sends it. */
export interface ResponsesRequest {
  model?: string;
  stream?: boolean;
  tools?: { name?: string; type?: string }[];
  input?: ResponsesInputItem[];
  [key: string]: unknown;
}

/** What the fake answers for a turn: text, or one function call (`arguments` as an object). */
export type ResponsesReply =
  { kind: 'text'; text: string } | { kind: 'call'; name: string; arguments: Record<string, unknown> };

/** Decides the reply to a turn request (not called for side requests without tools). */
export type ResponsesScript = (request: ResponsesRequest) => ResponsesReply;

/** The items after the last user message of the request. */
export function itemsSinceUser(request: ResponsesRequest): ResponsesInputItem[] {
  const input = request.input ?? [];
  let last = -1;
  input.forEach((it, i) => {
    if (it.type === 'message' && it.role === 'user') last = i;
  });
  return input.slice(last + 1);
}

/** True when the turn already carries a tool's output (the call ran or was declined). */
export function hasCallOutput(request: ResponsesRequest): boolean {
  return itemsSinceUser(request).some((it) => it.type === 'function_call_output');
}

/** Text of the last user message (what was typed into Codex). */
export function lastUserText(request: ResponsesRequest): string {
  const user = [...(request.input ?? [])].reverse().find((it) => it.type === 'message' && it.role === 'user');
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  if (!Array.isArray(user.content)) return '';
  return (user.content as { text?: unknown }[])
    .map((c) => (typeof c.text === 'string' ? c.text : ''))
    .join('\n');
}

/**
 * An `exec_command` call that asks for escalation (so Codex shows its approval prompt), with
 * `justification` as the prompt's Reason line when given.
 */
export function execCall(cmd: string, justification?: string): ResponsesReply {
  const args: Record<string, unknown> = { cmd, sandbox_permissions: 'require_escalated' };
  if (justification) args.justification = justification;
  return { kind: 'call', name: 'exec_command', arguments: args };
}

/** A script: each task gets one escalated `exec_command`, then `finalText` once it ran. */
export function execThenText(cmd: string, justification?: string, finalText = 'Done.'): ResponsesScript {
  return (req) => (hasCallOutput(req) ? { kind: 'text', text: finalText } : execCall(cmd, justification));
}

let counter = 0;
const nextId = (prefix: string): string =>
  `${prefix}_fake${Date.now().toString(36)}${(counter++).toString(36)}`;

const USAGE = {
  input_tokens: 100,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 10,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 110,
};

/** The output item for a reply. */
function itemFor(reply: ResponsesReply): Record<string, unknown> {
  if (reply.kind === 'text') {
    return {
      type: 'message',
      id: nextId('msg'),
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: reply.text, annotations: [] }],
    };
  }
  return {
    type: 'function_call',
    id: nextId('fc'),
    call_id: nextId('call'),
    name: reply.name,
    arguments: JSON.stringify(reply.arguments),
    status: 'completed',
  };
}

/** The SSE stream of one response holding `item`. */
function sseFor(item: Record<string, unknown>, model: string): string {
  const id = nextId('resp');
  const events: Record<string, unknown>[] = [
    {
      type: 'response.created',
      response: { id, object: 'response', model, status: 'in_progress', output: [] },
    },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress' } },
  ];
  if (item.type === 'message') {
    const text = (item.content as { text: string }[])[0]?.text ?? '';
    events.push({
      type: 'response.output_text.delta',
      output_index: 0,
      content_index: 0,
      item_id: item.id,
      delta: text,
    });
  }
  events.push({ type: 'response.output_item.done', output_index: 0, item });
  events.push({
    type: 'response.completed',
    response: { id, object: 'response', model, status: 'completed', output: [item], usage: USAGE },
  });
  return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

/** Options of {@link FakeResponsesApi}. */
export interface FakeResponsesApiOptions {
  script?: ResponsesScript;
  /** Delay before answering a turn request, in ms. Default 0. */
  turnDelayMs?: number;
}

/** The fake server. {@link script} and {@link turnDelayMs} may be changed at any time. */
export class FakeResponsesApi {
  script: ResponsesScript;
  turnDelayMs: number;
  /** Every turn request received (side requests left out), in order. */
  readonly turns: ResponsesRequest[] = [];
  private server: http.Server | null = null;

  constructor(options: FakeResponsesApiOptions = {}) {
    this.script = options.script ?? (() => ({ kind: 'text', text: 'Done.' }));
    this.turnDelayMs = options.turnDelayMs ?? 0;
  }

  /** Starts on 127.0.0.1, port 0. Resolves with the base URL (no `/v1`). */
  async start(): Promise<{ url: string }> {
    const { server, url } = await startLocalServer((req, res) => this.handle(req, res));
    this.server = server;
    return { url };
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
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-5', object: 'model' }], models: [] }));
      return;
    }
    if (req.method !== 'POST' || !path.endsWith('/responses')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'fake: not found', type: 'not_found' } }));
      return;
    }
    readJsonBody<ResponsesRequest>(
      req,
      (body) => {
        const side = (body.tools ?? []).length === 0;
        if (!side) this.turns.push(body);
        const reply: ResponsesReply = side ? { kind: 'text', text: 'Fake task' } : this.script(body);
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(sseFor(itemFor(reply), body.model ?? 'gpt-5'));
        };
        if (side || this.turnDelayMs <= 0) send();
        else {
          const timer = setTimeout(send, this.turnDelayMs);
          res.on('close', () => clearTimeout(timer));
        }
      },
      () => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'bad json', type: 'invalid_request_error' } }));
      },
    );
  }
}
