/**
 * The terminal's look: a dark palette matched to the app chrome (styles/base.css), a
 * monospace font stack that prefers common coding fonts and falls back to what every OS has,
 * and the scrollback length.
 */
import type { ITerminalOptions, ITheme } from '@xterm/xterm';

/** Rows of scrollback kept by each terminal view. */
export const SCROLLBACK_ROWS = 10_000;

/** Font size in CSS px. */
export const FONT_SIZE = 13;
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

/** Monospace fonts, first match wins. */
export const FONT_FAMILY =
  '"JetBrains Mono", "Cascadia Mono", "Cascadia Code", "Fira Code", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", monospace';

/** Terminal colours; background equals the panel colour `--term-bg` of the stylesheet. */
export const TERMINAL_THEME: ITheme = {
  background: '#0e1116',
  foreground: '#d5d9e2',
  cursor: '#e8c47a',
  cursorAccent: '#0e1116',
  selectionBackground: 'rgba(108, 155, 245, 0.35)',
  selectionInactiveBackground: 'rgba(108, 155, 245, 0.18)',
  scrollbarSliderBackground: 'rgba(255, 255, 255, 0.10)',
  scrollbarSliderHoverBackground: 'rgba(255, 255, 255, 0.18)',
  scrollbarSliderActiveBackground: 'rgba(255, 255, 255, 0.24)',
  black: '#1c2129',
  red: '#f07178',
  green: '#9ece6a',
  yellow: '#e8c47a',
  blue: '#6c9bf5',
  magenta: '#c39af4',
  cyan: '#5ccfe6',
  white: '#c6cbd6',
  brightBlack: '#5c6573',
  brightRed: '#ff8d94',
  brightGreen: '#b5e48c',
  brightYellow: '#ffd88a',
  brightBlue: '#8fb4ff',
  brightMagenta: '#d7b8ff',
  brightCyan: '#89e3f5',
  brightWhite: '#f2f4f8',
};

/** Options every terminal view is created with. */
export function terminalOptions(): ITerminalOptions {
  return {
    theme: TERMINAL_THEME,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
    scrollback: SCROLLBACK_ROWS,
    cursorBlink: true,
    cursorStyle: 'bar',
    cursorInactiveStyle: 'outline',
    allowProposedApi: true,
    macOptionIsMeta: true,
    drawBoldTextInBrightColors: false,
    minimumContrastRatio: 1,
    // The server's screen model answers window-size queries; this view must not.
    windowOptions: {},
  };
}
