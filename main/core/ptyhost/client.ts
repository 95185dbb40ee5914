/**
 * The app's connection to its PTY host: connects to the data dir's socket, or starts the PTY
 * host detached (so it outlives the app) and then connects; sends typed requests and validates
 * every result and event against the protocol's schemas.
 *
 * Starting it: `spawn(command, [...args, '--data-dir', dir], { detached: true })` + `unref()`,
 * stdout/stderr appended to `ptyhost.log` in the data dir (cut when over
 * {@link MAX_LOG_BYTES}). Electron passes its own binary with ELECTRON_RUN_AS_NODE=1 (how VS Code
 * starts its pty host, src/vs/platform/terminal/node/ptyHostMain.ts), the headless host `node`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import type { HookRunner } from '../app-types.js';
import { Emitter } from '../base/event.js';
import { FrameConnection } from './framing.js';
import { ptyHostPaths } from './paths.js';
import {
  hostEventSchemas,
  hostResultSchemas,
  type HostEventName,
  type HostEventPayload,
  type HostRequestName,
  type HostRequestParams,
  type HostResult,
} from './protocol.js';

/** How to start the PTY host script. */
export interface PtyHostLaunch {
  /** Executable, e.g. process.execPath. */
  command: string;
  /** Arguments before `--data-dir DIR`, e.g. [`<app>/dist/ptyhost/main.js`]. */
  args: string[];
  /** Extra environment, e.g. { ELECTRON_RUN_AS_NODE: '1' }. */
  env: Record<string, string>;
}

/** The PTY host log is cut to empty at start when larger than this, in bytes. */
export const MAX_LOG_BYTES = 1024 * 1024;
/** How long a freshly started PTY host may take to listen, in ms (cold disk, loaded machine). */
export const START_TIMEOUT_MS = 20_000;

/** Options of {@link PtyHostClient.connect}. */
export interface PtyHostClientOptions {
  dataDir: string;
  launch: PtyHostLaunch;
  /**
   * Environment the PTY host (and so every session it starts) inherits; defaults to process.env.
   * The Electron shell passes the login shell's PATH here.
   */
  baseEnv?: NodeJS.ProcessEnv;
  hookRunner: HookRunner;
  log: (message: string) => void;
}

/** A request ended because the connection to the PTY host closed (it exited or is exiting). */
export class PtyHostGoneError extends Error {
  override name = 'PtyHostGoneError';
}

/** One validated event from the PTY host. */
export type HostEvent = { [E in HostEventName]: { name: E; payload: HostEventPayload<E> } }[HostEventName];

function tryConnect(socketPath: string): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const s = net.createConnection(socketPath);
    const fail = (): void => {
      s.destroy();
      resolve(null);
    };
    s.once('connect', () => {
      s.off('error', fail);
      resolve(s);
    });
    s.once('error', fail);
  });
}

/** Starts the PTY host detached; resolves with its pid. */
function startHost(options: PtyHostClientOptions, logFile: string): number {
  try {
    if (fs.statSync(logFile).size > MAX_LOG_BYTES) fs.truncateSync(logFile, 0);
  } catch {
    // No log yet.
  }
  const fd = fs.openSync(logFile, 'a', 0o600);
  try {
    const child = spawn(options.launch.command, [...options.launch.args, '--data-dir', options.dataDir], {
      detached: true,
      stdio: ['ignore', fd, fd],
      cwd: os.homedir(),
      env: {
        ...(options.baseEnv ?? process.env),
        ...options.launch.env,
        AGENT_PAGER_HOOK_RUNNER: JSON.stringify(options.hookRunner),
      },
      windowsHide: true,
    });
    child.on('error', (err) => options.log(`could not start the PTY host: ${err.message}`));
    child.unref();
    return child.pid ?? 0;
  } finally {
    fs.closeSync(fd);
  }
}

/** A connection to the PTY host. Requests reject with a readable Error. */
export class PtyHostClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { name: HostRequestName; resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly events = new Emitter<HostEvent>({ name: 'ptyhost.event' });
  private readonly closed$ = new Emitter<void>({ name: 'ptyhost.closed' });

  /** Fires for every valid event. */
  readonly onEvent = this.events.event;
  /** Fires once when the connection ends. */
  readonly onClose = this.closed$.event;

  private constructor(
    private readonly conn: FrameConnection,
    private readonly log: (message: string) => void,
  ) {
    conn.onFrame((frame) => {
      if (frame.t === 'res') return this.settle(frame);
      if (frame.t === 'evt') return this.event(frame.name, frame.payload);
      conn.close('the PTY host sent a request');
    });
    conn.onClose((reason) => {
      for (const p of this.pending.values())
        p.reject(new PtyHostGoneError(`The PTY host went away (${reason}).`));
      this.pending.clear();
      this.closed$.fire();
    });
  }

  /**
   * Connects to the data dir's PTY host, starting it first when none is running.
   * @throws Error when it cannot be started or does not listen within {@link START_TIMEOUT_MS}.
   */
  static async connect(options: PtyHostClientOptions): Promise<PtyHostClient> {
    const paths = ptyHostPaths(options.dataDir);
    let socket = await tryConnect(paths.socket);
    if (!socket) {
      const pid = startHost(options, paths.log);
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (!socket) {
        if (Date.now() > deadline) {
          throw new Error(`the PTY host (pid ${pid}) did not start; see ${paths.log}`);
        }
        await new Promise((r) => setTimeout(r, 50));
        socket = await tryConnect(paths.socket);
      }
    }
    return new PtyHostClient(new FrameConnection(socket), options.log);
  }

  /** True once the connection ended. */
  get closed(): boolean {
    return this.conn.isClosed;
  }

  /**
   * Sends a request; resolves with its validated result.
   * @throws Error with the PTY host's message; {@link PtyHostGoneError} when the connection ends first.
   */
  request<K extends HostRequestName>(name: K, params: HostRequestParams<K>): Promise<HostResult<K>> {
    if (this.conn.isClosed) return Promise.reject(new PtyHostGoneError('The PTY host is not connected.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject });
      this.conn.send({ t: 'req', id, name, params });
    });
  }

  /** Closes the connection (the PTY host and its sessions keep running). */
  close(): void {
    this.conn.close('closed by the app');
  }

  private settle(frame: { id: number; ok: boolean; result?: unknown; error?: string }): void {
    const p = this.pending.get(frame.id);
    if (!p) return this.log(`PTY host answered unknown request ${frame.id}`);
    this.pending.delete(frame.id);
    if (!frame.ok) return p.reject(new Error(frame.error ?? 'The PTY host refused the request.'));
    const parsed = hostResultSchemas[p.name].safeParse(frame.result);
    if (!parsed.success) {
      p.reject(
        new Error(`invalid result from the PTY host for ${p.name}: ${parsed.error.issues[0]?.message}`),
      );
      return;
    }
    p.resolve(parsed.data);
  }

  private event(name: string, payload: unknown): void {
    if (!Object.hasOwn(hostEventSchemas, name))
      return this.log(`PTY host sent unknown event ${name.slice(0, 60)}`);
    const parsed = hostEventSchemas[name as HostEventName].safeParse(payload);
    if (!parsed.success) {
      return this.log(`PTY host sent an invalid ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    this.events.fire({ name, payload: parsed.data } as HostEvent);
  }
}
