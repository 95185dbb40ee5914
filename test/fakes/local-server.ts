/**
 * Plumbing shared by the fake model APIs (Anthropic Messages, OpenAI Responses, Gemini): an HTTP
 * server on 127.0.0.1 with a free port that survives client resets, a close that drops open
 * connections, and a bounded JSON request body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Largest request body a fake accepts, in bytes (a long conversation with tools stays far below). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Starts `handler` on 127.0.0.1, port 0.
 * @returns the server and its base URL `http://127.0.0.1:<port>`.
 */
export function startLocalServer(
  handler: http.RequestListener,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  server.on('connection', (socket) => socket.on('error', () => undefined));
  server.on('clientError', (_err, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** Stops a server started by {@link startLocalServer} and drops its open connections. */
export function closeLocalServer(server: http.Server | null): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Reads a request body of at most {@link MAX_BODY_BYTES} (a larger one destroys the request) and
 * parses it as JSON: `onJson` with the value, or `onBadJson` when it does not parse.
 */
export function readJsonBody<T>(
  req: http.IncomingMessage,
  onJson: (body: T) => void,
  onBadJson: () => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) req.destroy();
    else chunks.push(c);
  });
  req.on('end', () => {
    let body: T;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
    } catch {
      onBadJson();
      return;
    }
    onJson(body);
  });
}
