/**
 * The data folder and its JSON store files, made private and readable before any library opens
 * them. The folder is 0700 and each store file 0600 (they hold commands, folders and the paired
 * chat); `conf` and `electron-store` would otherwise create the folder 0755 and the file 0644.
 * A store file that is not a JSON object (garbage, empty, binary) is moved aside to
 * `<name>.corrupt-<time>` and replaced by an empty one, so the app starts with defaults instead
 * of refusing to start.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** File name of the settings store in the data folder (`conf`/`electron-store` name "settings"). */
export const SETTINGS_FILE = 'settings.json';

/** Mode of every file Agent Pager writes in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of the data folder. */
export const PRIVATE_DIR_MODE = 0o700;

/** `<file>.corrupt-<ISO time with : and . as ->`, e.g. `settings.json.corrupt-2026-01-02T03-04-05-678Z`. */
export function corruptName(file: string, now: number): string {
  return `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Creates `dir` (and parents) mode 0700, and sets an existing one to 0700.
 * @throws Error from `fs` when the folder cannot be created (the app cannot run without it).
 */
export function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Not ours to change (another owner): creating it was what mattered.
  }
}

/** Writes `data` to `file` with mode 0600 (also when the file already existed). */
export function writePrivateFile(file: string, data: string): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Makes `file` (a JSON object store) safe to open: creates it as `{}` with mode 0600 when
 * missing, sets mode 0600 when present, and moves it aside when it is not a JSON object.
 * Returns a sentence for the user when it moved the file, else null.
 * @throws Error from `fs` when the folder is not writable.
 */
export function prepareJsonStoreFile(file: string, now = Date.now()): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    writePrivateFile(file, '{}');
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    chmodSync(file, PRIVATE_FILE_MODE);
    return null;
  }
  const aside = corruptName(file, now);
  renameSync(file, aside);
  chmodSync(aside, PRIVATE_FILE_MODE);
  writePrivateFile(file, '{}');
  const name = path.basename(file);
  return `${name} could not be read (${text.trim() === '' ? 'it was empty' : 'it is not a JSON object'}), so Agent Pager started with default settings and no saved sessions or paired phone. The unreadable file was kept as ${path.basename(aside)}.`;
}
