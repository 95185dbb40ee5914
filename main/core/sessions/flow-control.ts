/**
 * Flow control between a PTY and the views that draw it.
 *
 * The scheme is VS Code's (src/vs/platform/terminal/common/terminal.ts, `FlowControlConstants`)
 * and the one xterm.js documents in its "Flow control" guide (xtermjs.org/docs/guides/flowcontrol):
 * every consumer acknowledges the chars it has written to its terminal; when any consumer has more
 * than {@link FLOW_HIGH_WATERMARK_CHARS} unacknowledged, the PTY is paused (the kernel then blocks
 * the writing program), and it resumes once every consumer is below {@link FLOW_LOW_WATERMARK_CHARS}.
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
 * Tracks unacknowledged chars per consumer and decides pause/resume with hysteresis.
 * Calls `pause` once when crossing the high watermark and `resume` once when all are low again.
 */
export class FlowController {
  private readonly consumers = new Map<object, { unacked: number }>();
  private paused = false;

  constructor(
    private readonly onPause: () => void,
    private readonly onResume: () => void,
    private readonly high = FLOW_HIGH_WATERMARK_CHARS,
    private readonly low = FLOW_LOW_WATERMARK_CHARS,
  ) {}

  /** True while the PTY is held. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Registers a consumer (identity is the key object). */
  add(key: object): void {
    if (!this.consumers.has(key)) this.consumers.set(key, { unacked: 0 });
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

  private update(): void {
    let max = 0;
    for (const c of this.consumers.values()) max = Math.max(max, c.unacked);
    if (!this.paused && max > this.high) {
      this.paused = true;
      this.onPause();
    } else if (this.paused && max < this.low) {
      this.paused = false;
      this.onResume();
    }
  }
}
