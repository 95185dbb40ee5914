/**
 * Flow control between a PTY and the views that draw it.
 *
 * The scheme is VS Code's (src/vs/platform/terminal/common/terminal.ts, `FlowControlConstants`)
 * and the one xterm.js documents in its "Flow control" guide (xtermjs.org/docs/guides/flowcontrol):
 * every consumer acknowledges the chars it has written to its terminal; when any consumer has more
 * than {@link FLOW_HIGH_WATERMARK_CHARS} unacknowledged, the PTY is paused (the kernel then blocks
 * the writing program), and it resumes once every consumer is below {@link FLOW_LOW_WATERMARK_CHARS}.
 *
 * One addition: flow control follows the views that keep up. A view that has stayed over the high
 * watermark for {@link FLOW_LAG_MS} while another view keeps up no longer holds the PTY (a stuck
 * or hostile browser tab must not stall everyone); the transport then drops it if it does not
 * catch up (`main/headless/viewer-watch.ts`). With a single view, or when every view lags, the
 * slowest still holds the PTY, as before.
 *
 * Views acknowledge in steps of `FLOW_ACK_CHARS` (contract/bridge.ts); batching is `output-batcher.ts`.
 */

/**
 * Pause the PTY past this many unacknowledged chars per consumer. VS Code uses 100,000; xterm.js's
 * guide suggests 100,000 and warns against going over 500,000 (xterm's own write buffer then holds
 * seconds of work, so Ctrl-C takes seconds to show). 100,000 chars is about 25 full 200×20 screens:
 * enough to keep a fast renderer busy between acks, small enough that Ctrl-C under `yes` is seen
 * within one frame or two.
 */
export const FLOW_HIGH_WATERMARK_CHARS = 100_000;

/**
 * Resume once every consumer is below this many unacknowledged chars. VS Code uses 5,000; the
 * xterm.js guide 10,000. A low value keeps the pause/resume hysteresis wide so the PTY is not
 * toggled on every ack; at 5,000 the renderer still has a full screen's worth queued when the
 * program is woken, so it never starves.
 */
export const FLOW_LOW_WATERMARK_CHARS = 5_000;

/**
 * How long a view may stay over the high watermark before it stops holding the PTY (when another
 * view keeps up), in ms. A view that keeps up drains 100,000 chars in a frame or two (xterm.js
 * parses tens of MB/s), so 1 s only ever catches a view that has stopped acknowledging; it is also
 * the longest a stuck view can stall the others each time it attaches.
 */
export const FLOW_LAG_MS = 1000;

/**
 * Tracks unacknowledged chars per consumer and decides pause/resume with hysteresis.
 * Calls `pause` once when crossing the high watermark and `resume` once when all are low again.
 */
export class FlowController {
  private readonly consumers = new Map<
    object,
    { unacked: number; view: boolean; overSince: number | null }
  >();
  private paused = false;
  private recheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly onPause: () => void,
    private readonly onResume: () => void,
    private readonly high = FLOW_HIGH_WATERMARK_CHARS,
    private readonly low = FLOW_LOW_WATERMARK_CHARS,
    private readonly lagMs = FLOW_LAG_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while the PTY is held. */
  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Registers a consumer (identity is the key object). `view: false` marks one that is never
   * excused for lagging (the main-process screen model).
   */
  add(key: object, options: { view?: boolean } = {}): void {
    if (!this.consumers.has(key)) {
      this.consumers.set(key, { unacked: 0, view: options.view ?? true, overSince: null });
    }
  }

  /** Removes a consumer and forgets its backlog (a closed view no longer holds the PTY). */
  remove(key: object): void {
    this.consumers.delete(key);
    this.update();
  }

  /** Records `chars` sent to a consumer. */
  sent(key: object, chars: number): void {
    const c = this.consumers.get(key);
    if (!c) return;
    c.unacked += chars;
    this.update();
  }

  /** Records `chars` acknowledged by a consumer (clamped: acks never go below zero). */
  ack(key: object, chars: number): void {
    const c = this.consumers.get(key);
    if (!c) return;
    c.unacked = Math.max(0, c.unacked - chars);
    this.update();
  }

  /** True when a view has been over the high watermark for the lag time and no longer holds the PTY. */
  isLagging(key: object): boolean {
    const c = this.consumers.get(key);
    return c !== undefined && this.lags(c, this.now()) && this.someViewKeepsUp(this.now());
  }

  /** Stops the pending re-check timer (the session is gone). */
  dispose(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
  }

  private lags(c: { view: boolean; overSince: number | null }, now: number): boolean {
    return c.view && c.overSince !== null && now - c.overSince >= this.lagMs;
  }

  private someViewKeepsUp(now: number): boolean {
    for (const c of this.consumers.values()) if (c.view && !this.lags(c, now)) return true;
    return false;
  }

  private update(): void {
    const now = this.now();
    let nextLag = Infinity;
    for (const c of this.consumers.values()) {
      if (c.unacked > this.high) c.overSince ??= now;
      else if (c.unacked < this.low) c.overSince = null;
      if (c.view && c.overSince !== null && !this.lags(c, now))
        nextLag = Math.min(nextLag, c.overSince + this.lagMs);
    }
    const excuse = this.someViewKeepsUp(now);
    let max = 0;
    for (const c of this.consumers.values()) {
      if (excuse && this.lags(c, now)) continue;
      max = Math.max(max, c.unacked);
    }
    if (!this.paused && max > this.high) {
      this.paused = true;
      this.onPause();
    } else if (this.paused && max < this.low) {
      this.paused = false;
      this.onResume();
    }
    // While held, time alone can excuse a lagging view: look again when the next one would be.
    this.dispose();
    if (this.paused && nextLag !== Infinity) {
      this.recheck = setTimeout(() => this.update(), Math.max(0, nextLag - now));
      this.recheck.unref();
    }
  }
}
