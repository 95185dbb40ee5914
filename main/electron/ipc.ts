/**
 * The contract over Electron IPC. One `ipcMain.handle('bridge:request')` for all requests: it
 * checks that the call comes from the main frame of one of our windows showing the app's own
 * renderer page, then hands it to that window's {@link ClientConnection} (which validates the
 * params with the contract's zod schemas). Results travel as `{ok, result}` / `{ok:false, error}`
 * so the renderer gets the core's message verbatim. Events go out as
 * `webContents.send('bridge:event', name, payload)`. A connection lives per webContents and is
 * replaced when the page (re)loads, closed when the webContents is destroyed.
 */
import { ipcMain, type WebContents } from 'electron';
import type { ClientConnection, Core } from '../core/app-types.js';
import { isRendererUrl } from './app-protocol.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type BridgeReply } from '../../contract/ipc.js';

/** The IPC side of the bridge: `attach` each window's webContents; `dispose` to unregister. */
export interface IpcBridge {
  attach(contents: WebContents): void;
  dispose(): void;
}

/** Registers the request handler. Only attached webContents may call it. */
export function createIpcBridge(core: Core): IpcBridge {
  const attached = new Map<number, WebContents>();
  const connections = new Map<number, ClientConnection>();

  const connectionFor = (contents: WebContents): ClientConnection => {
    let conn = connections.get(contents.id);
    if (!conn) {
      conn = core.connect({
        send(event, payload) {
          if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
        },
      });
      connections.set(contents.id, conn);
    }
    return conn;
  };
  const drop = (id: number) => {
    connections.get(id)?.close();
    connections.delete(id);
  };

  ipcMain.handle(REQUEST_CHANNEL, async (event, name: unknown, params: unknown): Promise<BridgeReply> => {
    const contents = event.sender;
    const frame = event.senderFrame;
    if (
      attached.get(contents.id) !== contents ||
      !frame ||
      frame.parent !== null ||
      !isRendererUrl(frame.url)
    ) {
      return { ok: false, error: 'request refused: not from the Agent Pager window' };
    }
    try {
      return { ok: true, result: await connectionFor(contents).handle(String(name), params) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  });

  return {
    attach(contents) {
      const id = contents.id;
      attached.set(id, contents);
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) drop(id);
      });
      contents.once('destroyed', () => {
        drop(id);
        attached.delete(id);
      });
    },
    dispose() {
      ipcMain.removeHandler(REQUEST_CHANNEL);
      for (const id of [...connections.keys()]) drop(id);
      attached.clear();
    },
  };
}
