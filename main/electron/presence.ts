/**
 * The desk-presence source for the away detector: system idle time and the lock state from
 * Electron's powerMonitor. Lock tracking uses the `lock-screen`/`unlock-screen` events (macOS,
 * Windows) and `getSystemIdleState`'s 'locked' answer (also on Linux where the session exposes it).
 * Lock and unlock are also reported through `onChange`, so the away gate re-checks at once instead
 * of at its next poll. Call after `app.whenReady()`.
 */
import { powerMonitor } from 'electron';
import type { PresenceSource } from '../core/app-types.js';

/** A {@link PresenceSource} backed by powerMonitor; `dispose` removes its listeners. */
export function createElectronPresence(): PresenceSource & { dispose(): void } {
  let locked = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  const onLock = () => {
    locked = true;
    changed();
  };
  const onUnlock = () => {
    locked = false;
    changed();
  };
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    isLocked: () => locked || powerMonitor.getSystemIdleState(1) === 'locked',
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      powerMonitor.off('lock-screen', onLock);
      powerMonitor.off('unlock-screen', onUnlock);
    },
  };
}
