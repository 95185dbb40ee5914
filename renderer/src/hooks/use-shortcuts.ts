/**
 * Installs the app's keyboard shortcuts ({@link shortcutFor}) on the window, in the capture
 * phase so they win over the terminal; keys that are not shortcuts are left alone. Shortcuts
 * are off while a modal dialog is open.
 */
import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts.js';

/** Calls `onAction` for each shortcut pressed. */
export function useShortcuts(isMac: boolean, onAction: (action: ShortcutAction) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = shortcutFor(e, isMac);
      if (!action) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      e.stopPropagation();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [isMac]);
}
