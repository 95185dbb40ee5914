/**
 * A bridge client over the headless host's WebSocket (the same frames the page sends), for
 * end-to-end tests that drive the app without a browser: requests with results, and events.
 */
import WebSocket from 'ws';
import type {
  EventName,
  EventPayloads,
  RequestName,
  RequestParams,
  RequestResults,
} from '../../contract/bridge.js';
import { bridgeProtocols } from '../../contract/ws-auth.js';
import type { RunningHost } from './host.js';

/** A connected client; `close()` it in afterAll. */
export interface TestBridge {
  request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResults[K]>;
  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): void;
  close(): void;
}

/** Connects to a running host with its token (as a WebSocket subprotocol) and origin. */
export async function connectBridge(host: RunningHost): Promise<TestBridge> {
  const ws = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/bridge`, bridgeProtocols(host.token), {
    headers: { origin: host.origin },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as
      | { t: 'res'; id: number; ok: boolean; result?: unknown; error?: string }
      | { t: 'evt'; name: string; payload: unknown };
    if (frame.t === 'res') {
      const p = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.ok) p?.resolve(frame.result);
      else p?.reject(new Error(frame.error));
    } else {
      for (const h of handlers.get(frame.name) ?? []) h(frame.payload);
    }
  });
  return {
    request(name, params) {
      const id = nextId++;
      ws.send(JSON.stringify({ t: 'req', id, name, params }));
      return new Promise((resolve, reject) =>
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
      );
    },
    on(event, handler) {
      const list = handlers.get(event) ?? [];
      list.push(handler as (payload: unknown) => void);
      handlers.set(event, list);
    },
    close: () => ws.close(),
  };
}
