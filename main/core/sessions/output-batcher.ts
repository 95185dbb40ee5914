/**
 * Output batching between a PTY and everything that consumes its output, after VS Code's
 * `TerminalDataBufferer` (https://github.com/microsoft/vscode/blob/main/src/vs/platform/terminal/common/terminalDataBuffering.ts):
 * text arriving within {@link OUTPUT_BATCH_MS} of the first piece is joined and delivered as one
 * piece, which turns the many small reads of a busy program into few events.
 */
import type { Disposable } from '../base/lifecycle.js';

/**
 * Output is batched for this long before it crosses to the views, in ms. VS Code uses 5 ms, Hyper
 * 16 ms; 5 ms merges the many small reads a busy program causes into one event without adding a
 * delay anyone can perceive when typing (a 60 Hz frame is 16.7 ms).
 */
export const OUTPUT_BATCH_MS = 5;

/** A batch is delivered at once when it reaches this many chars, so no single event grows unbounded. */
export const OUTPUT_BATCH_MAX_CHARS = 64 * 1024;

/** Joins text pushed within a short window and hands it on in one call. */
export class OutputBatcher implements Disposable {
  private batch = '';
  private timer: NodeJS.Timeout | null = null;

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

  /** Adds text to the current batch; starts the window if none is open. */
  push(text: string): void {
    if (!text) return;
    this.batch += text;
    if (this.batch.length >= this.maxChars) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Delivers the current batch now (nothing when empty). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const data = this.batch;
    if (!data) return;
    this.batch = '';
    this.deliver(data);
  }

  /** Drops the pending batch and its timer; nothing is delivered afterwards unless pushed again. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.batch = '';
  }
}
