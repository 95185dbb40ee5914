/**
 * Output batching between a PTY and everything that consumes its output, after VS Code's
 * `TerminalDataBufferer` (https://github.com/microsoft/vscode/blob/main/src/vs/platform/terminal/common/terminalDataBuffering.ts),
 * with a leading edge:
 * - text after a quiet spell (no delivery for {@link OUTPUT_BATCH_MS}) — a keystroke's echo — is
 *   delivered at once, joined only with what arrives in the same event-loop turn (`setImmediate`);
 * - text that follows a delivery sooner is held until {@link OUTPUT_BATCH_MS} after it and joined,
 *   which turns the many small reads of a busy program into at most one event per window.
 */
import type { Disposable } from '../base/lifecycle.js';

/**
 * The batching window, in ms: at most one delivery per window while output keeps coming (VS Code
 * uses 5 ms, Hyper 16 ms). The first output after a quiet spell does not wait for it: holding a
 * keystroke's echo 5 ms made it miss the page's next animation frame about one time in three
 * (`npm run bench`, keystroke echo figure).
 */
export const OUTPUT_BATCH_MS = 5;

/** A batch is delivered at once when it reaches this many chars, so no single event grows unbounded. */
export const OUTPUT_BATCH_MAX_CHARS = 64 * 1024;

/** Joins text pushed within a short window and hands it on in one call. */
export class OutputBatcher implements Disposable {
  private batch = '';
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  /** `performance.now()` of the last delivery, ms. */
  private lastDeliveryAt = -Infinity;

  /**
   * @param deliver receives each batch (never empty).
   * @param delayMs the batching window, in ms.
   * @param maxChars a batch this long (chars) is delivered at once.
   */
  constructor(
    private readonly deliver: (data: string) => void,
    private readonly delayMs = OUTPUT_BATCH_MS,
    private readonly maxChars = OUTPUT_BATCH_MAX_CHARS,
  ) {}

  /** Adds text to the current batch and schedules its delivery (see the module doc). */
  push(text: string): void {
    if (!text) return;
    this.batch += text;
    if (this.batch.length >= this.maxChars) {
      this.flush();
      return;
    }
    if (this.timer || this.immediate) return;
    const since = performance.now() - this.lastDeliveryAt;
    if (since >= this.delayMs) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), this.delayMs - since);
  }

  /** Delivers the current batch now (nothing when empty). */
  flush(): void {
    this.cancel();
    const data = this.batch;
    if (!data) return;
    this.batch = '';
    this.lastDeliveryAt = performance.now();
    this.deliver(data);
  }

  /** Drops the pending batch and its timer; nothing is delivered afterwards unless pushed again. */
  dispose(): void {
    this.cancel();
    this.batch = '';
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }
}
