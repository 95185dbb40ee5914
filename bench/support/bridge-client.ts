/**
 * A minimal Node client of the headless host's WebSocket bridge (`/bridge`, JSON `req`/`res`/`evt`
 * frames, see `contract/bridge.ts`), for benchmarks that drive the host the way the page does.
 */
import WebSocket from 'ws';
import type { EventName, RequestName, WireFrame } from '../../contract/bridge.js';
import { bridgeProtocols } from '../../contract/ws-auth.js';

/** A connected bridge client. */
export interface BridgeClient {
  /** Sends one request; resolves with its result, rejects with the server's error text. */
  request<T = unknown>(name: RequestName, params: unknown): Promise<T>;
  /** Listens for one event name; returns an unsubscribe function. */
  on(name: EventName, listener: (payload: unknown) => void): () => void;
  close(): void;
}

/**
 * Connects to `origin` (e.g. `http://127.0.0.1:41234`) with the access token offered as a
 * subprotocol (`contract/ws-auth.ts`), presenting the page's own origin as the server requires.
 * @throws Error when the socket cannot be opened.
 */
export async function connectBridge(origin: string, token: string): Promise<BridgeClient> {
  const url = `${origin.replace(/^http/, 'ws')}/bridge`;
  const ws = new WebSocket(url, bridgeProtocols(token), { headers: { origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as WireFrame;
    if (frame.t === 'evt') {
      for (const l of listeners.get(frame.name) ?? []) l(frame.payload);
    } else if (frame.t === 'res') {
      const waiter = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.ok) waiter?.resolve(frame.result);
      else waiter?.reject(new Error(frame.error));
    }
  });
  ws.on('close', () => {
    for (const w of pending.values()) w.reject(new Error('bridge closed'));
    pending.clear();
  });
  return {
    request<T>(name: RequestName, params: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        ws.send(JSON.stringify({ t: 'req', id, name, params }));
      });
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close: () => ws.close(),
  };
}
