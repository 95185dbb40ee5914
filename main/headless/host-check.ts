/**
 * DNS-rebinding and cross-site protection for the headless host: the Host header must name the
 * address the server is bound to (or localhost for a loopback bind), and a WebSocket's Origin
 * must be the page's own origin. A token alone is not enough once a page from another site
 * could learn it through a rebound name.
 */
import type { IncomingMessage } from 'node:http';

/** Host names a request may use to reach a server bound to `bindHost`. */
export function allowedHostNames(bindHost: string): Set<string> {
  const names = new Set([bindHost.toLowerCase()]);
  if (['127.0.0.1', '::1', 'localhost'].includes(bindHost)) {
    names.add('localhost').add('127.0.0.1').add('[::1]');
  }
  return names;
}

/** Splits a Host header into name and port ("[::1]:80" → ["[::1]", "80"]). */
function splitHost(host: string): [string, string | null] {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return m ? [m[1]!, m[2] ?? null] : ['', null];
}

/**
 * True when the Host header names this server. A server bound to 0.0.0.0 or :: accepts any host
 * name (the user chose to expose it; the token still guards it).
 */
export function hostAllowed(req: IncomingMessage, bindHost: string, port: number): boolean {
  if (bindHost === '0.0.0.0' || bindHost === '::') return true;
  const [name, p] = splitHost(req.headers.host ?? '');
  return allowedHostNames(bindHost).has(name) && (p === null ? port === 80 : Number(p) === port);
}

/**
 * True when a WebSocket upgrade comes from the page's own origin: an `Origin` of exactly
 * `http://<Host header>`. An upgrade with no Origin (a non-browser client; browsers always send
 * one, RFC 6455 §4.1) passes here and must still present the token. `null` or anything that is
 * not a URL is refused.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return url.protocol === 'http:' && url.host === (req.headers.host ?? '').toLowerCase();
}
