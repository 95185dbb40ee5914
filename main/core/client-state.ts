/**
 * Per-client state of a connection (one window or browser tab): which sessions it is attached
 * to, so its output stream and flow-control hold end when it detaches or disconnects.
 */
import type { ClientSink } from './app-types.js';
import type { RemoteAttachment as Attachment } from './ptyhost/remote-sessions.js';

/** One connected client. */
export class ClientState {
  private readonly attachments = new Map<string, Attachment>();

  constructor(readonly sink: ClientSink) {}

  /** Replaces any previous attachment of this client to the same session. */
  setAttachment(sessionId: string, attachment: Attachment): void {
    this.attachments.get(sessionId)?.detach();
    this.attachments.set(sessionId, attachment);
  }

  attachment(sessionId: string): Attachment | undefined {
    return this.attachments.get(sessionId);
  }

  detach(sessionId: string): void {
    this.attachments.get(sessionId)?.detach();
    this.attachments.delete(sessionId);
  }

  /** Detaches from everything (the client went away). */
  close(): void {
    for (const a of this.attachments.values()) a.detach();
    this.attachments.clear();
  }
}
