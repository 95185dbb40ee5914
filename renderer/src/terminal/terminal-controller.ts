/**
 * One session's terminal view, outside React: an xterm with its addons, wired to the bridge.
 *
 * Output path: `session.attach` → snapshot written to a fresh screen → held and live
 * `session.data` chunks written with xterm's write callback → {@link AckBatcher} →
 * `session.ack`. Input path: xterm `onData`/`onBinary` → `session.write`. Size: the container's
 * size (ResizeObserver, debounced {@link RESIZE_DEBOUNCE_MS}) → fit → `session.resize`.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import type { RendererBridge } from '../bridge/connection.js';
import { shortcutFor } from '../lib/shortcuts.js';
import { AckBatcher } from './ack-batcher.js';
import { PendingOutput } from './pending-output.js';
import { swallowTerminalQueries } from './query-filter.js';
import { terminalOptions } from './theme.js';
import { WebglSwitch } from './webgl.js';

/** Quiet time after the last container resize before the terminal is refitted, in ms. */
export const RESIZE_DEBOUNCE_MS = 50;

/** Options of a {@link TerminalController}. */
export interface TerminalControllerOptions {
  bridge: RendererBridge;
  sessionId: string;
  /** The element xterm renders into; its size decides cols and rows. */
  container: HTMLElement;
  /** macOS uses Cmd for app shortcuts (so they are not typed into the terminal). */
  isMac: boolean;
}

/** Search options offered by the find bar. */
export interface FindOptions {
  caseSensitive: boolean;
}

/** Result counts reported while searching (`index` is 0-based, -1 when there is none). */
export interface FindResults {
  index: number;
  count: number;
}

/** Search highlight colours (match the accent colours of the stylesheet). */
const SEARCH_DECORATIONS = {
  matchBackground: '#3b4a6b',
  matchBorder: '#3b4a6b',
  matchOverviewRuler: '#6c9bf5',
  activeMatchBackground: '#e8c47a',
  activeMatchBorder: '#e8c47a',
  activeMatchColorOverviewRuler: '#e8c47a',
};

/** Owns one xterm for one session; call {@link dispose} when the view unmounts. */
export class TerminalController {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly search = new SearchAddon();
  private readonly webgl: WebglSwitch;
  private readonly pending = new PendingOutput();
  private readonly acks: AckBatcher;
  private readonly cleanups: Array<() => void> = [];
  private visible = false;
  private disposed = false;
  private attachGeneration = 0;
  /** The size the server last heard about (or gave us), to avoid redundant resize requests. */
  private serverSize: { cols: number; rows: number } | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private findListener: ((results: FindResults) => void) | null = null;

  constructor(private readonly options: TerminalControllerOptions) {
    const { bridge, sessionId, container } = options;
    this.term = new Terminal(terminalOptions());
    this.acks = new AckBatcher({
      send: (chars) => {
        bridge.request('session.ack', { id: sessionId, chars }).catch(() => undefined);
      },
    });
    this.webgl = new WebglSwitch(this.term);

    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    const queries = swallowTerminalQueries(this.term);
    this.cleanups.push(() => queries.dispose());

    // App shortcuts are handled by the window; keep xterm from also typing them.
    this.term.attachCustomKeyEventHandler((e) => !(e.type === 'keydown' && shortcutFor(e, options.isMac)));
    this.term.open(container);

    const send = (data: string): void => {
      bridge.request('session.write', { id: sessionId, data }).catch(() => undefined);
    };
    const onData = this.term.onData(send);
    const onBinary = this.term.onBinary(send);
    const onResize = this.term.onResize(({ cols, rows }) => this.reportSize(cols, rows));
    const onFind = this.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      this.findListener?.({ index: resultIndex, count: resultCount }),
    );
    this.cleanups.push(() => {
      onData.dispose();
      onBinary.dispose();
      onResize.dispose();
      onFind.dispose();
    });

    this.cleanups.push(
      bridge.on('session.data', ({ id, data }) => {
        if (id !== sessionId) return;
        const now = this.pending.accept(data);
        if (now === null) {
          if (!this.pending.attaching) this.acks.written(data.length);
          return;
        }
        this.writeLive(now);
      }),
    );

