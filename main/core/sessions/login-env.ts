/**
 * The user's login-shell PATH, for an app started by the desktop rather than from a terminal.
 * Apps opened from Finder, the Dock, a login item (launchd) or a Linux desktop launcher get the
 * session manager's minimal PATH (macOS: `/usr/bin:/bin:/usr/sbin:/sbin`), so agents installed
 * in `~/.local/bin`, `/opt/homebrew/bin`, an npm-global or nvm folder are "Command not found".
 * Terminals run the login shell, which reads the user's profile; this module does the same once:
 * `$SHELL -ilc` prints PATH between markers (whatever the profile prints around them is ignored),
 * with a time-out, falling back to the current environment. Not used on Windows, where apps get
 * the user's PATH from the registry. The approach is the one of sindresorhus/shell-path and VS
 * Code's "resolve shell environment" (github.com/microsoft/vscode, src/vs/platform/shell/node/shellEnv.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** How long the login shell may take to print PATH, in ms. */
export const LOGIN_ENV_TIMEOUT_MS = 3000;
/** Longest PATH accepted from the shell, in chars. */
export const MAX_LOGIN_PATH_CHARS = 32_768;

const START = '__AGENT_PAGER_PATH_START__';
const END = '__AGENT_PAGER_PATH_END__';

/** Options for {@link loginShellPath}. */
export interface LoginShellOptions {
  /** The login shell, e.g. `/bin/zsh`. */
  shell: string;
  /** Environment the shell starts with. */
  env: NodeJS.ProcessEnv;
  /** Time-out in ms; default {@link LOGIN_ENV_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** Extracts the PATH printed between the markers; null when absent, empty, too long or not a list of absolute folders. */
export function parseMarkedPath(output: string): string | null {
  const from = output.indexOf(START);
  const to = from < 0 ? -1 : output.indexOf(END, from + START.length);
  if (to < 0) return null;
  const value = output.slice(from + START.length, to).trim();
  if (!value || value.length > MAX_LOGIN_PATH_CHARS || /[\0\r\n]/.test(value)) return null;
  const parts = value.split(path.delimiter).filter(Boolean);
  return parts.some((p) => path.isAbsolute(p)) ? parts.join(path.delimiter) : null;
}

/**
 * Runs `shell -ilc` to print PATH. Resolves the PATH, or null when the shell fails, prints no
 * markers, or does not finish within the time-out (its process group is then killed). Never rejects.
 */
export function loginShellPath(opts: LoginShellOptions): Promise<string | null> {
  const command = `printf '%s' '${START}'; printf '%s' "$PATH"; printf '%s' '${END}'`;
  return new Promise((resolve) => {
    let out = '';
    let done = false;
    const finish = (value: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(value);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(opts.shell, ['-ilc', command], {
        // DISABLE_AUTO_UPDATE stops oh-my-zsh's update prompt; AGENT_PAGER_RESOLVING_ENVIRONMENT
        // lets a profile skip slow or interactive parts (as VS Code's VSCODE_RESOLVING_ENVIRONMENT).
        env: { ...opts.env, DISABLE_AUTO_UPDATE: 'true', AGENT_PAGER_RESOLVING_ENVIRONMENT: '1' },
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: true,
      });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish(null);
    }, opts.timeoutMs ?? LOGIN_ENV_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (out.length < MAX_LOGIN_PATH_CHARS * 4) out += chunk;
    });
    child.on('error', () => finish(null));
    child.on('close', () => finish(parseMarkedPath(out)));
  });
}

/** `primary` followed by the entries of `secondary` it lacks (so nothing the app had is lost). */
export function mergePaths(primary: string, secondary: string | undefined): string {
  const seen = new Set(primary.split(path.delimiter).filter(Boolean));
  const extra = (secondary ?? '').split(path.delimiter).filter((p) => p && !seen.has(p));
  return [...seen, ...extra].join(path.delimiter);
}

/**
 * The environment for sessions and the launch check: `env` with PATH replaced by the login
 * shell's PATH (plus any entries only `env` had). On Windows, or when the shell cannot tell,
 * `env` itself. `shell` is the login shell (see user-shell.ts).
 */
export async function loginEnvironment(
  env: NodeJS.ProcessEnv,
  shell: string,
  platform: NodeJS.Platform = process.platform,
  timeoutMs = LOGIN_ENV_TIMEOUT_MS,
): Promise<NodeJS.ProcessEnv> {
  if (platform === 'win32') return env;
  const loginPath = await loginShellPath({ shell, env, timeoutMs });
  return loginPath ? { ...env, PATH: mergePaths(loginPath, env.PATH) } : env;
}
