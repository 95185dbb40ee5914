/**
 * The user's login shell, used for the "Shell" preset and for custom command lines with shell
 * syntax.
 */
import os from 'node:os';

/** $SHELL, else the passwd entry's shell, else /bin/sh (Windows: %COMSPEC% or powershell.exe). */
export function userShell(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return env.COMSPEC || 'powershell.exe';
  if (env.SHELL) return env.SHELL;
  try {
    const shell = os.userInfo().shell;
    if (shell) return shell;
  } catch {
    // No passwd entry (some containers).
  }
  return '/bin/sh';
}
