/**
 * Parsing of the WebSocket bridge's incoming frames ({@link WireFrame} as JSON text). Frames
 * come from another process, so their shape is checked with zod before anything reads them.
 */
import { z } from 'zod';
import { eventNames, type EventName } from '../../../contract/bridge.js';

const resultFrame = z.union([
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
const eventFrame = z.object({
  t: z.literal('evt'),
  name: z.enum(eventNames as [EventName, ...EventName[]]),
  payload: z.unknown(),
});
const incomingFrame = z.union([resultFrame, eventFrame]);

/** A frame the server sends: a request's result or an event. */
export type IncomingFrame = z.infer<typeof incomingFrame>;

/**
 * Parses one text frame. Returns null for anything that is not valid JSON of a known frame
 * shape (such frames are dropped, never thrown into the UI).
 */
export function parseIncomingFrame(text: string): IncomingFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = incomingFrame.safeParse(json);
  return parsed.success ? parsed.data : null;
}
