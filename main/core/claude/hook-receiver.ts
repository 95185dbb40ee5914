/**
 * The app's end of the Claude Code hook channel: a Unix socket server that receives one JSON
 * line per hook event from hook-helper.cjs, checks the session's secret, validates the event and
 * hands it to listeners.
 *
 * Socket path: `<dataDir>/hooks.sock`, or, when that is longer than a Unix socket path may be
 * (sun_path holds 108 bytes on Linux, 104 on macOS; we keep to 100), a file in a private
 * (0700) temp folder. A stale socket file left by a crashed run is removed; a live one (another
 * instance answering) is an error. The socket file gets mode 0600.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Emitter } from '../base/event.js';
import type { Disposable } from '../base/lifecycle.js';
import { hookEnvelopeSchema, hookEventSchema, type HookEvent } from './hook-event.js';

/** Longest socket path we use, in bytes (below the 104/108-byte sun_path limits). */
export const MAX_SOCKET_PATH_BYTES = 100;
/** Longest line accepted from the helper, in bytes: its 1 MiB event plus the envelope, JSON-escaped. */
export const MAX_LINE_BYTES = 3 * 1024 * 1024;
/** A connection that sends no complete line within this long is dropped, in ms. */
const IDLE_TIMEOUT_MS = 5_000;

/** The variables to add to a session's PTY environment so its hooks reach this receiver. */
export interface HookEnv {
  AGENT_PAGER_HOOK_SOCKET: string;
  AGENT_PAGER_SESSION_ID: string;
  AGENT_PAGER_HOOK_SECRET: string;
}

/** Options of a {@link HookReceiver}. */
export interface HookReceiverOptions {
  /** The app's data folder (created if missing). */
  dataDir: string;
  /** Where warnings go (never with a secret in them); default console.warn. */
  warn?: (message: string) => void;
}

/** Picks the socket path for a data dir: `<dataDir>/hooks.sock` if short enough, else a temp one. */
export function chooseSocketPath(dataDir: string): { path: string; tempDir: string | null } {
  const preferred = path.join(dataDir, 'hooks.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return { path: preferred, tempDir: null };
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-pager-'));
  fs.chmodSync(tempDir, 0o700);
  const p = path.join(tempDir, 'hooks.sock');
  if (Buffer.byteLength(p) > MAX_SOCKET_PATH_BYTES)
    throw new Error(`no short enough socket path (tmpdir ${os.tmpdir()} is too long)`);
  return { path: p, tempDir };
}

/** Resolves true when something accepts connections on the socket path. */
function socketAlive(p: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(p);
    const done = (alive: boolean): void => {
      s.destroy();
      resolve(alive);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(1000, () => done(false));
  });
}

/** Receives hook events for registered sessions. */
export class HookReceiver {
  private server: net.Server | null = null;
  private socketFile: string | null = null;
  private tempDir: string | null = null;
  private readonly secrets = new Map<string, Buffer>();
  private readonly events: Emitter<{ sessionId: string; event: HookEvent }>;
  private readonly sockets = new Set<net.Socket>();
  private readonly warn: (message: string) => void;

  constructor(private readonly options: HookReceiverOptions) {
    this.warn = options.warn ?? ((m) => console.warn(`[hooks] ${m}`));
    this.events = new Emitter({
      onListenerError: (err) => this.warn(`hook listener failed: ${(err as Error).message}`),
    });
  }

  /** The socket path, once started; null before. */
  get socketPath(): string | null {
    return this.socketFile;
  }

  /**
   * Starts listening. Resolves with the socket path.
   * @throws Error when another live instance listens on the path, or the socket cannot be made.
   */
  async start(): Promise<string> {
    if (this.server && this.socketFile) return this.socketFile;
    fs.mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    const chosen = chooseSocketPath(this.options.dataDir);
    this.tempDir = chosen.tempDir;
    if (fs.existsSync(chosen.path)) {
      if (await socketAlive(chosen.path))
        throw new Error(`another Agent Pager is already listening on ${chosen.path}`);
      fs.rmSync(chosen.path, { force: true });
    }
    const server = net.createServer((socket) => this.accept(socket));
    server.on('error', (err) => this.warn(`socket server error: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(chosen.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(chosen.path, 0o600);
    this.server = server;
    this.socketFile = chosen.path;
    return chosen.path;
  }

  /**
   * Registers a session and returns its new secret and the env for its PTY.
   * @throws Error when the receiver has not been started.
   */
  register(sessionId: string): { secret: string; env: HookEnv } {
    if (!this.socketFile) throw new Error('HookReceiver.register called before start()');
    const secret = randomBytes(32).toString('base64url');
    this.secrets.set(sessionId, Buffer.from(secret));
    return {
      secret,
      env: {
        AGENT_PAGER_HOOK_SOCKET: this.socketFile,
        AGENT_PAGER_SESSION_ID: sessionId,
        AGENT_PAGER_HOOK_SECRET: secret,
      },
    };
  }

  /** Forgets a session; its hooks are dropped from now on. */
  unregister(sessionId: string): void {
    this.secrets.delete(sessionId);
  }

  /** Listens for valid events of registered sessions; a throwing listener is logged via `warn`. */
  onEvent(listener: (sessionId: string, event: HookEvent) => void): Disposable {
    return this.events.event(({ sessionId, event }) => listener(sessionId, event));
  }

  /** Stops listening, drops connections and removes the socket file (and its temp folder). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.socketFile) fs.rmSync(this.socketFile, { force: true });
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
    this.socketFile = null;
    this.tempDir = null;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    let buffered: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
        buffered.push(chunk.subarray(start, i));
        const line = Buffer.concat(buffered).toString('utf8');
        buffered = [];
        size = 0;
        start = i + 1;
        this.handleLine(line);
      }
      const rest = chunk.subarray(start);
      size += rest.length;
      if (size > MAX_LINE_BYTES) {
        this.warn('dropped a connection: line too long');
        socket.destroy();
        return;
      }
      if (rest.length > 0) buffered.push(rest);
    });
    socket.on('end', () => {
      if (size > 0) this.handleLine(Buffer.concat(buffered).toString('utf8'));
      buffered = [];
      size = 0;
      socket.end();
    });
  }

  private handleLine(line: string): void {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      this.warn('dropped a line that is not JSON');
      return;
    }
    const envelope = hookEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      this.warn('dropped a line without a valid envelope');
      return;
    }
    const { sessionId, secret } = envelope.data;
    const expected = this.secrets.get(sessionId);
    const given = Buffer.from(secret);
    if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      this.warn(
        `dropped an event for session ${JSON.stringify(sessionId.slice(0, 64))}: unknown session or wrong secret`,
      );
      return;
    }
    const event = hookEventSchema.safeParse(envelope.data.event);
    if (!event.success) {
      this.warn(
        `dropped an invalid event for session ${sessionId}: ${event.error.issues[0]?.message ?? 'invalid'}`,
      );
      return;
    }
    this.events.fire({ sessionId, event: event.data });
  }
}
