/**
 * The bridge contract over WebSocket: each socket is one client of the core. Request frames are
 * validated (frame shape here, params by the contract's schemas in the core); results and
 * events go back as JSON text frames (`WireFrame`).
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Core } from '../core/app-types.js';
import type { WireFrame } from '../../contract/bridge.js';

/** Largest frame accepted from a browser, in bytes (a big paste plus JSON overhead). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

const requestFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  params: z.unknown(),
});

/** Serves one socket until it closes. */
export function serveSocket(ws: WebSocket, core: Core, log: (msg: string) => void): void {
  const send = (frame: WireFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const conn = core.connect({ send: (name, payload) => send({ t: 'evt', name, payload }) });
  ws.on('message', (raw, isBinary) => {
    if (isBinary) return;
    let frame: z.infer<typeof requestFrame>;
    try {
      frame = requestFrame.parse(JSON.parse(raw.toString()));
    } catch {
      log('dropped a malformed frame');
      return;
    }
    conn.handle(frame.name, frame.params).then(
      (result) => send({ t: 'res', id: frame.id, ok: true, result: result ?? null }),
      (err: unknown) =>
        send({ t: 'res', id: frame.id, ok: false, error: (err as Error).message ?? String(err) }),
    );
  });
  ws.on('close', () => conn.close());
  ws.on('error', () => conn.close());
}
