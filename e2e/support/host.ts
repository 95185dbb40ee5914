/**
 * Starts the real headless host (`npm run serve -- --port 0 --data-dir <temp>`) as a child
 * process and reads its one "listening" line. Stops it with SIGTERM (it exits 0; started with
 * `--stop-agents-on-exit`, the default here, it ends its sessions and its PTY host first), then
 * SIGKILL to the whole process group if it lingers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningHost {
  /** URL with the token, as printed. */
  url: string;
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  token: string;
  dataDir: string;
  proc: ChildProcess;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** The host's own pid (npm's child), once it runs. */
  appPid(): Promise<number>;
}

/** The pid of the data dir's PTY host (from its lock file), or null when none runs. */
export async function ptyHostPid(dataDir: string): Promise<number | null> {
  const pid = Number(await fs.readFile(path.join(dataDir, 'ptyhost.lock'), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Ends a data dir's PTY host and everything it runs (SIGKILL to it and its sessions' groups). */
export async function killPtyHost(dataDir: string): Promise<void> {
  const pid = await ptyHostPid(dataDir);
  if (pid === null) return;
  const children = await fs
    .readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .then((s) => s.trim().split(/\s+/).filter(Boolean).map(Number))
    .catch(() => [] as number[]);
  process.kill(pid, 'SIGKILL');
  for (const child of children) {
    try {
      process.kill(-child, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export interface StartHostOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** ms to wait for the listening line. */
  timeoutMs?: number;
  /** Port to listen on (0, the default, picks a free one). Reuse a stopped host's to keep its origin. */
  port?: number;
  /** Pass `--stop-agents-on-exit` (default true, so tests leave nothing running). */
  stopAgentsOnExit?: boolean;
}

/** Runs `npm run serve` and resolves once it prints its URL. */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-data-')));
  const flags = options.stopAgentsOnExit === false ? [] : ['--stop-agents-on-exit'];
  const proc = spawn(
    'npm',
    ['run', '--silent', 'serve', '--', '--port', String(options.port ?? 0), '--data-dir', dataDir, ...flags],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`host did not start in time; stderr:\n${err}`)),
      options.timeoutMs ?? 60_000,
    );
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Agent Pager listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; stderr:\n${err}`));
    });
  });
  const u = new URL(url);
  const childPids = () =>
    fs
      .readFile(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8')
      .then((s) => s.trim().split(/\s+/).filter(Boolean).map(Number))
      .catch(() => [] as number[]);
  return {
    appPid: async () => (await childPids())[0] ?? proc.pid!,
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    dataDir,
    proc,
    stderr: () => err,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      // SIGTERM to the host itself (npm's child): it ends its PTYs and exits 0, and npm exits
      // with its code. The whole group gets SIGKILL if anything lingers.
      const children = await childPids();
      if (children.length === 0) proc.kill('SIGTERM');
      for (const pid of children) process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
