/**
 * Chooses the transport at startup: Electron IPC when the preload exposed `window.agentPager`,
 * otherwise a WebSocket to the headless host that served this page.
 */
import type { RendererBridge } from './connection.js';
import { createIpcClient } from './ipc-client.js';
import { bridgeProtocols } from '../../../contract/ws-auth.js';
import { bridgeSocketUrl, resolveToken } from './token.js';
import { createUnauthorizedClient, createWsClient } from './ws-client.js';

/** Creates the one bridge client of this page. Reads and cleans the `?token=` of the address bar. */
export function createBridge(): RendererBridge {
  if (window.agentPager) return createIpcClient(window.agentPager);
  const { token, cleanedUrl } = resolveToken(window.location.href, window.sessionStorage);
  if (cleanedUrl !== null) window.history.replaceState(window.history.state, '', cleanedUrl);
  if (!token) return createUnauthorizedClient();
  return createWsClient({ url: bridgeSocketUrl(window.location.href), protocols: bridgeProtocols(token) });
}
