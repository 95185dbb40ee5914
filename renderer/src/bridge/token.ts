/**
 * The headless host's access token: it arrives once in the page URL (`?token=…` as printed by
 * `npm run serve`, or `#token=…`), is moved to sessionStorage so a reload still works, and is
 * removed from the address bar so it does not end up in screenshots or shared links. It is never
 * kept in a cookie (cookies are not port-scoped: every other server on 127.0.0.1 would get it);
 * the page presents it on the bridge WebSocket as a subprotocol (`contract/ws-auth.ts`).
 */

/** The subset of `Storage` used here (sessionStorage in the browser, a Map in tests). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** sessionStorage key holding the token. */
export const TOKEN_STORAGE_KEY = 'agent-pager.token';

/** Result of {@link resolveToken}. */
export interface ResolvedToken {
  /** The token to connect with, or null when neither the URL nor storage has one. */
  token: string | null;
  /** The page URL without the `token` parameter, when it had one (for history.replaceState). */
  cleanedUrl: string | null;
}

/**
 * Picks the token from `pageUrl`'s `token` query parameter or its `#token=` fragment (stored for
 * later), or else from storage. A URL token wins over a stored one, so opening a fresh link
 * replaces a stale token.
 */
export function resolveToken(pageUrl: string, storage: TokenStorage): ResolvedToken {
  const url = new URL(pageUrl);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const fromUrl = url.searchParams.get('token') || fragment.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    if (fragment.has('token')) url.hash = '';
    return { token: fromUrl, cleanedUrl: url.pathname + url.search + url.hash };
  }
  const stored = storage.getItem(TOKEN_STORAGE_KEY);
  return { token: stored && stored.length > 0 ? stored : null, cleanedUrl: null };
}

/**
 * The WebSocket URL of the bridge for a page served from `pageUrl`: `ws(s)://<host>/bridge`
 * (wss when the page is https). The token is not in it: it travels as a subprotocol.
 */
export function bridgeSocketUrl(pageUrl: string): string {
  const page = new URL(pageUrl);
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/bridge`;
}
