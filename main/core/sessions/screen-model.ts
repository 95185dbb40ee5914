/**
 * The main-process screen model of one session: an `@xterm/headless` terminal fed with the
 * PTY's output. It is what the prompt recognisers read, what answers the program's terminal
 * queries (DA1 `ESC[c`, DA2 `ESC[>c`, DSR/CPR…) even when no window is open, and what restores a
 * reconnecting view (serialize addon).
 */
import xtermHeadless from '@xterm/headless';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import type { Disposable } from '../base/lifecycle.js';
import type { ScreenText } from '../prompts/types.js';
import { snapshotFromBuffer, type ScreenSnapshot } from '../screen-image/snapshot.js';

const { Terminal } = xtermHeadless;

/** Scrollback kept by the screen model and restored to a reconnecting view, in rows. */
export const SCREEN_SCROLLBACK_ROWS = 5000;

/** Options of a screen model. Sizes in cells. */
export interface ScreenModelOptions {
  cols: number;
  rows: number;
  scrollback?: number;
}

/** One session's headless terminal. Dispose it when the session is removed. */
export class ScreenModel {
  private readonly term: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** Chars written but not yet parsed by xterm; bounded by flow control upstream. */
  private pendingChars = 0;
  private disposed = false;
  /** DECTCEM (`CSI ? 25 h/l`): false while the program hides the cursor. */
  private cursorVisible = true;

  constructor(options: ScreenModelOptions) {
    this.term = new Terminal({
      cols: options.cols,
      rows: options.rows,
      scrollback: options.scrollback ?? SCREEN_SCROLLBACK_ROWS,
      allowProposedApi: true,
    });
    // xterm's typings of loadAddon are for the browser Terminal; the addons accept both.
    this.term.loadAddon(this.serializer as never);
    this.term.loadAddon(new Unicode11Addon() as never);
    this.term.unicode.activeVersion = '11';
    // Watch DECTCEM without consuming it (returning false lets xterm handle it too).
    const watchCursor = (visible: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorVisible = visible;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, watchCursor(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, watchCursor(false));
  }

  /** Chars written to the model but not yet parsed. */
  get backlog(): number {
    return this.pendingChars;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /**
   * Feeds output. `onParsed` runs once xterm has parsed this chunk (xterm parses
   * asynchronously in time-sliced batches).
   */
  write(data: string, onParsed?: () => void): void {
    if (this.disposed) return;
    this.pendingChars += data.length;
    this.term.write(data, () => {
      this.pendingChars -= data.length;
      onParsed?.();
    });
  }

  /** Resolves when everything written so far has been parsed. */
  flush(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /**
   * Replies the terminal sends back to the program (answers to DA1/DA2/DSR queries). The
   * session writes them into the PTY.
   */
  onReply(listener: (data: string) => void): Disposable {
    return this.term.onData(listener);
  }

  /** Window title changes (OSC 0 / OSC 2). */
  onTitle(listener: (title: string) => void): Disposable {
    return this.term.onTitleChange(listener);
  }

  resize(cols: number, rows: number): void {
    if (this.disposed) return;
    this.term.resize(cols, rows);
  }

  /** The visible viewport as plain text rows (right-trimmed) plus the cursor position. */
  text(): ScreenText {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    }
    return {
      lines,
      cursorRow: buf.cursorY,
      cursorCol: buf.cursorX,
      cols: this.term.cols,
      rows: this.term.rows,
    };
  }

  /** The visible screen as one string with trailing blank rows removed. */
  plainText(): string {
    const lines = this.text().lines;
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /**
   * The visible screen with colours and attributes, for the screen image; at most
   * `limits.maxRows` × `limits.maxCols` cells.
   */
  snapshot(limits: { maxRows: number; maxCols: number }): ScreenSnapshot {
    return snapshotFromBuffer(this.term.buffer.active, this.term, this.cursorVisible, limits);
  }

  /**
   * Screen and scrollback as VT sequences that recreate them in a fresh xterm of the same size.
   * Call after {@link flush} for a state that includes everything written so far.
   */
  serialize(): string {
    return this.serializer.serialize({ scrollback: SCREEN_SCROLLBACK_ROWS });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.term.dispose();
  }
}
