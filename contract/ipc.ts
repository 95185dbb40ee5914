/**
 * The contract over Electron IPC: the two channel names and the reply shape shared by the
 * preload (`preload/index.ts`) and the main process (`main/electron/ipc.ts`). Requests travel as
 * `ipcRenderer.invoke(REQUEST_CHANNEL, name, params)`, events as
 * `webContents.send(EVENT_CHANNEL, name, payload)`; names and payloads are those of
 * `contract/bridge.ts`. Kept free of Electron and Node imports so every side can load it.
 */

/** IPC channel of requests (renderer → main, `invoke`). */
export const REQUEST_CHANNEL = 'bridge:request';
/** IPC channel of events (main → renderer, `send`). */
export const EVENT_CHANNEL = 'bridge:event';

/** What a `bridge:request` invoke resolves to: the handler's result, or its error message verbatim. */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: string };
