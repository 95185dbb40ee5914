/**
 * Checks a launch plan before spawning, so the user sees "command not found" or "folder does not
 * exist" as a clear error instead of a PTY that prints `execvp(3) failed` and exits 1 (what
 * node-pty does on Unix for either failure).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import which from 'which';
import { LaunchError, type LaunchPlan } from './presets.js';

/** Expands a leading `~` to the home directory and resolves to an absolute path. */
export function expandHome(dir: string, home = os.homedir()): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/')) return path.join(home, dir.slice(2));
  return path.resolve(dir);
}

/**
 * Verifies that `cwd` is an existing folder and that `plan.file` resolves to an executable on
 * `envPath` (or is an executable path; a relative one is taken relative to `cwd`). Returns the
 * absolute executable path.
 * @throws LaunchError with a user-readable message.
 */
export async function checkLaunch(
  plan: LaunchPlan,
  cwd: string,
  envPath: string | undefined,
): Promise<string> {
  const st = await stat(cwd).catch(() => null);
  if (!st) throw new LaunchError(`The folder ${cwd} does not exist.`);
  if (!st.isDirectory()) throw new LaunchError(`${cwd} is not a folder.`);
  // A relative path such as `./start.sh` is relative to the session's folder (where it is spawned),
  // not to the app's own working directory.
  const hasDir = plan.file.includes('/') || plan.file.includes(path.sep);
  const file = hasDir && !path.isAbsolute(plan.file) ? path.resolve(cwd, plan.file) : plan.file;
  const found = await which(file, { path: envPath ?? '', nothrow: true });
  if (!found) {
    const hint = hasDir
      ? `${plan.file} does not exist or is not executable.`
      : `Command not found: ${plan.file}. Is it installed and on your PATH?`;
    throw new LaunchError(hint);
  }
  return found;
}
