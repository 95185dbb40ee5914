/**
 * Batches flow-control acknowledgements. The server pauses a session's PTY while too many of
 * the chars it sent are unacknowledged, so every char written to xterm must be acked — but
 * one request per chunk would flood the bridge. Chars are acked once {@link ACK_THRESHOLD_CHARS}
 * have been written, or {@link ACK_DELAY_MS} after the first unacked write, whichever is first
 * (VS Code's `CharCountAckSize`, see `FLOW_ACK_CHARS` in contract/bridge.ts).
 */
import { FLOW_ACK_CHARS } from '../../../contract/bridge.js';

/** Acknowledge as soon as this many chars were written, in UTF-16 code units (`string.length`). */
export const ACK_THRESHOLD_CHARS = FLOW_ACK_CHARS;
/** Acknowledge a smaller amount after this delay, in ms, so a trickle of output never stalls. */
export const ACK_DELAY_MS = 30;

/** Options of an {@link AckBatcher}. */
export interface AckBatcherOptions {
  /** Sends one acknowledgement of `chars` chars (`session.ack`). */
  send: (chars: number) => void;
  threshold?: number;
  delayMs?: number;
}

/** Counts written chars and sends them back in batches. */
export class AckBatcher {
  private unacked = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly threshold: number;
  private readonly delayMs: number;

  constructor(private readonly options: AckBatcherOptions) {
    this.threshold = options.threshold ?? ACK_THRESHOLD_CHARS;
    this.delayMs = options.delayMs ?? ACK_DELAY_MS;
  }

  /** Records `chars` chars as written to the terminal (call from xterm's write callback). */
  written(chars: number): void {
    if (chars <= 0) return;
    this.unacked += chars;
    if (this.unacked >= this.threshold) {
      this.flush();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.delayMs);
    }
  }

  /** Sends everything written so far now (no-op when nothing is pending). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.unacked === 0) return;
    const chars = this.unacked;
    this.unacked = 0;
    this.options.send(chars);
  }

  /**
   * Forgets pending chars without sending them (after the connection dropped, the server
   * starts counting afresh) and stops the timer.
   */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.unacked = 0;
  }
}
