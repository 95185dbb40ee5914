/**
 * App-level keyboard shortcuts and the keys they claim. Only chords a terminal program does not
 * need are taken: Ctrl/Cmd together with Shift, a digit, Tab, `+`/`-`/`0` or `,`, and F6, so
 * plain Ctrl-C, Ctrl-W, Ctrl-R… still reach the terminal.
 *
 * Browsers keep Ctrl-T, Ctrl-Shift-T, Ctrl-W, Ctrl-Shift-W and Ctrl-Tab for themselves (a page
 * never sees them), so each has an alternative that works in a browser tab too:
 *
 * - New session: Ctrl/Cmd-Shift-T (desktop app), Ctrl/Cmd-Shift-` (everywhere, as in VS Code)
 * - Next / previous tab: Ctrl-Tab / Ctrl-Shift-Tab (desktop app), Ctrl/Cmd-Shift-] / [ (everywhere)
 * - Close the tab: Ctrl/Cmd-Shift-W (desktop app), Ctrl/Cmd-Shift-Backspace (everywhere)
 * - Go to tab 1…8: Ctrl/Cmd-1…8; the last tab: Ctrl/Cmd-9 (as browsers and VS Code do)
 * - Move the tab left / right: Ctrl/Cmd-Shift-PageUp / PageDown
 * - Find in the terminal: Ctrl/Cmd-Shift-F
 * - Phone panel: Ctrl/Cmd-Shift-P; Settings: Ctrl/Cmd-,
 * - Font size: Ctrl/Cmd-+ / - / 0 (bigger, smaller, default)
 * - Next / previous focus region (tabs, terminal, side panel, top-bar buttons): F6 / Shift-F6,
 *   or Ctrl/Cmd-Shift-E / Ctrl/Cmd-Alt-Shift-E
 */

/** What a shortcut does. `goto` takes a 0-based tab index, -1 for the last tab. */
export type ShortcutAction =
  | { type: 'new' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'close' }
  | { type: 'find' }
  | { type: 'goto'; index: number }
  | { type: 'moveTab'; delta: 1 | -1 }
  | { type: 'phone' }
  | { type: 'settings' }
  | { type: 'zoom'; step: 1 | -1 | 0 }
  | { type: 'region'; delta: 1 | -1 };

/** The fields of a `KeyboardEvent` that decide a shortcut. */
export interface KeyChord {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Shifted chords of the primary modifier, by `KeyboardEvent.code`. */
const SHIFTED: Record<string, ShortcutAction> = {
  KeyT: { type: 'new' },
  Backquote: { type: 'new' },
  KeyW: { type: 'close' },
  Backspace: { type: 'close' },
  KeyF: { type: 'find' },
  KeyP: { type: 'phone' },
  KeyE: { type: 'region', delta: 1 },
  BracketRight: { type: 'next' },
  BracketLeft: { type: 'previous' },
  PageDown: { type: 'moveTab', delta: 1 },
  PageUp: { type: 'moveTab', delta: -1 },
};

/**
 * The app action for a keydown, or null when the key belongs to the terminal.
 * @param isMac on macOS the primary modifier is Cmd (meta), elsewhere Ctrl.
 */
export function shortcutFor(e: KeyChord, isMac: boolean): ShortcutAction | null {
  if (e.key === 'F6' && !e.ctrlKey && !e.metaKey && !e.altKey) {
    return { type: 'region', delta: e.shiftKey ? -1 : 1 };
  }
  const primary = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (e.altKey) {
    return primary && e.shiftKey && e.code === 'KeyE' ? { type: 'region', delta: -1 } : null;
  }
  if (e.key === 'Tab' && e.ctrlKey && !e.metaKey) return { type: e.shiftKey ? 'previous' : 'next' };
  if (!primary) return null;
  if (e.shiftKey) {
    // Ctrl-Shift-= types "+" on US layouts: that is zoom in, not a shifted shortcut.
    if (e.key === '+') return { type: 'zoom', step: 1 };
    return SHIFTED[e.code] ?? null;
  }
  if (e.key === '+' || e.key === '=' || e.code === 'NumpadAdd') return { type: 'zoom', step: 1 };
  if (e.key === '-' || e.code === 'NumpadSubtract') return { type: 'zoom', step: -1 };
  if (e.code === 'Digit0' || e.code === 'Numpad0') return { type: 'zoom', step: 0 };
  if (e.code === 'Comma') return { type: 'settings' };
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (digit)
    return digit[1] === '9' ? { type: 'goto', index: -1 } : { type: 'goto', index: Number(digit[1]) - 1 };
  return null;
}

/** True on macOS, where shortcuts use Cmd; reads the user agent platform. */
export function detectMac(nav: { platform?: string; userAgent?: string }): boolean {
  return /Mac|iPhone|iPad/i.test(nav.platform ?? '') || /Mac OS X/i.test(nav.userAgent ?? '');
}

/**
 * A primary-modifier chord as shown in tooltips: `chordLabel('T', true, false)` gives
 * "Ctrl+Shift+T", and "⌘⇧T" on macOS.
 */
export function chordLabel(key: string, shift: boolean, isMac: boolean): string {
  if (isMac) return `⌘${shift ? '⇧' : ''}${key}`;
  return `Ctrl+${shift ? 'Shift+' : ''}${key}`;
}

/**
 * The "New session" chord that works where the app runs: Ctrl/Cmd-Shift-T in the desktop app,
 * Ctrl/Cmd-Shift-` in a browser tab (which keeps Ctrl-Shift-T to reopen closed tabs).
 */
export function newSessionChord(shell: 'electron' | 'headless' | null, isMac: boolean): string {
  return chordLabel(shell === 'electron' ? 'T' : '`', true, isMac);
}
