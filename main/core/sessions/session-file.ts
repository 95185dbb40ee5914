/**
 * The session list on disk (`sessions.json` in the data dir), kept by the PTY host: written
 * atomically (a temp file in the same folder, then rename) with mode 0600 on every change, so a
 * crash or power cut leaves either the old list or the new one, never half of one. What is read
 * back is validated; invalid entries are dropped, an unreadable file counts as an empty list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { storedSessionSchema, type SessionListStore, type StoredSession } from './session-manager.js';

/** Most sessions kept in the file; more tabs than this is a runaway client, not a user. */
export const MAX_STORED_SESSIONS = 500;

const fileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(z.unknown()).max(MAX_STORED_SESSIONS),
});

/**
 * Reads the list; [] when the file is missing. A file that cannot be read as a session list is
 * renamed to `sessions.json.corrupt-<epoch ms>` (kept for the user) and counts as empty; entries
 * that fail the schema are left out. Both are reported through `warn`.
 */
export function readSessionFile(file: string, warn: (message: string) => void = () => {}): StoredSession[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  let parsed: ReturnType<typeof fileSchema.safeParse> | null;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      // Left in place; it is overwritten by the next save.
    }
    warn(`the session list could not be read; it was moved to ${path.basename(aside)} and starts empty`);
    return [];
  }
  const list = parsed.data.sessions.flatMap((item) => {
    const p = storedSessionSchema.safeParse(item);
    return p.success ? [p.data] : [];
  });
  const dropped = parsed.data.sessions.length - list.length;
  if (dropped > 0) warn(`${dropped} saved session(s) could not be read and were left out`);
  return list;
}

/**
 * Writes the list atomically.
 * @throws Error from the file system (no permission, disk full); the old file is then intact.
 */
export function writeSessionFile(file: string, list: StoredSession[]): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const body = JSON.stringify({ version: 1, sessions: list.slice(0, MAX_STORED_SESSIONS) }, null, 1);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** A {@link SessionListStore} over the file; write errors go to `warn` (the list stays in memory). */
export function sessionFileStore(file: string, warn: (message: string) => void): SessionListStore {
  return {
    load: () => readSessionFile(file, warn),
    save: (list) => {
      try {
        writeSessionFile(file, list);
      } catch (err) {
        warn(`could not save the session list: ${(err as Error).message}`);
      }
    },
  };
}
