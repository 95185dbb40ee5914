/**
 * The xterm custom key handler: app shortcuts go to the window (xterm must not also type them),
 * clipboard chords copy or let the browser's native paste event through (see clipboard.ts and
 * {@link clipboardKeyAction}); every other key is the program's.
 */
import type { Terminal } from '@xterm/xterm';
import type { PublicSettings } from '../../../contract/bridge.js';
import { clipboardKeyAction } from '../lib/clipboard-keys.js';
import { shortcutFor } from '../lib/shortcuts.js';
import { copySelection } from './clipboard.js';

/** Builds the handler for `attachCustomKeyEventHandler`: returns false for keys xterm must ignore. */
export function keyHandler(
  term: Terminal,
  isMac: boolean,
  settings: () => PublicSettings,
): (e: KeyboardEvent) => boolean {
  return (e) => {
    if (shortcutFor(e, isMac)) return false;
    if (e.type !== 'keydown') return true;
    const action = clipboardKeyAction(e, {
      isMac,
      hasSelection: term.hasSelection(),
      ctrlVPastes: settings().ctrlVPastes,
    });
    if (action === 'copy') {
      e.preventDefault();
      void copySelection(term).then(() => term.clearSelection());
      return false;
    }
    // Paste: xterm would send ^V; returning false lets the browser fire its paste event.
    return action !== 'paste';
  };
}
