/**
 * Terminal size estimates, used when creating a session before its view exists: the PTY should
 * start at the size the view will have, so the program draws its first screen correctly.
 */
import { FONT_FAMILY, LINE_HEIGHT } from './theme.js';

/** Size of a character cell, in CSS px. */
export interface CellSize {
  width: number;
  height: number;
}

/** Fallback grid when nothing can be measured (the classic 80×24). */
export const DEFAULT_GRID = { cols: 80, rows: 24 } as const;

/**
 * Columns and rows that fit `width`×`height` CSS px of cells of `cell` size, clamped to the
 * contract's limits (2…1000 cols, 1…500 rows). Returns {@link DEFAULT_GRID} for unusable input.
 */
export function gridFor(width: number, height: number, cell: CellSize): { cols: number; rows: number } {
  if (!(width > 0 && height > 0 && cell.width > 0 && cell.height > 0)) return { ...DEFAULT_GRID };
  const cols = Math.min(1000, Math.max(2, Math.floor(width / cell.width)));
  const rows = Math.min(500, Math.max(1, Math.floor(height / cell.height)));
  return { cols, rows };
}

/**
 * Measures the terminal font's cell in the live document (xterm rounds row height to whole px).
 * `fontSize` in CSS px; `fontFamily` is the user's choice, placed before the built-in stack.
 */
export function measureCell(doc: Document, fontSize: number, fontFamily = ''): CellSize {
  const family = fontFamily.trim() === '' ? FONT_FAMILY : `${fontFamily}, ${FONT_FAMILY}`;
  const probe = doc.createElement('span');
  probe.textContent = 'W'.repeat(32);
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${family};font-size:${fontSize}px;line-height:normal`;
  doc.body.appendChild(probe);
  const rect = probe.getBoundingClientRect();
  probe.remove();
  return { width: rect.width / 32, height: Math.ceil(Math.ceil(rect.height) * LINE_HEIGHT) };
}
