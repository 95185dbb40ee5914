/**
 * The desk-presence source for the away detector: system idle time and the lock state from
 * Electron's powerMonitor. Lock tracking uses the `lock-screen`/`unlock-screen` events (macOS,
 * Windows) and `getSystemIdleState`'s 'locked' answer (also on Linux where the session exposes it).
 * Lock and unlock are also reported through `onChange`, so the away gate re-checks at once instead
 * of at its next poll. Call after `app.whenReady()`.
 */
import { powerMonitor } from 'electron';
import type { PresenceSource } from '../core/app-types.js';
import { Emitter } from '../core/base/event.js';

/** A {@link PresenceSource} backed by powerMonitor; `dispose` removes its listeners. */
export function createElectronPresence(): PresenceSource & { dispose(): void } {
  let locked = false;
  const changed = new Emitter<void>({ name: 'presence.change' });
  const onLock = () => {
    locked = true;
    changed.fire();
  };
  const onUnlock = () => {
    locked = false;
    changed.fire();
  };
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    isLocked: () => locked || powerMonitor.getSystemIdleState(1) === 'locked',
    onChange: changed.event,
    dispose() {
      changed.dispose();
      powerMonitor.off('lock-screen', onLock);
      powerMonitor.off('unlock-screen', onUnlock);
    },
  };
}
