/**
 * Where a data dir's PTY host listens and keeps its files. One PTY host per data dir: its lock
 * file and socket live there, so two apps on one data dir share one PTY host.
 *
 * Socket: `<dataDir>/ptyhost.sock` when that fits a Unix socket path (sun_path holds 108 bytes on
 * Linux, 104 on macOS; we keep to 100), otherwise `<tmpdir>/agent-pager-<uid>-<hash>/ptyhost.sock`
 * in a private (0700) folder named after the data dir, so app and host find the same path. On
 * Windows a named pipe `\\.\pipe\agent-pager-<hash>-ptyhost`. `AGENT_PAGER_PTYHOST_SOCKET`
 * overrides the socket path (tests that fake another platform; the PTY host inherits it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Longest Unix socket path we use, in bytes. */
const MAX_SOCKET_PATH_BYTES = 100;

/** The PTY host's files for one data dir. */
export interface PtyHostPaths {
  /** Unix socket path or Windows pipe name. */
  socket: string;
  /** Held (O_EXCL, holds the pid) while a PTY host runs. */
  lock: string;
  /** The session list, written atomically on every change. */
  sessions: string;
  /** The PTY host's own log (its stdout and stderr). */
  log: string;
}

function hashOf(dataDir: string): string {
  return createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
}

/**
 * The paths for a data dir. Creates the private temp folder when the socket must live there.
 * @throws Error when even the temp folder path is too long, or it is not ours.
 */
export function ptyHostPaths(dataDir: string, platform: NodeJS.Platform = process.platform): PtyHostPaths {
  const dir = path.resolve(dataDir);
  const files = {
    lock: path.join(dir, 'ptyhost.lock'),
    sessions: path.join(dir, 'sessions.json'),
    log: path.join(dir, 'ptyhost.log'),
  };
  const override = process.env.AGENT_PAGER_PTYHOST_SOCKET;
  if (override) return { socket: path.resolve(override), ...files };
  if (platform === 'win32') return { socket: `\\\\.\\pipe\\agent-pager-${hashOf(dir)}-ptyhost`, ...files };
  const preferred = path.join(dir, 'ptyhost.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return { socket: preferred, ...files };
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const tempDir = path.join(os.tmpdir(), `agent-pager-${uid}-${hashOf(dir)}`);
  const socket = path.join(tempDir, 'ptyhost.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES)
    throw new Error(`no short enough socket path (tmpdir ${os.tmpdir()} is too long)`);
  fs.mkdirSync(tempDir, { recursive: true, mode: 0o700 });
  const st = fs.statSync(tempDir);
  if (typeof process.getuid === 'function' && st.uid !== uid)
    throw new Error(`${tempDir} belongs to another user`);
  fs.chmodSync(tempDir, 0o700);
  return { socket, ...files };
}
