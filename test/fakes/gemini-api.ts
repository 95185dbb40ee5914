/**
 * A small scriptable fake of the Gemini API (generativelanguage v1beta), enough to drive the real
 * Gemini CLI (0.61.0) offline with `GOOGLE_GEMINI_BASE_URL=<url>` and `GEMINI_API_KEY=<any>`.
 *
 * What the CLI asks of it (observed with 0.61.0, model "Auto"):
 * - `POST /v1beta/models/<m>:generateContent` side calls (the model router, next-speaker check),
 *   which want JSON for `generationConfig.responseJsonSchema`: the fake fills the schema
 *   (enums prefer "user", so a next-speaker check ends the turn);
 * - `POST /v1beta/models/<m>:streamGenerateContent?alt=sse`, the turn, with tools such as
 *   `run_shell_command`, `write_file`, `replace`: answered by the test's {@link GeminiScript};
 *   the next request ends with a `functionResponse` part;
 * - `POST /v1beta/models/<m>:countTokens`.
 *
 * Usage:
 * ```ts
 * const api = new FakeGeminiApi({ script: shellThenText('echo hello > out.txt') });
 * const { url } = await api.start();   // GOOGLE_GEMINI_BASE_URL=url
 * await api.close();
 * ```
 */
import type http from 'node:http';
import { closeLocalServer, readJsonBody, startLocalServer } from './local-server.js';

/** One content of a Gemini request. */
export interface GeminiContent {
  role?: string;
  parts?: { text?: string; functionCall?: unknown; functionResponse?: unknown }[];
}

/** A generateContent request body (only the fields the fake reads are typed). */
export interface GeminiRequest {
  contents?: GeminiContent[];
  tools?: { functionDeclarations?: { name?: string }[] }[];
  generationConfig?: { responseJsonSchema?: unknown; responseSchema?: unknown; responseMimeType?: string };
  [key: string]: unknown;
}

/** What the fake answers for a turn: text, or one function call. */
export type GeminiReply =
  { kind: 'text'; text: string } | { kind: 'call'; name: string; args: Record<string, unknown> };

/** Decides the reply to a turn request. */
export type GeminiScript = (request: GeminiRequest) => GeminiReply;

/** True when the request's last content carries a `functionResponse` (the tool ran or was declined). */
export function lastIsFunctionResponse(request: GeminiRequest): boolean {
  const last = request.contents?.at(-1);
  return Boolean(last?.parts?.some((p) => p.functionResponse !== undefined));
}

/** Text of the last user content that holds text (what was typed into the CLI). */
export function lastUserText(request: GeminiRequest): string {
  for (const c of [...(request.contents ?? [])].reverse()) {
    if (c.role !== 'user') continue;
    const text = (c.parts ?? []).map((p) => (typeof p.text === 'string' ? p.text : '')).join('\n');
    if (text.trim() !== '') return text;
  }
  return '';
}

/** A script: each task gets one `run_shell_command`, then `finalText` once it ran. */
export function shellThenText(command: string, finalText = 'Done.'): GeminiScript {
  return (req) =>
    lastIsFunctionResponse(req)
      ? { kind: 'text', text: finalText }
      : { kind: 'call', name: 'run_shell_command', args: { command, description: 'Run the command' } };
}

/** A plausible value for a JSON schema (enums prefer "user"). */
export function fillSchema(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 8) return null;
  const s = schema as { enum?: unknown[]; type?: unknown; properties?: Record<string, unknown> };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum.includes('user') ? 'user' : s.enum[0];
  const type = (typeof s.type === 'string' ? s.type : s.properties ? 'object' : 'string').toLowerCase();
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = fillSchema(v, depth + 1);
    return out;
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 10;
  if (type === 'boolean') return false;
  return 'fake';
}

const USAGE = { promptTokenCount: 100, candidatesTokenCount: 10, totalTokenCount: 110 };

function responseOf(model: string, parts: unknown[]): Record<string, unknown> {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: USAGE,
    modelVersion: model,
    responseId: `fake-${Date.now().toString(36)}`,
  };
}

/** Options of {@link FakeGeminiApi}. */
export interface FakeGeminiApiOptions {
  script?: GeminiScript;
  /** Delay before answering a turn request, in ms. Default 0. */
  turnDelayMs?: number;
}

/** The fake server. {@link script} and {@link turnDelayMs} may be changed at any time. */
export class FakeGeminiApi {
  script: GeminiScript;
  turnDelayMs: number;
  /** Every turn (streamGenerateContent) request received, in order. */
  readonly turns: GeminiRequest[] = [];
  private server: http.Server | null = null;

  constructor(options: FakeGeminiApiOptions = {}) {
    this.script = options.script ?? (() => ({ kind: 'text', text: 'Done.' }));
    this.turnDelayMs = options.turnDelayMs ?? 0;
  }

  /** Starts on 127.0.0.1, port 0. Resolves with the base URL (no `/v1beta`). */
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

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const m = /\/models\/([^/:?]+):(\w+)/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      this.json(res, 404, { error: { code: 404, message: 'fake: not found', status: 'NOT_FOUND' } });
      return;
    }
    const model = m[1] ?? 'gemini';
    const method = m[2];
    readJsonBody<GeminiRequest>(
      req,
      (body) => {
        if (method === 'countTokens') return this.json(res, 200, { totalTokens: 100 });
        if (method === 'generateContent') {
          const gc = body.generationConfig ?? {};
          const schema = gc.responseJsonSchema ?? gc.responseSchema;
          const text = schema
            ? JSON.stringify(fillSchema(schema))
            : gc.responseMimeType === 'application/json'
              ? '{}'
              : 'Fake session';
          return this.json(res, 200, responseOf(model, [{ text }]));
        }
        if (method !== 'streamGenerateContent') {
          return this.json(res, 404, {
            error: { code: 404, message: 'fake: not found', status: 'NOT_FOUND' },
          });
        }
        this.turns.push(body);
        const reply = this.script(body);
        const parts =
          reply.kind === 'text'
            ? [{ text: reply.text }]
            : [{ functionCall: { name: reply.name, args: reply.args } }];
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(`data: ${JSON.stringify(responseOf(model, parts))}\n\n`);
        };
        if (this.turnDelayMs <= 0) send();
        else {
          const timer = setTimeout(send, this.turnDelayMs);
          res.on('close', () => clearTimeout(timer));
        }
      },
      () => {
        this.json(res, 400, { error: { code: 400, message: 'bad json', status: 'INVALID_ARGUMENT' } });
      },
    );
  }
}
