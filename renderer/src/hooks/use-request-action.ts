/**
 * Runs one bridge request from a button: tracks "busy" and keeps the last error message for
 * display, so each panel section does not repeat that bookkeeping.
 */
import { useCallback, useRef, useState } from 'react';

/** State and trigger of an action. */
export interface RequestAction {
  busy: boolean;
  error: string | null;
  /** Runs `work` unless a run is under way; its rejection becomes `error`. Resolves true on success. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  clearError: () => void;
}

/** Busy/error bookkeeping for one button or form. */
export function useRequestAction(): RequestAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
