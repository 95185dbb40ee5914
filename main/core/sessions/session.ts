/**
 * One session: a `node-pty` process, its UTF-8 decoder, output batching, flow control, and the
 * `@xterm/headless` screen model that mirrors it. Views attach to receive live output; the
 * prompt tracker reads the screen model.
 *
 * Output path: PTY bytes → streaming UTF-8 decode (a character split across reads is held back
 * until complete) → {@link OutputBatcher} → screen model and every attached view → views
 * acknowledge → {@link FlowController} pauses/resumes the PTY.
 */
import os from 'node:os';
import * as pty from 'node-pty';
import type { AgentKind, SessionExit, SessionSnapshot } from '../../../contract/bridge.js';
import { Emitter } from '../base/event.js';
import { DisposableStore, type Disposable } from '../base/lifecycle.js';
import { FlowController } from './flow-control.js';
import { OutputBatcher } from './output-batcher.js';
import { ScreenModel } from './screen-model.js';

/**
 * Grace period between SIGHUP and SIGKILL when a session is closed, in ms. Shells and agents
 * save state on SIGHUP (bash writes history, Claude Code ends its session) in well under a
 * second; 3 s leaves room for a slow disk without making "close" feel stuck.
 */
export const KILL_GRACE_MS = 3000;

/** What a session is started from. */
export interface SessionLaunch {
  /** Absolute executable path (already checked). */
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

/** A live view of the session: receives output and must acknowledge it. */
export interface Attachment {
  /** Resolves to the screen and scrollback as of the moment of attaching. */
  readonly snapshot: Promise<SessionSnapshot>;
  /** Acknowledges `chars` written by the view (flow control). */
  ack(chars: number): void;
  /** Stops output to this view and releases its hold on the PTY. */
  detach(): void;
}

/** Events a session emits, with the value each carries. */
export interface SessionEvents {
  /** Output was fed to the screen model and views (already batched), chars. */
  output: number;
  /** The process exited (or failed to start). */
  exit: SessionExit;
  /** The window title changed (OSC 0/2). */
  title: string;
}

type Emitters = { [K in keyof SessionEvents]: Emitter<SessionEvents[K]> };

/** Maps a signal number from node-pty's exit event to its name, e.g. 1 → "SIGHUP". */
export function signalName(signal: number | undefined): string | null {
  if (!signal) return null;
  const entry = Object.entries(os.constants.signals).find(([, n]) => n === signal);
  return entry ? entry[0] : `signal ${signal}`;
}

/** A running (or finished) PTY process with its screen model. */
export class Session {
  readonly screen: ScreenModel;
  private proc: pty.IPty | null = null;
  private decoder = new TextDecoder('utf-8');
  private readonly batcher = new OutputBatcher((data) => this.deliver(data));
  private killTimer: NodeJS.Timeout | null = null;
  private readonly flow: FlowController;
  private readonly screenKey = {};
  private readonly views = new Map<object, (data: string) => void>();
  private readonly emitters: Emitters = {
    output: new Emitter({ name: 'session.output' }),
    exit: new Emitter({ name: 'session.exit' }),
    title: new Emitter({ name: 'session.title' }),
  };
  private exitInfo: SessionExit | null = null;
  private exitWaiters: Array<() => void> = [];
  private readonly subscriptions = new DisposableStore();
  /** Epoch ms of the last output (or of the start). */
  lastOutputAt = Date.now();

  constructor(
    readonly id: string,
    readonly agent: AgentKind,
    cols: number,
    rows: number,
  ) {
    this.screen = new ScreenModel({ cols, rows });
    this.flow = new FlowController(
      () => this.proc?.pause(),
      () => this.proc?.resume(),
    );
    this.flow.add(this.screenKey, { view: false });
    // The screen model answers the program's terminal queries (ESC[c, ESC[>c, DSR…), so programs
    // that wait for an answer (Claude Code does) work with no window open.
    this.subscriptions.add(this.screen.onReply((data) => this.proc?.write(data)));
    this.subscriptions.add(this.screen.onTitle((t) => this.emitters.title.fire(t)));
  }

  /** True while a process is running. */
  get running(): boolean {
    return this.proc !== null && this.exitInfo === null;
  }

  /** How the last process ended, or null while running / never started. */
  get exit(): SessionExit | null {
    return this.exitInfo;
  }

  /** Process id while running. */
  get pid(): number | null {
    return this.running ? (this.proc?.pid ?? null) : null;
  }

  /** True while flow control holds the PTY. */
  get paused(): boolean {
    return this.flow.isPaused;
  }

  /** Subscribes to one of the {@link SessionEvents}; a throwing listener is logged, not fatal. */
  on<K extends keyof SessionEvents>(event: K, listener: (value: SessionEvents[K]) => void): Disposable {
    return (this.emitters[event] as Emitter<SessionEvents[K]>).event(listener);
  }

