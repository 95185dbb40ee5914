/**
 * Copy, paste and the bell for one xterm, on top of what xterm.js does itself:
 *
 * - Copy writes the selection with `navigator.clipboard.writeText` (allowed during a key press
 *   or click in a secure context, and in Electron).
 * - Keyboard paste (Ctrl-V, Ctrl-Shift-V, Cmd-V) lets the browser fire its native `paste`
 *   event, which needs no clipboard permission; it is caught before xterm sees it so a
 *   multi-line paste into a shell can be confirmed first. Text goes in with `term.paste`, which
 *   does bracketed paste and line-ending conversion exactly as xterm.js does for a native paste.
 * - Menu paste reads the clipboard with `navigator.clipboard.readText` (may ask for permission).
 */
import type { Terminal } from '@xterm/xterm';
import type { PublicSettings } from '../../../contract/bridge.js';
import { pasteNeedsConfirm } from '../lib/clipboard-keys.js';

/** What the clipboard wiring needs to know each time. */
export interface ClipboardContext {
  settings(): PublicSettings;
  /** The session's agent kind (pastes into agents need no confirmation). */
  agent(): string;
  /** Asks the user about a multi-line paste; resolves true to paste. */
  confirmPaste(text: string): Promise<boolean>;
}

/** Copies the terminal's selection; resolves false when there was nothing to copy or it failed. */
export async function copySelection(term: Terminal): Promise<boolean> {
  const text = term.getSelection();
  if (text === '') return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Pastes `text` into the terminal, asking first when {@link pasteNeedsConfirm} says so. */
export async function pasteText(term: Terminal, text: string, ctx: ClipboardContext): Promise<void> {
  if (text === '') return;
  if (pasteNeedsConfirm(text, ctx.agent(), ctx.settings().confirmMultilinePaste)) {
    if (!(await ctx.confirmPaste(text))) return;
  }
  term.paste(text);
}

/** Reads the clipboard and pastes it (context menu "Paste"); throws when reading is refused. */
export async function pasteFromClipboard(term: Terminal, ctx: ClipboardContext): Promise<void> {
  const text = await navigator.clipboard.readText();
  await pasteText(term, text, ctx);
}

/**
 * Catches native paste events in the capture phase, before xterm's own handler, and copies
 * the selection as it is made when the `copyOnSelect` setting is on. Returns a disposer.
 */
export function installClipboard(term: Terminal, container: HTMLElement, ctx: ClipboardContext): () => void {
  const onPaste = (e: ClipboardEvent): void => {
    e.preventDefault();
    e.stopPropagation();
    const text = e.clipboardData?.getData('text/plain') ?? '';
    void pasteText(term, text, ctx);
  };
  container.addEventListener('paste', onPaste, { capture: true });
  const selection = term.onSelectionChange(() => {
    if (ctx.settings().copyOnSelect && term.hasSelection()) void copySelection(term);
  });
  return () => {
    container.removeEventListener('paste', onPaste, { capture: true });
    selection.dispose();
  };
}

/** Time a visual bell flash lasts, in ms. */
export const VISUAL_BELL_MS = 150;

let audio: AudioContext | null = null;

/** A short 880 Hz beep through Web Audio (no sound file to ship). */
function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.12);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.12);
  } catch {
    // No audio device or autoplay refused: the bell stays silent.
  }
}

/** Rings the bell per the `bell` setting: a flash of the frame, a beep, or nothing. */
export function installBell(
  term: Terminal,
  frame: HTMLElement,
  mode: () => PublicSettings['bell'],
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sub = term.onBell(() => {
    const m = mode();
    if (m === 'sound') beep();
    if (m !== 'visual') return;
    frame.classList.add('bell-flash');
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => frame.classList.remove('bell-flash'), VISUAL_BELL_MS);
  });
  return () => {
    sub.dispose();
    if (timer !== null) clearTimeout(timer);
  };
}
