/**
 * What the renderer adds to the contract's {@link BridgeClient}: the state of the transport,
 * so the UI can show "Disconnected — reconnecting…" and re-attach terminals after a drop.
 */
import type { BridgeClient } from '../../../contract/bridge.js';

/**
 * Transport state. `connecting`: first connection under way; `open`: requests flow;
 * `reconnecting`: the connection dropped and a retry is scheduled; `unauthorized`: there is no
 * access token to connect with.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

/** A bridge client that also reports its connection state. */
export interface RendererBridge extends BridgeClient {
  /** The current transport state. */
  status(): ConnectionStatus;
  /**
   * Calls `listener` on every state change. A change to `open` after `reconnecting` means the
   * server forgot this client: sessions must be re-listed and terminals re-attached.
   * Returns the unsubscribe function.
   */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}
