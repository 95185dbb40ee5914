/**
 * One session's terminal view, outside React: an xterm with its addons, wired to the bridge.
 *
 * Output path: `session.attach` → snapshot written to a fresh screen → held and live
 * `session.data` chunks written with xterm's write callback → {@link AckBatcher} →
 * `session.ack`. Input path: xterm `onData`/`onBinary` → `session.write`. Size: the container's
 * size (ResizeObserver, debounced {@link RESIZE_DEBOUNCE_MS}) → fit → {@link SizeShare} (the view
 * in use resizes the PTY; others follow it) → `session.resize`. Keys: app shortcuts go to the
 * window, clipboard chords to {@link clipboardKeyAction}; links open on Ctrl/Cmd-click only.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import type { PublicSettings } from '../../../contract/bridge.js';
import type { RendererBridge } from '../bridge/connection.js';
import { AckBatcher } from './ack-batcher.js';
import { PendingOutput } from './pending-output.js';
import { swallowTerminalQueries } from './query-filter.js';
import { installBell, installClipboard, type ClipboardContext } from './clipboard.js';
import { keyHandler } from './key-handler.js';
import { SizeShare, type Grid, type SizeNotice } from './size-share.js';
import { lookFromSettings, lookOptions, terminalOptions } from './theme.js';
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
  /** The settings at creation; later changes arrive through {@link TerminalController.applySettings}. */
  settings: PublicSettings;
  /** The colour scheme in effect. */
  scheme: 'dark' | 'light';
  /** The session's agent kind, read when a paste arrives. */
  agent: () => string;
  /** Asks the user whether to paste multi-line `text` into a shell. */
  confirmPaste: (text: string) => Promise<boolean>;
  /** Opens a link (already Ctrl/Cmd-clicked). */
  openLink: (uri: string) => void;
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
  private readonly share: SizeShare;
  private settings: PublicSettings;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private findListener: ((results: FindResults) => void) | null = null;
  private noticeListener: ((notice: SizeNotice | null) => void) | null = null;
  private notice: SizeNotice | null = null;

  constructor(private readonly options: TerminalControllerOptions) {
    const { bridge, sessionId, container, isMac } = options;
    this.settings = options.settings;
    this.term = new Terminal(terminalOptions(lookFromSettings(options.settings, options.scheme), isMac));
    this.share = new SizeShare({
      resizeView: (g) => {
        if (g.cols !== this.term.cols || g.rows !== this.term.rows) this.term.resize(g.cols, g.rows);
      },
      sendResize: (g) => this.sendResize(g),
      notice: (n) => {
        this.notice = n;
        this.noticeListener?.(n);
      },
    });
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
    const linkHint = `${isMac ? 'Cmd' : 'Ctrl'}+click to open the link`;
    this.term.loadAddon(
      new WebLinksAddon(
        (event, uri) => {
          // A plain click belongs to selection; only Ctrl/Cmd-click opens (as in VS Code).
          if (!(isMac ? event.metaKey : event.ctrlKey)) return;
          event.preventDefault();
          options.openLink(uri);
        },
        {
          hover: () => (container.title = linkHint),
          leave: () => container.removeAttribute('title'),
        },
      ),
    );
    const queries = swallowTerminalQueries(this.term);
    this.cleanups.push(() => queries.dispose());

    this.term.attachCustomKeyEventHandler(keyHandler(this.term, isMac, () => this.settings));
    this.term.open(container);
    this.cleanups.push(installClipboard(this.term, container, this.clipboard));
    this.cleanups.push(installBell(this.term, container, () => this.settings.bell));
    const claim = (): void => {
      if (this.visible) this.share.claim();
    };
    this.term.textarea?.addEventListener('focus', claim);
    window.addEventListener('focus', claim);
    this.cleanups.push(() => {
      this.term.textarea?.removeEventListener('focus', claim);
      window.removeEventListener('focus', claim);
    });

    const send = (data: string): void => {
      this.share.claim();
      bridge.request('session.write', { id: sessionId, data }).catch(() => undefined);
    };
    const onData = this.term.onData(send);
    const onBinary = this.term.onBinary(send);
    const onFind = this.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      this.findListener?.({ index: resultIndex, count: resultCount }),
    );
    this.cleanups.push(() => {
      onData.dispose();
      onBinary.dispose();
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
      bridge.on('session.resized', ({ id, cols, rows }) => {
        if (id === sessionId && !this.pending.attaching) this.share.resized({ cols, rows });
      }),
    );

    let wasDown = false;
    this.cleanups.push(
      bridge.onStatus((status) => {
        if (status === 'reconnecting') {
          wasDown = true;
          this.acks.reset();
          this.share.reset();
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
      if (document.hasFocus()) this.share.claim();
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

  /** Applies changed settings (font, cursor, scrollback, colours, screen reader) live. */
  applySettings(settings: PublicSettings, scheme: 'dark' | 'light'): void {
    if (this.disposed) return;
    this.settings = settings;
    this.term.options = lookOptions(lookFromSettings(settings, scheme));
    this.scheduleFit();
  }

  /** What copy and paste need from this view (for the context menu's Paste). */
  get clipboard(): ClipboardContext {
    return {
      settings: () => this.settings,
      agent: this.options.agent,
      confirmPaste: this.options.confirmPaste,
    };
  }

  /** Reports the "sized for another window" notice to `listener` (null removes it). */
  onSizeNotice(listener: ((notice: SizeNotice | null) => void) | null): void {
    this.noticeListener = listener;
    listener?.(this.notice);
  }

  /** Makes this view decide the PTY's size (the user clicked "Fit to this window"). */
  claimSize(): void {
    this.share.claim();
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
    if (this.term.cols !== snapshot.cols || this.term.rows !== snapshot.rows) {
      this.term.resize(snapshot.cols, snapshot.rows);
    }
    this.share.attached({ cols: snapshot.cols, rows: snapshot.rows }, this.visible && document.hasFocus());
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
    if (this.pending.attaching) return;
    this.share.fitted({ cols: proposed.cols, rows: proposed.rows });
  }

  private sendResize({ cols, rows }: Grid): void {
    this.options.bridge
      .request('session.resize', { id: this.options.sessionId, cols, rows })
      .catch(() => undefined);
  }
}
