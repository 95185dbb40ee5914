/**
 * The headless host's HTTP server: serves the built renderer to a browser that presents the
 * access token, and upgrades `/bridge` to the WebSocket bridge. Anything without the token gets
 * 401 and an empty body; a foreign Host header 421; a foreign Origin on the socket 403.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app-types.js';
import { CONTENT_SECURITY_POLICY } from '../core/csp.js';
import { TOKEN_COOKIE, presentedToken, tokensEqual } from './access-token.js';
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

/** Starts the server; resolves once it listens. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const log = options.log ?? (() => {});
  // dev: files are looked up per request, so a rebuild while the host runs never serves a stale
  // or truncated bundle (the cost is a stat per request, nothing next to a terminal's traffic).
  const statics = sirv(options.rendererDir, { dev: true, etag: true, gzip: false });
  let port = options.port;

  const authorised = (req: http.IncomingMessage) => {
    const { token } = presentedToken(req);
    return token !== null && tokensEqual(token, options.token);
  };
  const deny = (res: http.ServerResponse, status: number) => {
    res.writeHead(status, { 'content-length': 0, 'cache-control': 'no-store' }).end();
  };

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req, options.host, port)) return deny(res, 421);
    if (!authorised(req)) return deny(res, 401);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405);
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    const { fromQuery } = presentedToken(req);
    if (fromQuery) {
      res.setHeader(
        'set-cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
    statics(req, res, () => deny(res, 404));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number) => {
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    };
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/bridge') return refuse(404);
    if (!hostAllowed(req, options.host, port)) return refuse(421);
    if (!authorised(req)) return refuse(401);
    if (!originAllowed(req)) return refuse(403);
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.core, log));
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
