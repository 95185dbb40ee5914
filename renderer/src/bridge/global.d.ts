/**
 * Globals the renderer relies on: the Electron preload's `window.agentPager` (absent in a
 * browser served by the headless host) and side-effect CSS imports handled by Vite.
 */
export {};

/** What the preload exposes through `contextBridge`: exactly the contract's client calls. */
export interface AgentPagerPreload {
  /** Sends one contract request; rejects with the handler's user-readable error. */
  request(name: string, params: unknown): Promise<unknown>;
  /** Listens to one contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload script). */
    agentPager?: AgentPagerPreload;
  }
}
