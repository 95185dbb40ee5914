/**
 * Sharing one PTY between views of different sizes (two windows, a browser tab and the desktop
 * app). The PTY has one size; like tmux's `window-size latest`, it follows the view the user
 * works in: the one most recently focused, typed into, or shown as the active tab of a focused
 * window. That view "owns" the size and resizes the PTY to fit itself; every other view draws
 * the program at the PTY's size and marks the area it does not use (or says the program is cut
 * off), instead of silently clipping it.
 *
 * Pure logic over cell grids; {@link SizeShareIo} does the work (xterm resize, `session.resize`,
 * the notice shown over the terminal).
 */

/** A terminal size in cells. */
export interface Grid {
  cols: number;
  rows: number;
}

/** Shown by a view that does not own the size: the PTY's size and what this view could fit. */
export interface SizeNotice {
  pty: Grid;
  fit: Grid;
}

/** What {@link SizeShare} asks its view to do. */
export interface SizeShareIo {
  /** Resize the local xterm to `grid` (a no-op when it already has that size). */
  resizeView(grid: Grid): void;
  /** Ask the host to resize the PTY (`session.resize`). */
  sendResize(grid: Grid): void;
  /** Show or clear the "sized for another window" notice. */
  notice(notice: SizeNotice | null): void;
}

const same = (a: Grid | null, b: Grid | null): boolean =>
  a !== null && b !== null && a.cols === b.cols && a.rows === b.rows;

/** Most resize requests we remember while waiting for the host's `session.resized` echoes. */
const MAX_PENDING = 16;

/** One view's side of the shared PTY size. */
export class SizeShare {
  private owner = false;
  private pty: Grid | null = null;
  private fit: Grid | null = null;
  /** Sizes this view asked for whose `session.resized` echo has not come back yet. */
  private pending: Grid[] = [];

  constructor(private readonly io: SizeShareIo) {}

  /** True while this view decides the PTY's size. */
  get isOwner(): boolean {
    return this.owner;
  }

  /** The PTY size as last known (from the snapshot or a `session.resized` event). */
  get ptySize(): Grid | null {
    return this.pty;
  }

  /** A fresh snapshot arrived at `pty` size; `claim` when this view is the one in use. */
  attached(pty: Grid, claim: boolean): void {
    this.pty = { ...pty };
    this.pending = [];
    if (claim) this.owner = true;
    this.apply();
  }

  /** The user focused, typed into or showed this view: it takes the size. */
  claim(): void {
    if (this.owner) return;
    this.owner = true;
    this.apply();
  }

  /** The view's container now fits `fit` cells. */
  fitted(fit: Grid): void {
    this.fit = { ...fit };
    this.apply();
  }

  /** The host says the PTY is now `size` (`session.resized`, from any view). */
  resized(size: Grid): void {
    const mine = this.pending.findIndex((g) => same(g, size));
    if (mine !== -1) {
      this.pending.splice(0, mine + 1);
    } else if (!same(size, this.pty)) {
      // Another view took the size.
      this.owner = false;
    }
    this.pty = { ...size };
    this.apply();
  }

  /** The connection dropped: what the host knows is unknown until the next snapshot. */
  reset(): void {
    this.pending = [];
  }

  private apply(): void {
    if (this.owner && this.fit) {
      if (!same(this.fit, this.pty) && !same(this.fit, this.pending.at(-1) ?? null)) {
        this.pending.push({ ...this.fit });
        if (this.pending.length > MAX_PENDING) this.pending.shift();
        this.io.sendResize({ ...this.fit });
      }
      this.io.resizeView({ ...this.fit });
      this.io.notice(null);
      return;
    }
    const shown = this.pty ?? this.fit;
    if (shown) this.io.resizeView({ ...shown });
    this.io.notice(
      this.pty && this.fit && !same(this.pty, this.fit)
        ? { pty: { ...this.pty }, fit: { ...this.fit } }
        : null,
    );
  }
}
