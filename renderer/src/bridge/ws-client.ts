/**
 * The bridge over WebSocket to the headless host. Requests are `req` frames answered by `res`
 * frames with the same id; events arrive as `evt` frames. When the socket drops, pending
 * requests are rejected, the status becomes `reconnecting`, and a new socket is opened after a
 * backoff delay ({@link backoffDelay}). The server keeps no per-client state across a drop, so
 * listeners of {@link RendererBridge.onStatus} re-list sessions and re-attach terminals.
 */
import type {
  EventName,
  EventPayloads,
  RequestName,
  RequestParams,
  RequestResults,
  WireFrame,
} from '../../../contract/bridge.js';
import { backoffDelay } from './backoff.js';
import type { ConnectionStatus, RendererBridge } from './connection.js';
import { parseIncomingFrame } from './wire.js';

/**
 * Requests that only make sense on the live connection they belong to: they are refused while
 * disconnected instead of being queued (typed keys must not arrive minutes later; attach/resize
 * are redone after reconnecting anyway).
 */
const LIVE_ONLY: ReadonlySet<RequestName> = new Set<RequestName>([
  'session.write',
  'session.ack',
  'session.resize',
  'session.attach',
  'session.detach',
]);

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type RequestFrame = Extract<WireFrame, { t: 'req' }>;

interface Queued {
  frame: RequestFrame;
  pending: Pending;
}

/** Options of {@link createWsClient}. */
export interface WsClientOptions {
  /** Socket URL, from {@link bridgeSocketUrl}. */
  url: string;
  /** Subprotocols to offer; the headless host reads the access token from them (`contract/ws-auth.ts`). */
  protocols?: string[];
  /** WebSocket constructor, the browser's by default. */
  WebSocketImpl?: typeof WebSocket;
}

/** A WebSocket bridge client; `close` stops it for good (no more reconnects). */
export interface WsBridgeClient extends RendererBridge {
  close(): void;
}

/** Opens the connection at once and returns the client. */
export function createWsClient(options: WsClientOptions): WsBridgeClient {
  const WS = options.WebSocketImpl ?? WebSocket;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const pending = new Map<number, Pending>();
  const queue: Queued[] = [];
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };

  const dispatchEvent = (name: EventName, payload: unknown): void => {
    const set = listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) listener(payload);
  };

  const onMessage = (event: MessageEvent): void => {
    if (typeof event.data !== 'string') return;
    const frame = parseIncomingFrame(event.data);
    if (!frame) return;
    if (frame.t === 'evt') {
      dispatchEvent(frame.name, frame.payload);
      return;
    }
    const waiter = pending.get(frame.id);
    if (!waiter) return;
    pending.delete(frame.id);
    if (frame.ok) waiter.resolve(frame.result);
    else waiter.reject(new Error(frame.error));
  };

  const connect = (): void => {
    retryTimer = null;
    if (closed) return;
    const ws = new WS(options.url, options.protocols);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      setStatus('open');
      for (const item of queue.splice(0)) {
        pending.set(item.frame.id, item.pending);
        ws.send(JSON.stringify(item.frame));
      }
    });
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      for (const waiter of pending.values()) waiter.reject(new Error('Connection to Agent Pager lost'));
      pending.clear();
      if (closed) return;
      setStatus('reconnecting');
      const delay = backoffDelay(attempt);
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
    });
  };

  connect();

  return {
    request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResults[K]> {
      return new Promise<RequestResults[K]>((resolve, reject) => {
        const id = nextId++;
        const frame: RequestFrame = { t: 'req', id, name, params };
        const waiter: Pending = { resolve: (value) => resolve(value as RequestResults[K]), reject };
        if (socket && socket.readyState === WS.OPEN) {
          pending.set(id, waiter);
          socket.send(JSON.stringify(frame));
        } else if (LIVE_ONLY.has(name)) {
          reject(new Error('Not connected to Agent Pager'));
        } else {
          queue.push({ frame, pending: waiter });
        }
      });
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
      const wrapped = (payload: unknown): void => handler(payload as EventPayloads[E]);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(wrapped);
      return () => {
        listeners.get(event)?.delete(wrapped);
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      socket = null;
      for (const waiter of pending.values()) waiter.reject(new Error('Connection closed'));
      pending.clear();
      for (const item of queue.splice(0)) item.pending.reject(new Error('Connection closed'));
      ws?.close();
    },
  };
}

/** A client for a page opened without an access token: it never connects. */
export function createUnauthorizedClient(): RendererBridge {
  return {
    request: () => Promise.reject(new Error('No access token: open the link printed by `npm run serve`.')),
    on: () => () => undefined,
    status: () => 'unauthorized',
    onStatus: () => () => undefined,
  };
}
