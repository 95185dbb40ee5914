/**
 * The colour scheme in effect: the Theme setting, or the system's light/dark preference when it
 * is "system" (followed live through `prefers-color-scheme`). Also sets `data-theme` on the root
 * element, which switches the stylesheet's colour tokens.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemeMode } from '../../../contract/bridge.js';
import { effectiveTheme } from '../terminal/theme.js';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const prefersDark = (): boolean => window.matchMedia(QUERY).matches;

/** "dark" or "light" for `mode`; re-renders when the system preference changes. */
export function useColorScheme(mode: ThemeMode): 'dark' | 'light' {
  const systemDark = useSyncExternalStore(subscribe, prefersDark, () => true);
  const scheme = effectiveTheme(mode, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = scheme;
  }, [scheme]);
  return scheme;
}
