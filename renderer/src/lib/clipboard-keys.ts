/**
 * Which clipboard action a key in the terminal means, following each platform's terminals:
 *
 * - Linux and Windows (as Windows Terminal and VS Code do): Ctrl-Shift-C copies and
 *   Ctrl-Shift-V pastes, always; Ctrl-C copies while there is a selection (and sends ^C when
 *   there is none); Ctrl-V pastes when the `ctrlVPastes` setting is on (else it sends ^V).
 * - macOS (as Terminal.app and iTerm2 do): Cmd-C copies, Cmd-V pastes; Ctrl-C/Ctrl-V stay with
 *   the program.
 */
import type { KeyChord } from './shortcuts.js';

/** What a key does to the clipboard, if anything. */
export type ClipboardKeyAction = 'copy' | 'paste' | null;

/** The facts besides the key that decide it. */
export interface ClipboardKeyContext {
  isMac: boolean;
  /** The terminal has a non-empty selection. */
  hasSelection: boolean;
  /** Setting: Ctrl-V pastes on Linux and Windows. */
  ctrlVPastes: boolean;
}

/** The clipboard action of a keydown in the terminal, or null when the key goes to the program. */
export function clipboardKeyAction(e: KeyChord, ctx: ClipboardKeyContext): ClipboardKeyAction {
  if (e.altKey) return null;
  const c = e.code === 'KeyC';
  const v = e.code === 'KeyV';
  if (!c && !v) return null;
  if (ctx.isMac) {
    if (!e.metaKey || e.ctrlKey) return null;
    return c ? 'copy' : 'paste';
  }
  if (!e.ctrlKey || e.metaKey) return null;
  if (e.shiftKey) return c ? 'copy' : 'paste';
  if (c) return ctx.hasSelection ? 'copy' : null;
  return ctx.ctrlVPastes ? 'paste' : null;
}

/** Agents whose input box takes multi-line text as one message (pasting there is safe). */
const MULTILINE_SAFE_AGENTS = new Set(['claude', 'codex', 'gemini']);

/**
 * True when a paste should be confirmed first: the setting is on, the text has a line break
 * (each would run a command in a shell), and the session is not an agent whose input box takes
 * several lines as one message.
 */
export function pasteNeedsConfirm(text: string, agent: string, confirmSetting: boolean): boolean {
  if (!confirmSetting || MULTILINE_SAFE_AGENTS.has(agent)) return false;
  return /[\r\n]/.test(text.replace(/[\r\n]+$/, ''));
}
