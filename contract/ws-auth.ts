/**
 * How a browser tab proves to the headless host that it holds the access token: as a WebSocket
 * subprotocol. The page offers two protocols, {@link BRIDGE_WS_PROTOCOL} and
 * `${BRIDGE_WS_TOKEN_PREFIX}<token>`; the host checks the second and selects the first, so the
 * token is never echoed back. Unlike a cookie, nothing here is sent by the browser on its own:
 * a page from another origin would have to know the token to offer it (RFC 6455 §4.1 lets a page
 * choose its `Sec-WebSocket-Protocol` values, nothing else).
 *
 * The token is base64url, whose characters are all valid in an HTTP token (RFC 9110 §5.6.2), so
 * it fits a subprotocol name as is.
 */

/** The subprotocol the host selects for the bridge. */
export const BRIDGE_WS_PROTOCOL = 'agent-pager.v1';

/** Prefix of the subprotocol value that carries the access token. */
export const BRIDGE_WS_TOKEN_PREFIX = 'agent-pager.token.';

/** The protocols a page offers when it opens the bridge with `token`. */
export function bridgeProtocols(token: string): string[] {
  return [BRIDGE_WS_PROTOCOL, `${BRIDGE_WS_TOKEN_PREFIX}${token}`];
}
