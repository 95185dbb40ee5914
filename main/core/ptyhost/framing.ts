/**
 * Newline-delimited JSON frames over a stream socket, with a bound on frame size. Used by both
 * ends of the PTY host channel. `JSON.stringify` never emits a raw newline, so one line is one
 * frame. A line longer than the bound, or one that is not a valid frame, closes the connection:
 * the peer is broken or hostile, and guessing where the next frame starts would be worse.
 */
import type net from 'node:net';
import { Emitter } from '../base/event.js';
import { hostFrameSchema, MAX_FRAME_BYTES, type HostFrame } from './protocol.js';

/** A framed connection over one socket. */
export class FrameConnection {
  private buffered: Buffer[] = [];
  private size = 0;
  private closed = false;
  private readonly frames = new Emitter<HostFrame>({ name: 'ptyhost.frame' });
  private readonly closed$ = new Emitter<string>({ name: 'ptyhost.close' });

  /** Fires for every valid frame. */
  readonly onFrame = this.frames.event;
  /** Fires once when the connection ends, with a reason for logs. */
  readonly onClose = this.closed$.event;

  /**
   * @param socket a connected socket (Unix socket or named pipe)
   * @param maxFrameBytes largest accepted line, in bytes
   */
  constructor(
    readonly socket: net.Socket,
    private readonly maxFrameBytes = MAX_FRAME_BYTES,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.close('closed by peer'));
  }

  /** True once closed (by either side). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one frame; ignored after close. Returns false when the socket buffer is full. */
  send(frame: HostFrame): boolean {
    if (this.closed) return false;
    return this.socket.write(JSON.stringify(frame) + '\n');
  }

  /** Closes the connection once (listeners hear `reason`). */
  close(reason = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = [];
    this.size = 0;
    this.socket.destroy();
    this.closed$.fire(reason);
    this.closed$.dispose();
    this.frames.dispose();
  }

  private onData(chunk: Buffer): void {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1 && !this.closed; i = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, i);
      if (this.size + part.length > this.maxFrameBytes) return this.close('frame too large');
      this.buffered.push(part);
      const line = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      this.size = 0;
      start = i + 1;
      this.handleLine(line);
    }
    if (this.closed) return;
    const rest = chunk.subarray(start);
    this.size += rest.length;
    if (this.size > this.maxFrameBytes) return this.close('frame too large');
    if (rest.length > 0) this.buffered.push(rest);
  }

  private handleLine(line: string): void {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return this.close('a frame that is not JSON');
    }
    const frame = hostFrameSchema.safeParse(raw);
    if (!frame.success) return this.close('an invalid frame');
    this.frames.fire(frame.data);
  }
}
