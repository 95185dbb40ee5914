/**
 * A screen snapshot: the visible cells of a terminal with their attributes, as plain data. It is
 * what the screen image renderer draws, so the renderer stays a pure function of data that can be
 * taken wherever the screen model lives (this process or a PTY host) and sent across a process
 * boundary as JSON.
 *
 * {@link snapshotFromBuffer} reads one from an `@xterm/headless` buffer through its public API
 * (https://xtermjs.org/docs/api/terminal/interfaces/ibuffercell/); {@link snapshotFromText} makes
 * one from plain text lines (a long permission prompt's body).
 */
import type { IBuffer, IBufferCell } from '@xterm/headless';

/** A cell colour: the theme's default, one of the 256 palette entries, or a 24-bit RGB value. */
export type CellColor =
  { kind: 'default' } | { kind: 'palette'; index: number } | { kind: 'rgb'; rgb: number };

/** A run of cells on one row with the same attributes. */
export interface ScreenSpan {
  /** First column, 0-based. */
  col: number;
  /** Cells covered (a wide character covers 2). */
  cells: number;
  /** The characters (a cell may hold a character with combining marks). */
  text: string;
  /** True for a single wide character (2 cells); such a character is always a span of its own. */
  wide: boolean;
  fg: CellColor;
  bg: CellColor;
  bold: boolean;
  italic: boolean;
  dim: boolean;
  underline: boolean;
  inverse: boolean;
  strikethrough: boolean;
  invisible: boolean;
}

/** The visible screen as data. Sizes in cells; the cursor is 0-based in the viewport. */
export interface ScreenSnapshot {
  cols: number;
  rows: number;
  /** One list of spans per row, top to bottom (blank default cells may be omitted). */
  lines: ScreenSpan[][];
  /** The cursor, or null when the program hid it (DECTCEM off). */
  cursor: { row: number; col: number } | null;
}

const DEFAULT: CellColor = { kind: 'default' };

function fgOf(cell: IBufferCell): CellColor {
  if (cell.isFgRGB()) return { kind: 'rgb', rgb: cell.getFgColor() };
  if (cell.isFgPalette()) return { kind: 'palette', index: cell.getFgColor() };
  return DEFAULT;
}

function bgOf(cell: IBufferCell): CellColor {
  if (cell.isBgRGB()) return { kind: 'rgb', rgb: cell.getBgColor() };
  if (cell.isBgPalette()) return { kind: 'palette', index: cell.getBgColor() };
  return DEFAULT;
}

function sameColor(a: CellColor, b: CellColor): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'palette') return a.index === (b as { index: number }).index;
  if (a.kind === 'rgb') return a.rgb === (b as { rgb: number }).rgb;
  return true;
}

function sameStyle(a: ScreenSpan, b: Omit<ScreenSpan, 'col' | 'cells' | 'text' | 'wide'>): boolean {
  return (
    sameColor(a.fg, b.fg) &&
    sameColor(a.bg, b.bg) &&
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.dim === b.dim &&
    a.underline === b.underline &&
    a.inverse === b.inverse &&
    a.strikethrough === b.strikethrough &&
    a.invisible === b.invisible
  );
}

function isBlankDefault(span: ScreenSpan): boolean {
  return (
    span.text.trim() === '' &&
    span.bg.kind === 'default' &&
    !span.inverse &&
    !span.underline &&
    !span.strikethrough
  );
}

/**
 * Reads the visible viewport of an xterm buffer as a snapshot, at most `maxRows` × `maxCols`
 * cells (the top-left part), merging equal neighbouring cells into spans.
 * @param cursorVisible false when the program hid the cursor.
 */
export function snapshotFromBuffer(
  buffer: IBuffer,
  size: { cols: number; rows: number },
  cursorVisible: boolean,
  limits: { maxRows: number; maxCols: number },
): ScreenSnapshot {
  const cols = Math.max(1, Math.min(size.cols, limits.maxCols));
  const rows = Math.max(1, Math.min(size.rows, limits.maxRows));
  const lines: ScreenSpan[][] = [];
  let scratch: IBufferCell | undefined;
  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const spans: ScreenSpan[] = [];
    if (line) {
      for (let x = 0; x < cols; x++) {
        scratch = line.getCell(x, scratch);
        if (!scratch) break;
        const width = scratch.getWidth();
        if (width === 0) continue; // the right half of a wide character
        const cells = Math.min(width, cols - x);
        const style = {
          fg: fgOf(scratch),
          bg: bgOf(scratch),
          bold: scratch.isBold() !== 0,
          italic: scratch.isItalic() !== 0,
          dim: scratch.isDim() !== 0,
          underline: scratch.isUnderline() !== 0,
          inverse: scratch.isInverse() !== 0,
          strikethrough: scratch.isStrikethrough() !== 0,
          invisible: scratch.isInvisible() !== 0,
        };
        const chars = scratch.getChars() || ' ';
        const last = spans[spans.length - 1];
        if (last && !last.wide && cells === 1 && last.col + last.cells === x && sameStyle(last, style)) {
          last.text += chars;
          last.cells += 1;
        } else {
          spans.push({ col: x, cells, text: chars, wide: cells > 1, ...style });
        }
      }
    }
    lines.push(spans.filter((s) => !isBlankDefault(s)));
  }
  const cursorRow = buffer.cursorY;
  const cursorCol = buffer.cursorX;
  const cursor =
    cursorVisible && cursorRow < rows && cursorCol < cols && buffer.viewportY === buffer.baseY
      ? { row: cursorRow, col: cursorCol }
      : null;
  return { cols, rows, lines, cursor };
}

/**
 * A snapshot of plain text (no colours, no cursor): tabs as 4 spaces, lines longer than
 * `limits.maxCols` characters wrapped, at most `limits.maxRows` rows (the rest cut). Characters
 * are treated as one cell wide.
 */
export function snapshotFromText(text: string, limits: { maxRows: number; maxCols: number }): ScreenSnapshot {
  const rows: string[][] = [];
  for (const line of text.replace(/\t/g, '    ').split('\n')) {
    const chars = Array.from(line.replace(/\s+$/, ''));
    do {
      rows.push(chars.splice(0, limits.maxCols));
    } while (chars.length > 0 && rows.length < limits.maxRows);
    if (rows.length >= limits.maxRows) break;
  }
  const lines = rows.map((chars) => {
    if (chars.length === 0) return [];
    const span: ScreenSpan = {
      col: 0,
      cells: chars.length,
      text: chars.join(''),
      wide: false,
      fg: DEFAULT,
      bg: DEFAULT,
      bold: false,
      italic: false,
      dim: false,
      underline: false,
      inverse: false,
      strikethrough: false,
      invisible: false,
    };
    return [span];
  });
  const cols = Math.max(1, ...lines.map((l) => l[0]?.cells ?? 0));
  return { cols, rows: Math.max(1, lines.length), lines, cursor: null };
}
