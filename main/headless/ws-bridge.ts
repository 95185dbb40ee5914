/**
 * The bridge contract over WebSocket: each socket is one client of the core. Request frames are
 * validated (size and nesting here, frame shape here, params by the contract's schemas in the
 * core); results and events go back as JSON text frames (`WireFrame`). A frame that is not a
 * request gets a clear answer: an error result when it names a request id, else the socket is
 * closed with 1003 (binary) or 1007 (bad data), and the page reconnects.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Core } from '../core/app-types.js';
import type { WireFrame } from '../../contract/bridge.js';
import { ViewerWatch } from './viewer-watch.js';

/**
 * Largest frame accepted from a browser, in bytes (ws `maxPayload`; a bigger frame closes the
 * socket with 1009). 1 MiB holds a pasted 1 MB of ASCII text; JSON.parse of a worst-case flat
 * 1 MiB frame takes about 0.1 s on one 2020s core, where the earlier 4 MiB cap allowed frames
 * that blocked the event loop for most of a second.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted in a frame. Our deepest request is 3 levels
 * (`{params: {spec: {...}}}`); V8's JSON.parse of a 1 MiB `[[[…]]]` takes about 0.25 s, so depth is
 * checked with a linear scan before parsing.
 */
export const MAX_FRAME_DEPTH = 32;

const requestFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  // A request with no params is answered as if it had sent `{}`.
  params: z.unknown().optional(),
});

/**
 * True when `text` nests arrays/objects deeper than `limit` (brackets inside JSON strings are
 * skipped). Linear in the length; never throws.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** Serves one socket until it closes. */
export function serveSocket(ws: WebSocket, core: Core, log: (msg: string) => void): void {
  const send = (frame: WireFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const watch = new ViewerWatch(ws, log);
  const conn = core.connect({
    send: (name, payload) => {
      if (name === 'session.data') {
        const data = payload as { id: string; data: string };
        watch.sent(data.id, data.data.length);
      }
      send({ t: 'evt', name, payload });
    },
  });
  ws.on('message', (raw, isBinary) => {
    if (isBinary) {
      ws.close(1003, 'binary frames are not accepted');
      return;
    }
    const text = raw.toString();
    let json: unknown;
    try {
      if (nestsDeeperThan(text, MAX_FRAME_DEPTH)) throw new Error(`nested deeper than ${MAX_FRAME_DEPTH}`);
      json = JSON.parse(text);
    } catch (err) {
      log(`closed a socket that sent a malformed frame: ${(err as Error).message}`);
      ws.close(1007, 'malformed frame');
      return;
    }
    const frame = requestFrame.safeParse(json);
    if (!frame.success) {
      const id = (json as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
        send({ t: 'res', id, ok: false, error: 'not a request frame' });
      } else {
        log('closed a socket that sent a frame that is not a request');
        ws.close(1007, 'not a request frame');
      }
      return;
    }
    const { id, name, params } = frame.data;
    if (name === 'session.ack') watch.acked(params);
    else if (name === 'session.detach' || name === 'session.attach') {
      const id = (params as { id?: unknown } | null | undefined)?.id;
      if (typeof id === 'string') watch.forget(id);
    }
    conn.handle(name, params ?? {}).then(
      (result) => send({ t: 'res', id, ok: true, result: result ?? null }),
      (err: unknown) => send({ t: 'res', id, ok: false, error: (err as Error).message ?? String(err) }),
    );
  });
  ws.on('close', () => {
    watch.dispose();
    conn.close();
  });
  ws.on('error', () => {
    watch.dispose();
    conn.close();
  });
}
