/**
 * The PTY host's entry point (bundled to dist/ptyhost/main.js), a plain Node process started
 * detached by the app (ptyhost/client.ts) so its sessions outlive the app:
 * `node dist/ptyhost/main.js --data-dir DIR` (in Electron: the app's own binary with
 * ELECTRON_RUN_AS_NODE=1). `AGENT_PAGER_HOOK_RUNNER` (JSON: command, env, helperPath) says how
 * Claude Code hooks run the hook helper.
 *
 * One PTY host per data dir: it holds `ptyhost.lock` (O_EXCL, with its pid) and listens on the
 * socket of ptyHostPaths (mode 0600). A second one started for the same dir exits 0 at once.
 * It exits by itself after {@link IDLE_EXIT_MS} with no app connected and no session running,
 * after a `shutdown` request, and on SIGTERM/SIGINT (the saved list then still says which
 * sessions ran, so the next start offers to resume them). SIGHUP is ignored: it has no terminal.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PtyHostService } from '../core/ptyhost/host-service.js';
import { ptyHostPaths } from '../core/ptyhost/paths.js';
import { hookRunnerSchema } from '../core/ptyhost/protocol.js';
import { userShell } from '../core/sessions/user-shell.js';

/**
 * With no app connected and no session running for this long (ms), the PTY host exits: a minute
 * covers an app restart or upgrade; `AGENT_PAGER_PTYHOST_IDLE_MS` overrides it (tests).
 */
export const IDLE_EXIT_MS = 60_000;

const log = (message: string): void => {
  process.stderr.write(`${new Date().toISOString()} [ptyhost ${process.pid}] ${message}\n`);
};

/**
 * True when a process with this pid exists and is not a zombie (a killed PTY host whose parent has
 * not reaped it yet still answers signal 0; Linux shows it as state Z in /proc/<pid>/stat).
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // No /proc (macOS): the signal check is all there is.
  }
}

/** Takes the lock file; false when a live PTY host holds it. */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  if (!values['data-dir']) throw new Error('--data-dir is required');
  const dataDir = path.resolve(values['data-dir']);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const runner = hookRunnerSchema.safeParse(JSON.parse(process.env.AGENT_PAGER_HOOK_RUNNER ?? 'null'));
  if (!runner.success) throw new Error('AGENT_PAGER_HOOK_RUNNER is missing or invalid');
  // How this process was started must not leak into sessions (session-env.ts drops these too).
  delete process.env.ELECTRON_RUN_AS_NODE;
  delete process.env.AGENT_PAGER_HOOK_RUNNER;
  const idleExitMs = Number(process.env.AGENT_PAGER_PTYHOST_IDLE_MS) || IDLE_EXIT_MS;
  delete process.env.AGENT_PAGER_PTYHOST_IDLE_MS;

  const paths = ptyHostPaths(dataDir);
  if (!takeLock(paths.lock)) {
    log('another PTY host serves this data dir; exiting');
    return;
  }
  let socketOwned = false;
  let server: net.Server | null = null;
  /** Stops listening and removes the socket and the lock (once; a successor may own them next). */
  const release = (): void => {
    server?.close();
    server = null;
    if (socketOwned && process.platform !== 'win32') fs.rmSync(paths.socket, { force: true });
    socketOwned = false;
    if (fs.existsSync(paths.lock) && fs.readFileSync(paths.lock, 'utf8').trim() === String(process.pid))
      fs.rmSync(paths.lock, { force: true });
  };
  process.on('exit', release);
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
  process.on('SIGHUP', () => log('ignored SIGHUP'));
  process.on('uncaughtException', (err) => log(`uncaught: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => log(`unhandled rejection: ${String(err)}`));

  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const service = await PtyHostService.create({
    dataDir,
    sessionsFile: paths.sessions,
    hookRunner: runner.data,
    userShell: userShell(),
    appRoot: root,
    log,
    onStopping: release,
  });

  if (process.platform !== 'win32') fs.rmSync(paths.socket, { force: true });
  const listening = net.createServer((socket) => service.accept(socket));
  server = listening;
  listening.on('error', (err) => log(`socket server error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    listening.once('error', reject);
    // The socket is created with the umask applied; 0600 right after, before anyone can use it
    // (the data dir itself is 0700).
    listening.listen(paths.socket, () => {
      listening.off('error', reject);
      resolve();
    });
  });
  socketOwned = true;
  if (process.platform !== 'win32') fs.chmodSync(paths.socket, 0o600);
  process.chdir(os.homedir());
  log(`listening on ${paths.socket}`);

  let idleTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  service.onIdleChange(() => {
    if (stopped) return;
    if (service.stopped) {
      stopped = true;
      log('shut down on request');
      process.exit(0); // the socket and lock went at onStopping; 'exit' runs release() too
    }
    if (service.idle && !idleTimer) {
      idleTimer = setTimeout(() => {
        if (!service.idle) return;
        log('idle: no app and no running session; exiting');
        process.exit(0);
      }, idleExitMs);
    } else if (!service.idle && idleTimer) {
      clearTimeout(idleTimer);
      idleTimer = null;
    }
  });
  // A fresh host with nothing running and no app yet: the same rule applies.
  if (service.idle) {
    idleTimer = setTimeout(() => service.idle && process.exit(0), idleExitMs);
  }
}

main().catch((err: unknown) => {
  log(`could not start: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
