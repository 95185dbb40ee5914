/**
 * The headless host's access token: the only thing between a browser and a shell on this
 * machine, so it is 256 random bits (base64url, 43 chars), compared in constant time, and
 * accepted from the page URL's `?token=` or from the HttpOnly cookie set when the page loads.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie that carries the token for the page's own asset and WebSocket requests. */
export const TOKEN_COOKIE = 'agent_pager_token';

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

/** Reads one cookie from a request's Cookie header. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token a request presents: `?token=` first, then the cookie. */
export function presentedToken(req: IncomingMessage): { token: string | null; fromQuery: boolean } {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q) return { token: q, fromQuery: true };
  return { token: readCookie(req, TOKEN_COOKIE), fromQuery: false };
}
