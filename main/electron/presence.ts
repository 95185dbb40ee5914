/**
 * The desk-presence source for the away detector: system idle time and the lock state from
 * Electron's powerMonitor. Lock tracking uses the `lock-screen`/`unlock-screen` events (macOS,
 * Windows) and `getSystemIdleState`'s 'locked' answer (also on Linux where the session exposes it).
 * Call after `app.whenReady()`.
 */
import { powerMonitor } from 'electron';
import type { PresenceSource } from '../core/app-types.js';

/** A {@link PresenceSource} backed by powerMonitor; `dispose` removes its listeners. */
export function createElectronPresence(): PresenceSource & { dispose(): void } {
  let locked = false;
  const onLock = () => (locked = true);
  const onUnlock = () => (locked = false);
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    isLocked: () => locked || powerMonitor.getSystemIdleState(1) === 'locked',
    dispose() {
      powerMonitor.off('lock-screen', onLock);
      powerMonitor.off('unlock-screen', onUnlock);
    },
  };
}
