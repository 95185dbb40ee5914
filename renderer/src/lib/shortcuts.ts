/**
 * App-level keyboard shortcuts and the keys they claim. Only chords a terminal program does not
 * need are taken: they all use Ctrl/Cmd together with Shift, a digit, or Tab, so plain Ctrl-C,
 * Ctrl-W, Ctrl-R… still reach the terminal.
 *
 * - Ctrl/Cmd-Shift-T: new session
 * - Ctrl-Tab / Ctrl-Shift-Tab, Ctrl/Cmd-Shift-] / [: next / previous tab
 * - Ctrl/Cmd-Shift-W: close the tab
 * - Ctrl/Cmd-1…9: go to tab 1…9
 * - Ctrl/Cmd-Shift-F: find in the terminal
 */

/** What a shortcut does. `goto` takes a 0-based tab index. */
export type ShortcutAction =
  | { type: 'new' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'close' }
  | { type: 'find' }
  | { type: 'goto'; index: number };

/** The fields of a `KeyboardEvent` that decide a shortcut. */
export interface KeyChord {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The app action for a keydown, or null when the key belongs to the terminal.
 * @param isMac on macOS the primary modifier is Cmd (meta), elsewhere Ctrl.
 */
export function shortcutFor(e: KeyChord, isMac: boolean): ShortcutAction | null {
  if (e.altKey) return null;
  if (e.key === 'Tab' && e.ctrlKey && !e.metaKey) return { type: e.shiftKey ? 'previous' : 'next' };
  const primary = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!primary) return null;
  if (e.shiftKey) {
    switch (e.code) {
      case 'KeyT':
        return { type: 'new' };
      case 'KeyW':
        return { type: 'close' };
      case 'KeyF':
        return { type: 'find' };
      case 'BracketRight':
        return { type: 'next' };
      case 'BracketLeft':
        return { type: 'previous' };
      default:
        return null;
    }
  }
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (digit) return { type: 'goto', index: Number(digit[1]) - 1 };
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