    let wasDown = false;
    this.cleanups.push(
      bridge.onStatus((status) => {
        if (status === 'reconnecting') {
          wasDown = true;
          this.acks.reset();
          this.serverSize = null;
        } else if (status === 'open' && wasDown) {
          wasDown = false;
          void this.attach();
        }
      }),
    );

    const observer = new ResizeObserver(() => this.scheduleFit());
    observer.observe(container);
    this.cleanups.push(() => observer.disconnect());

    void this.attach();
  }

  /** Shows or hides this view: WebGL only while visible; refits on show. */
  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.webgl.enable();
      this.fitNow();
    } else {
      this.webgl.disable();
    }
  }

  /** Moves keyboard focus into the terminal. */
  focus(): void {
    if (!this.disposed) this.term.focus();
  }

  /**
   * Fetches a fresh snapshot and replaces the screen with it (after a restart, the old
   * attachment is dropped first so no output is written twice).
   */
  async reattach(): Promise<void> {
    this.pending.beginDiscard();
    await this.options.bridge
      .request('session.detach', { id: this.options.sessionId })
      .catch(() => undefined);
    await this.attach();
  }

  /** Current grid size. */
  size(): { cols: number; rows: number } {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  /** Reports search result counts to `listener` (one listener; null removes it). */
  onFindResults(listener: ((results: FindResults) => void) | null): void {
    this.findListener = listener;
  }

  /**
   * Highlights all matches of `text` and selects the next (or previous) one. `incremental`
   * (while typing) keeps the current match when it still matches. Returns whether one was found.
   */
  find(text: string, options: FindOptions, backwards = false, incremental = false): boolean {
    if (text === '') {
      this.clearFind();
      return false;
    }
    const searchOptions = {
      caseSensitive: options.caseSensitive,
      incremental,
      decorations: SEARCH_DECORATIONS,
    };
    return backwards
      ? this.search.findPrevious(text, searchOptions)
      : this.search.findNext(text, searchOptions);
  }

  /** Removes search highlights. */
  clearFind(): void {
    this.search.clearDecorations();
    this.findListener?.({ index: -1, count: 0 });
  }

  /** Detaches from the session and frees the terminal. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
    this.acks.flush();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.options.bridge.request('session.detach', { id: this.options.sessionId }).catch(() => undefined);
    this.webgl.disable();
    this.term.dispose();
  }

  private async attach(): Promise<void> {
    const generation = ++this.attachGeneration;
    this.pending.beginAttach();
    let snapshot;
    try {
      snapshot = await this.options.bridge.request('session.attach', { id: this.options.sessionId });
    } catch {
      if (generation === this.attachGeneration) this.pending.release();
      return;
    }
    if (this.disposed || generation !== this.attachGeneration) return;
    this.term.reset();
    this.serverSize = { cols: snapshot.cols, rows: snapshot.rows };
    if (this.term.cols !== snapshot.cols || this.term.rows !== snapshot.rows) {
      this.term.resize(snapshot.cols, snapshot.rows);
    }
    this.term.write(snapshot.data);
    for (const chunk of this.pending.release()) this.writeLive(chunk);
    if (this.visible) this.fitNow();
  }

  private writeLive(data: string): void {
    this.term.write(data, () => this.acks.written(data.length));
  }

  private scheduleFit(): void {
    if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null;
      this.fitNow();
    }, RESIZE_DEBOUNCE_MS);
  }

  private fitNow(): void {
    if (this.disposed || !this.visible) return;
    const proposed = this.fit.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return;
    if (proposed.cols < 2 || proposed.rows < 1) return;
    if (proposed.cols !== this.term.cols || proposed.rows !== this.term.rows) {
      this.term.resize(proposed.cols, proposed.rows);
    } else {
      this.reportSize(proposed.cols, proposed.rows);
    }
  }

  private reportSize(cols: number, rows: number): void {
    if (this.pending.attaching) return;
    if (this.serverSize && this.serverSize.cols === cols && this.serverSize.rows === rows) return;
    this.serverSize = { cols, rows };
    this.options.bridge
      .request('session.resize', { id: this.options.sessionId, cols, rows })
      .catch(() => undefined);
  }
}
