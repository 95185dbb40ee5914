/**
 * The terminal's look: a dark and a light palette matched to the app chrome (styles/base.css),
 * a monospace font stack that prefers common coding fonts and falls back to what every OS has,
 * and the xterm options that follow the user's terminal settings.
 */
import type { ITerminalOptions, ITheme } from '@xterm/xterm';
import type { PublicSettings, ThemeMode } from '../../../contract/bridge.js';

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

/** Monospace fonts, first match wins. */
export const FONT_FAMILY =
  '"JetBrains Mono", "Cascadia Mono", "Cascadia Code", "Fira Code", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", monospace';

/** Dark terminal colours; background equals `--term-bg` of the dark stylesheet. */
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

/** Light terminal colours (contrast ≥ 4.5:1 on the background for the normal colours). */
export const LIGHT_TERMINAL_THEME: ITheme = {
  background: '#ffffff',
  foreground: '#1f2430',
  cursor: '#1f5fd1',
  cursorAccent: '#ffffff',
  selectionBackground: 'rgba(31, 95, 209, 0.22)',
  selectionInactiveBackground: 'rgba(31, 95, 209, 0.12)',
  scrollbarSliderBackground: 'rgba(0, 0, 0, 0.12)',
  scrollbarSliderHoverBackground: 'rgba(0, 0, 0, 0.2)',
  scrollbarSliderActiveBackground: 'rgba(0, 0, 0, 0.28)',
  black: '#1f2430',
  red: '#c4262e',
  green: '#2e7d32',
  yellow: '#8a6100',
  blue: '#1f5fd1',
  magenta: '#8e3fbf',
  cyan: '#0b7285',
  white: '#6b7280',
  brightBlack: '#4b5563',
  brightRed: '#a61b22',
  brightGreen: '#1f6b24',
  brightYellow: '#6f4e00',
  brightBlue: '#174aa6',
  brightMagenta: '#722f9a',
  brightCyan: '#095c6b',
  brightWhite: '#111827',
};

/** The colour scheme in effect: a fixed choice, or the system's when the mode is "system". */
export function effectiveTheme(mode: ThemeMode, systemPrefersDark: boolean): 'dark' | 'light' {
  if (mode === 'system') return systemPrefersDark ? 'dark' : 'light';
  return mode;
}

/** The terminal settings that change xterm options. */
export type TerminalLook = Pick<
  PublicSettings,
  'fontFamily' | 'fontSize' | 'cursorStyle' | 'scrollback' | 'screenReaderMode'
> & { scheme: 'dark' | 'light' };

/** The look of a terminal from the settings and the colour scheme in effect. */
export function lookFromSettings(settings: PublicSettings, scheme: 'dark' | 'light'): TerminalLook {
  const { fontFamily, fontSize, cursorStyle, scrollback, screenReaderMode } = settings;
  return { fontFamily, fontSize, cursorStyle, scrollback, screenReaderMode, scheme };
}

/** The xterm options that follow the settings (safe to set on a live terminal). */
export function lookOptions(look: TerminalLook): ITerminalOptions {
  return {
    theme: look.scheme === 'light' ? LIGHT_TERMINAL_THEME : TERMINAL_THEME,
    fontFamily: look.fontFamily.trim() === '' ? FONT_FAMILY : `${look.fontFamily}, ${FONT_FAMILY}`,
    fontSize: look.fontSize,
    cursorStyle: look.cursorStyle,
    scrollback: look.scrollback,
    screenReaderMode: look.screenReaderMode,
  };
}

/** Options every terminal view is created with, for the given look. */
export function terminalOptions(look: TerminalLook, isMac: boolean): ITerminalOptions {
  return {
    ...lookOptions(look),
    lineHeight: LINE_HEIGHT,
    // A steady cursor, as VS Code's default. A blinking one (xterm's DOM renderer blinks with a CSS
    // animation) makes every keydown request a frame, and Chromium (so Electron too) then defers the
    // page's other tasks — the WebSocket message carrying the echo — until that frame
    // (`kDeferRendererTasksAfterInput`); the echo was painted one frame later than it arrived:
    // keystroke → echo painted p50 28 ms blinking, 11 ms steady (`npm run bench`, bench/README.md).
    cursorBlink: false,
    cursorInactiveStyle: 'outline',
    allowProposedApi: true,
    macOptionIsMeta: true,
    // A right click selects the word under it first (as on macOS), then the menu offers Copy.
    rightClickSelectsWord: isMac,
    drawBoldTextInBrightColors: false,
    minimumContrastRatio: 1,
    // The server's screen model answers window-size queries; this view must not.
    windowOptions: {},
  };
}
