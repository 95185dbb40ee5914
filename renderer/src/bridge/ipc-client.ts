/**
 * The bridge over Electron IPC: a thin typed wrapper around the preload's `window.agentPager`.
 * The IPC channel lives as long as the window, so its status is always `open`.
 */
import type {
  EventName,
  EventPayloads,
  RequestName,
  RequestParams,
  RequestResults,
} from '../../../contract/bridge.js';
import type { ConnectionStatus, RendererBridge } from './connection.js';
import type { AgentPagerPreload } from './global.js';

/**
 * Wraps the preload API. Results are typed by the contract; the main process validated the
 * params and produced the results from the same contract.
 */
export function createIpcClient(preload: AgentPagerPreload): RendererBridge {
  return {
    request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResults[K]> {
      return preload.request(name, params) as Promise<RequestResults[K]>;
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
      return preload.on(event, (payload) => handler(payload as EventPayloads[E]));
    },
    status: (): ConnectionStatus => 'open',
    onStatus: () => () => undefined,
  };
}