  /**
   * Spawns the process. A previous process must have exited. The PTY delivers raw bytes
   * (`encoding: null`) so decoding is ours and never splits a character.
   * @throws Error from node-pty if the spawn itself fails (rare: checked beforehand).
   */
  start(launch: SessionLaunch): void {
    if (this.running) throw new Error('session is already running');
    this.exitInfo = null;
    this.decoder = new TextDecoder('utf-8');
    if (launch.cols !== this.screen.cols || launch.rows !== this.screen.rows) {
      this.screen.resize(launch.cols, launch.rows);
    }
    const proc = pty.spawn(launch.file, launch.args, {
      name: 'xterm-256color',
      cols: launch.cols,
      rows: launch.rows,
      cwd: launch.cwd,
      env: launch.env,
      encoding: null,
    });
    this.proc = proc;
    this.lastOutputAt = Date.now();
    const dataSub = proc.onData((chunk: string | Buffer) => {
      const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
      if (text) this.push(text);
    });
    const exitSub = proc.onExit(({ exitCode, signal }) => {
      dataSub.dispose();
      exitSub.dispose();
      const tail = this.decoder.decode();
      if (tail) this.push(tail);
      this.batcher.flush();
      if (this.killTimer) clearTimeout(this.killTimer);
      this.killTimer = null;
      this.exitInfo = { code: signal ? null : exitCode, signal: signalName(signal) };
      this.emitters.exit.fire(this.exitInfo);
      const waiters = this.exitWaiters;
      this.exitWaiters = [];
      waiters.forEach((w) => w());
    });
  }

  /** Types into the process. Ignored once it has exited. */
  write(data: string): void {
    if (this.running) this.proc!.write(data);
  }

  /** Resizes the PTY (the program gets SIGWINCH) and the screen model, in cells. */
  resize(cols: number, rows: number): void {
    if (cols === this.screen.cols && rows === this.screen.rows) return;
    this.screen.resize(cols, rows);
    if (this.running) {
      try {
        this.proc!.resize(cols, rows);
      } catch {
        // The process can exit between the check and the ioctl; its exit event follows.
      }
    }
  }

  /**
   * Ends the process: SIGHUP to its process group (as a terminal window closing does), then
   * SIGKILL after {@link KILL_GRACE_MS}. Resolves once it has exited (node-pty reaps it).
   */
  kill(graceMs = KILL_GRACE_MS): Promise<void> {
    if (!this.running) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    // A paused PTY still delivers its exit, but resume so buffered output drains.
    this.proc!.resume();
    this.signal('SIGHUP');
    if (!this.killTimer) {
      this.killTimer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      this.killTimer.unref();
    }
    return done;
  }

  /**
   * Attaches a view. Output from this moment on goes to `onData`; the snapshot holds everything
   * before it, so a view that writes the snapshot and then the live output sees no gap and no
   * repeat. The view must {@link Attachment.ack} what it writes.
   */
  attach(onData: (data: string) => void): Attachment {
    const key = {};
    // Everything in the current batch is not yet in the screen model: it will be written to the
    // model after the flush marker below and sent to this view, so it is neither lost nor doubled.
    const marker = this.screen.flush();
    this.views.set(key, onData);
    this.flow.add(key);
    const snapshot = marker.then(() => ({
      data: this.screen.serialize(),
      cols: this.screen.cols,
      rows: this.screen.rows,
    }));
    return {
      snapshot,
      ack: (chars) => this.flow.ack(key, chars),
      detach: () => {
        this.views.delete(key);
        this.flow.remove(key);
      },
    };
  }

  /** Writes a line into the screen model and every view (e.g. a restart separator). */
  annotate(text: string): void {
    this.push(text);
    this.batcher.flush();
  }

  /** Kills the process and releases the screen model. */
  async dispose(): Promise<void> {
    await this.kill();
    this.batcher.dispose();
    this.flow.dispose();
    this.subscriptions.dispose();
    for (const emitter of Object.values(this.emitters)) emitter.dispose();
    this.views.clear();
    this.screen.dispose();
  }

  private signal(sig: 'SIGHUP' | 'SIGKILL'): void {
    const pid = this.proc?.pid;
    if (!pid || !this.running) return;
    try {
      // The PTY's child is a session leader, so its pid is its process group id.
      if (process.platform !== 'win32') process.kill(-pid, sig);
      else this.proc!.kill();
    } catch {
      try {
        this.proc!.kill(sig);
      } catch {
        // Already gone; the exit event is on its way.
      }
    }
  }

  private push(text: string): void {
    this.lastOutputAt = Date.now();
    this.batcher.push(text);
  }

  /** One batch to the screen model, every view and the output listeners. */
  private deliver(data: string): void {
    this.flow.sent(this.screenKey, data.length);
    this.screen.write(data, () => this.flow.ack(this.screenKey, data.length));
    for (const [key, view] of this.views) {
      this.flow.sent(key, data.length);
      view(data);
    }
    this.emitters.output.fire(data.length);
  }
}
