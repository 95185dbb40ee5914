/**
 * The preload (bundled to dist/preload/index.cjs, CommonJS, sandboxed). Exposes exactly the
 * contract's client API as `window.agentPager` — `request(name, params)` and
 * `on(event, listener)` — and nothing else: ipcRenderer itself never reaches the page. Names are
 * checked against the contract's lists here; params are validated again in the main process.
 * The renderer can type `window.agentPager` as the contract's `BridgeClient`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, requestNames, type BridgeClient } from '../contract/bridge.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type BridgeReply } from '../contract/ipc.js';

const knownRequests = new Set<string>(requestNames);
const knownEvents = new Set<string>(eventNames);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`agentPager listener for ${name} failed`, err);
    }
  }
});

const api = {
  async request(name: unknown, params: unknown): Promise<unknown> {
    if (typeof name !== 'string' || !knownRequests.has(name)) {
      throw new Error(`unknown request: ${String(name).slice(0, 60)}`);
    }
    const reply = (await ipcRenderer.invoke(REQUEST_CHANNEL, name, params ?? {})) as BridgeReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  },
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !knownEvents.has(event)) {
      throw new Error(`unknown event: ${String(event).slice(0, 60)}`);
    }
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const fn = listener as (payload: unknown) => void;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  },
} satisfies Record<keyof BridgeClient, unknown>;

contextBridge.exposeInMainWorld('agentPager', api);
