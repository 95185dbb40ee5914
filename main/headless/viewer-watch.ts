/**
 * Drops a WebSocket viewer that does not keep up, so one stuck browser tab can neither hold a
 * session's PTY paused for everyone nor grow the host's memory. Flow control
 * (`main/core/sessions/flow-control.ts`) pauses a PTY while any attached view has more than
 * {@link FLOW_HIGH_WATERMARK_CHARS} unacknowledged; this watch closes a socket whose view stays
 * there, or whose send buffer stays large, for {@link STUCK_DROP_MS}, and at once one whose send
 * buffer passes {@link HARD_BUFFERED_BYTES} or that acknowledges more than it was sent
 * ({@link OVER_ACK_CHARS}). Closing the socket detaches
 * its views (the PTY then follows the viewers that keep up); the page reconnects on its own and
 * re-attaches, receiving the serialized screen instead of the backlog.
 */
import type { WebSocket } from 'ws';
import { FLOW_HIGH_WATERMARK_CHARS } from '../core/sessions/flow-control.js';

/**
 * How long a viewer may stay over a bound before it is dropped, in ms. A healthy tab acknowledges
 * within one frame or two of receiving output (the renderer acks every 5,000 chars it has
 * written), so 3 s is two orders of magnitude of slack; it is also short enough that the other
 * viewers see at most a 3 s stall.
 */
export const STUCK_DROP_MS = 3000;

/** How often the bounds are checked, in ms. */
export const WATCH_INTERVAL_MS = 250;

/**
 * A send buffer above this many bytes for {@link STUCK_DROP_MS} counts as stuck. Under flow
 * control a viewer has at most about 164,000 chars of one session in flight (the high watermark
 * plus one 64 KiB batch); JSON escapes each control char as 6 bytes, so even an escape-heavy
 * stream stays near 1 MB per session. 4 MiB leaves room for a few busy sessions.
 */
export const SOFT_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * A send buffer above this many bytes drops the viewer at once: only a client that acknowledges
 * output it never reads gets here, and waiting would let it hold this much more host memory.
 */
export const HARD_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * A viewer that acknowledges this many chars more than it was ever sent is dropped at once: it
 * acknowledges output it has not read. An honest tab over-acknowledges only around a reconnect
 * (chars received on the old socket, acknowledged on the new one): at most one high watermark
 * plus one 64 KiB batch, about 164,000 chars.
 */
export const OVER_ACK_CHARS = 1_000_000;

/** Watches one socket's unacknowledged output per session, its acknowledgements and its send buffer. */
export class ViewerWatch {
  private readonly unacked = new Map<string, number>();
  private totalSent = 0;
  private totalAcked = 0;
  private overSince: number | null = null;
  private readonly timer: NodeJS.Timeout;
  private dropped = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly log: (msg: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.check(), WATCH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Records `chars` of session output sent to this viewer. */
  sent(sessionId: string, chars: number): void {
    this.unacked.set(sessionId, (this.unacked.get(sessionId) ?? 0) + chars);
    this.totalSent += chars;
    if (this.ws.bufferedAmount > HARD_BUFFERED_BYTES) {
      this.drop(`its send buffer passed ${HARD_BUFFERED_BYTES} bytes`);
    }
  }

  /** Records an acknowledgement from a `session.ack` request's params (unvalidated: checked here). */
  acked(params: unknown): void {
    const p = params as { id?: unknown; chars?: unknown } | null | undefined;
    if (typeof p?.id !== 'string' || typeof p.chars !== 'number' || !(p.chars >= 0)) return;
    this.totalAcked += p.chars;
    if (this.totalAcked > this.totalSent + OVER_ACK_CHARS) {
      this.drop(`it acknowledged ${this.totalAcked} chars of the ${this.totalSent} it was sent`);
      return;
    }
    const left = (this.unacked.get(p.id) ?? 0) - p.chars;
    if (left > 0) this.unacked.set(p.id, left);
    else this.unacked.delete(p.id);
  }

  /** Forgets a session (detached or removed: its backlog no longer counts). */
  forget(sessionId: string): void {
    this.unacked.delete(sessionId);
  }

  /** Stops watching (the socket closed). */
  dispose(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    let max = 0;
    for (const n of this.unacked.values()) max = Math.max(max, n);
    const over = max >= FLOW_HIGH_WATERMARK_CHARS || this.ws.bufferedAmount > SOFT_BUFFERED_BYTES;
    if (!over) {
      this.overSince = null;
      return;
    }
    this.overSince ??= this.now();
    if (this.now() - this.overSince >= STUCK_DROP_MS) {
      this.drop(
        `it kept ${max} chars unacknowledged and ${this.ws.bufferedAmount} bytes unsent for ${STUCK_DROP_MS} ms`,
      );
    }
  }

  private drop(why: string): void {
    if (this.dropped) return;
    this.dropped = true;
    this.dispose();
    this.log(`dropped a viewer that does not keep up: ${why}`);
    // terminate, not close: a close frame would queue behind the very buffer that is stuck.
    this.ws.terminate();
  }
}
