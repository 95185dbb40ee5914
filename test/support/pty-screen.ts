/**
 * Runs a command in a real PTY (node-pty) whose output feeds a {@link ScreenModel}, and whose
 * terminal replies (answers to DA1/DA2/DSR queries, which Claude Code waits for) are written back
 * into the PTY. Independent of the app's Session class, so tests of lower layers can use it.
 *
 * Usage:
 * ```ts
 * const p = spawnScreen({ file: 'bash', args: ['--norc'], cwd, env });
 * await p.waitForScreen((s) => s.lines.some((l) => l.endsWith('$')), 5000);
 * p.write('echo hi\r');
 * await p.kill();   // always reaps the process
 * ```
 */
import pty from 'node-pty';
import { ScreenModel } from '../../main/core/sessions/screen-model.js';
import type { ScreenText } from '../../main/core/prompts/types.js';

/** Options of {@link spawnScreen}. Sizes in cells. */
export interface SpawnScreenOptions {
  file: string;
  args: string[];
  cwd: string;
  /** Complete environment of the child. */
  env: Record<string, string>;
  /** Default 120. */
  cols?: number;
  /** Default 40. */
  rows?: number;
}

/** A running PTY with its screen model. */
export interface PtyScreen {
  readonly model: ScreenModel;
  readonly pid: number;
  /** All output received so far, decoded. */
  readonly output: () => string;
  /** Epoch ms of the last output chunk. */
  readonly lastOutputAt: () => number;
  /** The exit, once the process ended; null while it runs. */
  readonly exit: () => { exitCode: number; signal?: number } | null;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** The current screen after everything received so far is parsed. */
  screen(): Promise<ScreenText>;
  /**
   * Polls the screen (every 50 ms) until `predicate` holds; resolves with that screen.
   * @throws Error with the last screen's text when `timeoutMs` passes first.
   */
  waitForScreen(predicate: (screen: ScreenText) => boolean, timeoutMs: number): Promise<ScreenText>;
  /** Writes keys into the PTY (no-op after exit). */
  write(data: string): void;
  /**
   * Ends the process: optional polite keys first (e.g. Ctrl-C twice for Claude), then SIGHUP,
   * then SIGKILL; resolves once it is reaped, within ~3 s.
   */
  kill(politeKeys?: string[]): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Spawns `file args` in a PTY with a screen model attached. */
export function spawnScreen(options: SpawnScreenOptions): PtyScreen {
  const cols = options.cols ?? 120;
  const rows = options.rows ?? 40;
  const model = new ScreenModel({ cols, rows });
  const proc = pty.spawn(options.file, options.args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd,
    env: options.env,
  });
  let out = '';
  let lastAt = Date.now();
  let exitInfo: { exitCode: number; signal?: number } | null = null;
  const replies = model.onReply((data) => {
    if (!exitInfo) proc.write(data);
  });
  proc.onData((data) => {
    out += data;
    lastAt = Date.now();
    model.write(data);
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    proc.onExit((e) => {
      exitInfo = e;
      replies.dispose();
      resolve(e);
    });
  });

  const screen = async (): Promise<ScreenText> => {
    await model.flush();
    return model.text();
  };

  return {
    model,
    pid: proc.pid,
    output: () => out,
    lastOutputAt: () => lastAt,
    exit: () => exitInfo,
    exited,
    screen,
    async waitForScreen(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await screen();
        if (predicate(s)) return s;
        if (Date.now() > deadline) {
          throw new Error(
            `screen condition not met within ${timeoutMs} ms; screen:\n${s.lines.join('\n').trimEnd()}`,
          );
        }
        await sleep(50);
      }
    },
    write(data) {
      if (!exitInfo) proc.write(data);
    },
    async kill(politeKeys = []) {
      for (const k of politeKeys) {
        if (exitInfo) break;
        proc.write(k);
        await Promise.race([exited, sleep(300)]);
      }
      if (!exitInfo) {
        try {
          proc.kill('SIGHUP');
        } catch {
          // already gone
        }
        await Promise.race([exited, sleep(1500)]);
      }
      if (!exitInfo) {
        try {
          process.kill(proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([exited, sleep(1500)]);
      }
      model.dispose();
    },
  };
}

/** The screen's rows joined with newlines, trailing blank rows removed (for messages). */
export function screenToString(screen: ScreenText): string {
  return screen.lines.join('\n').trimEnd();
}
