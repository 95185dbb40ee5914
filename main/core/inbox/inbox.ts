/**
 * The inbox of a session's folder: `<folder>/.agent-pager/inbox/`, where files sent from the phone
 * are saved so the agent in that folder can read them (a screenshot of a bug, a log).
 *
 * Every name comes from outside (a Telegram document's file name), so it is reduced to a plain
 * file name of safe characters; the two folders are created one level at a time and must be real
 * folders, never links (a repository could ship `.agent-pager` as a symlink to elsewhere); the
 * file is created exclusively with `O_NOFOLLOW`, and the folder's real path is checked to still be
 * inside the session's folder afterwards. `.agent-pager/.gitignore` (`*`) keeps the inbox out of
 * commits.
 */
import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** The inbox folder, relative to a session's folder. */
export const INBOX_DIR = path.join('.agent-pager', 'inbox');
/** Largest file saved, in bytes: what a Telegram bot may download (https://core.telegram.org/bots/api#getfile: 20 MB). */
export const MAX_INBOX_FILE_BYTES = 20 * 1024 * 1024;
/** Most bytes the inbox may hold; beyond it new files are refused until the user clears it. */
export const MAX_INBOX_TOTAL_BYTES = 200 * 1024 * 1024;
/** Most files the inbox may hold. */
export const MAX_INBOX_FILES = 500;
/** Longest saved file name, in chars. */
export const MAX_NAME_CHARS = 100;

/** A refusal with a message the user may read. */
export class InboxError extends Error {
  override name = 'InboxError';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A safe file name from an untrusted one: the last path segment, characters other than letters,
 * digits, `.`, `-` and `_` replaced by `_`, no leading dots, at most {@link MAX_NAME_CHARS} chars
 * (the extension kept), `fallback` when nothing is left.
 */
export function sanitiseFileName(raw: string, fallback: string): string {
  const last = raw.normalize('NFKC').split(/[\\/]/).pop() ?? '';
  let name = last
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/\.+$/, '');
  if (!name || WINDOWS_RESERVED.test(name)) name = fallback;
  if (name.length > MAX_NAME_CHARS) {
    const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_NAME_CHARS - ext.length) + ext;
  }
  return name;
}

/** Makes `dir` a real folder (creating it when missing); a link or a file there is refused. */
async function realFolder(dir: string): Promise<boolean> {
  const stat = await fs.lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (stat) {
    if (!stat.isDirectory())
      throw new InboxError(`${path.basename(dir)} is not a real folder (a link or a file)`);
    return false;
  }
  await fs.mkdir(dir, { mode: 0o700 });
  if (!(await fs.lstat(dir)).isDirectory())
    throw new InboxError(`${path.basename(dir)} is not a real folder`);
  return true;
}

async function inboxUsage(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  let bytes = 0;
  for (const e of entries.slice(0, MAX_INBOX_FILES + 1)) {
    if (e.isFile()) bytes += (await fs.lstat(path.join(dir, e.name)).catch(() => ({ size: 0 }))).size;
  }
  return { files: entries.length, bytes };
}

/**
 * Saves `data` as `name` (already sanitised) in `folder`'s inbox; an existing name gets `-1`, `-2`…
 * before its extension.
 * @returns the saved file's absolute path.
 * @throws InboxError when the file is too large, the inbox is full, or a folder on the way is a link.
 */
export async function saveToInbox(folder: string, name: string, data: Buffer): Promise<string> {
  if (data.length > MAX_INBOX_FILE_BYTES) throw new InboxError('the file is larger than 20 MB');
  const root = await fs.realpath(folder).catch(() => {
    throw new InboxError('the session’s folder is gone');
  });
  const outer = path.join(root, '.agent-pager');
  if (await realFolder(outer))
    await fs.writeFile(path.join(outer, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  const dir = path.join(outer, 'inbox');
  await realFolder(dir);
  const usage = await inboxUsage(dir);
  if (usage.files >= MAX_INBOX_FILES || usage.bytes + data.length > MAX_INBOX_TOTAL_BYTES)
    throw new InboxError(`the inbox (${INBOX_DIR}) is full; delete old files from it`);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  for (let i = 0; i < 100; i++) {
    const file = path.join(dir, i === 0 ? name : `${stem}-${i}${ext}`);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, flags, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    if ((await fs.realpath(dir)) !== dir) {
      await fs.rm(file, { force: true });
      throw new InboxError('the inbox moved while saving');
    }
    return file;
  }
  throw new InboxError('too many files with that name in the inbox');
}
