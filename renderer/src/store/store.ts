/**
 * The app store: one subscription per bridge event, feeding {@link reduce}. Components read it
 * through `useAppState` (useSyncExternalStore) and never subscribe to the bridge for app state
 * themselves; only terminal views listen to `session.data` for their own session.
 */
import type { RendererBridge } from '../bridge/connection.js';
import { initialState, reduce, type Action, type AppState } from './state.js';

/** A tiny external store over {@link AppState}. */
export interface AppStore {
  getState(): AppState;
  subscribe(listener: () => void): () => void;
  dispatch(action: Action): void;
  /**
   * Loads host info, sessions, phone state and settings. Runs at start and again after every
   * reconnect. Rejects with the first failing request's error.
   */
  load(): Promise<void>;
  /** Removes every bridge subscription. */
  dispose(): void;
}

/** localStorage key of the selected tab, restored after a reload or a restart of the app. */
export const ACTIVE_TAB_KEY = 'agent-pager.activeTab';

/** The saved selected tab id, or null (storage may be unavailable or hold junk). */
function savedActiveId(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(ACTIVE_TAB_KEY) ?? null;
    return value && value.length <= 64 ? value : null;
  } catch {
    return null;
  }
}

function saveActiveId(id: string | null): void {
  try {
    if (id) globalThis.localStorage?.setItem(ACTIVE_TAB_KEY, id);
  } catch {
    // Storage full or disabled: the selection is simply not remembered.
  }
}

/** Creates the store and subscribes it to `bridge`'s events (call `load` to fill it). */
export function createAppStore(bridge: RendererBridge): AppStore {
  let state: AppState = { ...initialState, connection: bridge.status() };
  const listeners = new Set<() => void>();

  const dispatch = (action: Action): void => {
    const next = reduce(state, action);
    if (next === state) return;
    if (next.activeId !== state.activeId) saveActiveId(next.activeId);
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const load = async (): Promise<void> => {
    const [host, sessions, phone, settings] = await Promise.all([
      bridge.request('host.info', {}),
      bridge.request('sessions.list', {}),
      bridge.request('phone.state', {}),
      bridge.request('settings.get', {}),
    ]);
    dispatch({ type: 'host/loaded', host });
    dispatch({ type: 'sessions/loaded', sessions, restoreActiveId: savedActiveId() });
    dispatch({ type: 'phone/changed', phone });
    dispatch({ type: 'settings/changed', settings });
  };

  let wasDisconnected = false;
  const unsubscribers = [
    bridge.on('session.state', (session) => dispatch({ type: 'session/upserted', session })),
    bridge.on('session.removed', ({ id }) => dispatch({ type: 'session/removed', id })),
    bridge.on('sessions.reordered', ({ ids }) => dispatch({ type: 'sessions/reordered', ids })),
    bridge.on('phone.state', (phone) => dispatch({ type: 'phone/changed', phone })),
    bridge.on('settings.changed', (settings) => dispatch({ type: 'settings/changed', settings })),
    bridge.on('ui.focusSession', ({ id }) => dispatch({ type: 'tab/activate', id })),
    bridge.on('ui.newSession', () => dispatch({ type: 'newSession/open' })),
    bridge.on('ui.showPhone', () => dispatch({ type: 'panel/open', panel: 'phone' })),
    bridge.onStatus((status) => {
      dispatch({ type: 'connection/changed', status });
      if (status === 'reconnecting') wasDisconnected = true;
      if (status === 'open' && wasDisconnected) {
        wasDisconnected = false;
        load().catch(() => undefined);
      }
    }),
  ];

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispatch,
    load,
    dispose() {
      for (const off of unsubscribers) off();
      listeners.clear();
    },
  };
}
