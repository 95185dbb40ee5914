/**
 * The headless host's access token: the only thing between a browser and a shell on this
 * machine, so it is 256 random bits (base64url, 43 chars), compared in constant time. It is
 * accepted only as a WebSocket subprotocol value (`contract/ws-auth.ts`), never from a cookie:
 * cookies are not port-scoped, so a cookie for 127.0.0.1 would be sent to every other local
 * server too (docs/SECURITY.md, "The headless host").
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { BRIDGE_WS_TOKEN_PREFIX } from '../../contract/ws-auth.js';

/**
 * Name of the cookie earlier versions kept the token in. It is no longer read; a browser that
 * still sends it is told to forget it ({@link expireLegacyCookie}).
 */
export const LEGACY_TOKEN_COOKIE = 'agent_pager_token';

/** A fresh token: 32 random bytes as base64url. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two tokens (hashing first equalises lengths). */
export function tokensEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * The `Set-Cookie` value that deletes the legacy token cookie, or null when the request does not
 * carry it. The Cookie header is parsed with the `cookie` package; its value is never used.
 */
export function expireLegacyCookie(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  let present: boolean;
  try {
    // The `cookie` package never throws on a bad percent-encoding (it leaves the value as is).
    present = Object.hasOwn(parseCookies(header), LEGACY_TOKEN_COOKIE);
  } catch {
    present = false;
  }
  if (!present) return null;
  return `${LEGACY_TOKEN_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * The token a WebSocket upgrade presents in `Sec-WebSocket-Protocol` (the value after
 * {@link BRIDGE_WS_TOKEN_PREFIX}), or null. The query string and cookies are not looked at.
 */
export function presentedToken(req: IncomingMessage): string | null {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return null;
  for (const part of header.split(',')) {
    const value = part.trim();
    if (value.startsWith(BRIDGE_WS_TOKEN_PREFIX)) return value.slice(BRIDGE_WS_TOKEN_PREFIX.length);
  }
  return null;
}
