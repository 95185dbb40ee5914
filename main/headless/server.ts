/**
 * The headless host's HTTP server: serves the built renderer (public files: they hold no secret)
 * and upgrades `/bridge` to the WebSocket bridge, which is what the access token guards. The
 * token is presented as a WebSocket subprotocol (`contract/ws-auth.ts`); a socket without it gets
 * 401, a foreign Host header 421 on anything, a foreign or malformed Origin 403. Every request
 * and upgrade runs under a guard: whatever a handler throws is logged and answered 400 or 500,
 * and the process keeps running.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app-types.js';
import { CONTENT_SECURITY_POLICY } from '../core/csp.js';
import { BRIDGE_WS_PROTOCOL } from '../../contract/ws-auth.js';
import { expireLegacyCookie, presentedToken, tokensEqual } from './access-token.js';
import { hostAllowed, originAllowed } from './host-check.js';
import { MAX_FRAME_BYTES, serveSocket } from './ws-bridge.js';

export interface HeadlessServerOptions {
  core: Core;
  /** Folder with the built renderer (index.html and assets/). */
  rendererDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  log?: (msg: string) => void;
}

export interface HeadlessServer {
  /** The URL to open, with the token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The path of a request target, or null when it is not a valid origin-form or absolute-form
 * target (e.g. `http://[`). Never throws.
 */
export function requestPath(target: string | undefined): string | null {
  if (!URL.canParse(target ?? '', 'http://x')) return null;
  return new URL(target ?? '', 'http://x').pathname;
}

/** Starts the server; resolves once it listens. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.log ?? (() => {});
  // dev: files are looked up per request, so a rebuild while the host runs never serves a stale
  // or truncated bundle (the cost is a stat per request, nothing next to a terminal's traffic).
  const statics = sirv(options.rendererDir, { dev: true, etag: true, gzip: false });
  let port = options.port;

  const deny = (res: http.ServerResponse, status: number) => {
    res.writeHead(status, { 'content-length': 0, 'cache-control': 'no-store' }).end();
  };

  const handleRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!hostAllowed(req, options.host, port)) return deny(res, 421);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405);
    if (requestPath(req.url) === null) return deny(res, 400);
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    const expire = expireLegacyCookie(req);
    if (expire) res.setHeader('set-cookie', expire);
    statics(req, res, () => deny(res, 404));
  };

  const server = http.createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (err) {
      log(`request ${JSON.stringify(String(req.url).slice(0, 200))} failed: ${(err as Error).message}`);
      if (!res.headersSent) deny(res, err instanceof URIError || err instanceof TypeError ? 400 : 500);
      else res.destroy();
    }
  });
  // A request line or header Node's parser refuses never reaches the handler: answer 400 and close.
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Select the bridge protocol; never echo the token-bearing one.
    handleProtocols: (protocols) => (protocols.has(BRIDGE_WS_PROTOCOL) ? BRIDGE_WS_PROTOCOL : false),
  });
  const handleUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refuse = (status: number) => {
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    };
    const path = requestPath(req.url);
    if (path === null) return refuse(400);
    if (path !== '/bridge') return refuse(404);
    if (!hostAllowed(req, options.host, port)) return refuse(421);
    if (!originAllowed(req)) return refuse(403);
    const token = presentedToken(req);
    if (token === null || !tokensEqual(token, options.token)) return refuse(401);
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.core, log));
  };
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (err) {
      log(`upgrade ${JSON.stringify(String(req.url).slice(0, 200))} failed: ${(err as Error).message}`);
      if (socket.writable)
        socket.end('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}/?token=${options.token}`,
    port,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
