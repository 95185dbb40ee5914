/**
 * React access to the bridge and the store: one provider at the root, hooks everywhere else.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { RendererBridge } from '../bridge/connection.js';
import type { Action, AppState } from './state.js';
import type { AppStore } from './store.js';

interface AppContextValue {
  bridge: RendererBridge;
  store: AppStore;
}

const AppContext = createContext<AppContextValue | null>(null);

/** Provides `bridge` and `store` to the tree. */
export function AppProvider(props: { bridge: RendererBridge; store: AppStore; children: ReactNode }) {
  return (
    <AppContext.Provider value={{ bridge: props.bridge, store: props.store }}>
      {props.children}
    </AppContext.Provider>
  );
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppProvider is missing above this component');
  return value;
}

/** The bridge client, for requests. */
export function useBridge(): RendererBridge {
  return useAppContext().bridge;
}

/** The store's dispatch. */
export function useDispatch(): (action: Action) => void {
  return useAppContext().store.dispatch;
}

/**
 * Selects a slice of the app state; re-renders when that slice changes (by `Object.is`).
 * Selectors must return stored values (or primitives), not fresh objects.
 */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const { store } = useAppContext();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
