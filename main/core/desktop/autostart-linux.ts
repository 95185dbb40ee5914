/**
 * "Start at login" on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<id>.desktop`
 * (default `~/.config/autostart`), as described by the XDG Desktop Application Autostart
 * Specification 0.5 and the Desktop Entry Specification 1.5 (specifications.freedesktop.org).
 * Electron's `app.setLoginItemSettings` does nothing on Linux, hence this module.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** What the autostart entry launches and how it is named. */
export interface LinuxAutostartOptions {
  /** File name without ".desktop", e.g. "agent-pager"; letters, digits, `.`, `_`, `-` only. */
  id: string;
  /** The `Name=` shown by session managers, e.g. "Agent Pager". */
  name: string;
  /** Absolute path of the program; use {@link autostartExecutable} to pick it. */
  executable: string;
  /** Arguments after the program, e.g. `['--hidden']`. */
  args: string[];
  /** Environment to read XDG_CONFIG_HOME and HOME from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Home folder fallback when HOME is unset; defaults to os.homedir(). */
  homeDir?: string;
  /** Optional `Comment=` line. */
  comment?: string;
  /** Optional `Icon=` (absolute path or icon theme name). */
  icon?: string;
}

/** A handle on one autostart entry; every method touches the real file. */
export interface LinuxAutostart {
  /** Absolute path of the .desktop file. */
  readonly path: string;
  /** Writes the entry (atomically, replacing any older one). */
  enable(): void;
  /** Removes the entry; no error when it does not exist. */
  disable(): void;
  /** Enables or disables. */
  set(enabled: boolean): void;
  /** Reads the file back: true when it exists and is not disabled by `Hidden=true` or `X-GNOME-Autostart-enabled=false`. */
  isEnabled(): boolean;
}

/**
 * The program an autostart entry should run: the AppImage file when running from one (the
 * AppImage runtime sets `APPIMAGE` to its path; the mounted executable vanishes on exit), else
 * the current executable.
 */
export function autostartExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  const appImage = env.APPIMAGE;
  return appImage && isAbsolute(appImage) ? appImage : execPath;
}

/**
 * The autostart folder: `$XDG_CONFIG_HOME/autostart` when XDG_CONFIG_HOME is an absolute path
 * (the XDG Base Directory spec says relative values must be ignored), else `~/.config/autostart`.
 */
export function autostartDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const configHome =
    xdg && isAbsolute(xdg) ? xdg : join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homeDir, '.config');
  return join(configHome, 'autostart');
}

// Desktop Entry Spec, "The Exec key": these characters force an argument to be quoted.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * Quotes one argument for an `Exec=` value. Per the Desktop Entry Spec: an argument holding a
 * reserved character is wrapped in double quotes with `"`, `` ` ``, `$` and `\` backslash-escaped;
 * a literal `%` is written `%%` (field codes); and since the string-value escape rule is applied
 * before the quoting rule, every backslash of the quoted form is doubled again (a literal `\`
 * becomes `\\\\` in the file). Newlines cannot be represented and throw.
 * @throws Error for an argument containing a newline or carriage return, or an empty one.
 */
export function quoteExecArg(arg: string): string {
  if (arg.length === 0) throw new Error('empty argument cannot be written to an Exec line');
  if (/[\r\n]/.test(arg)) throw new Error('argument with a newline cannot be written to an Exec line');
  const percent = arg.replace(/%/g, '%%');
  const quoted = RESERVED.test(arg) ? `"${percent.replace(/(["`$\\])/g, '\\$1')}"` : percent;
  return quoted.replace(/\\/g, '\\\\');
}

/** The full `Exec=` value for a program and its arguments, each quoted by {@link quoteExecArg}. */
export function execLine(executable: string, args: string[]): string {
  return [executable, ...args].map(quoteExecArg).join(' ');
}

/** Escapes a plain string value (Name, Comment): backslash and control characters per the spec. */
function stringValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** The text of the .desktop file for these options. */
export function desktopEntryText(opts: LinuxAutostartOptions): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${stringValue(opts.name)}`,
    ...(opts.comment ? [`Comment=${stringValue(opts.comment)}`] : []),
    `Exec=${execLine(opts.executable, opts.args)}`,
    ...(opts.icon ? [`Icon=${stringValue(opts.icon)}`] : []),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads the keys of the `[Desktop Entry]` group of a .desktop file's text. */
export function parseDesktopEntry(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inMain = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      inMain = line === '[Desktop Entry]';
      continue;
    }
    const eq = line.indexOf('=');
    if (!inMain || eq <= 0) continue;
    keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}

/**
 * Creates the handle for one autostart entry.
 * @throws Error when `id` holds characters outside `A-Za-z0-9._-`.
 */
export function createLinuxAutostart(opts: LinuxAutostartOptions): LinuxAutostart {
  if (!/^[A-Za-z0-9._-]+$/.test(opts.id)) throw new Error(`invalid autostart id: ${opts.id}`);
  const env = opts.env ?? process.env;
  const path = join(autostartDir(env, opts.homeDir ?? homedir()), `${opts.id}.desktop`);

  const enable = (): void => {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, desktopEntryText(opts), { mode: 0o644 });
    chmodSync(tmp, 0o644);
    renameSync(tmp, path);
  };
  const disable = (): void => rmSync(path, { force: true });

  return {
    path,
    enable,
    disable,
    set: (enabled) => (enabled ? enable() : disable()),
    isEnabled() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return false;
      }
      const keys = parseDesktopEntry(text);
      if (!keys.has('Exec')) return false;
      if (keys.get('Hidden')?.toLowerCase() === 'true') return false;
      if (keys.get('X-GNOME-Autostart-enabled')?.toLowerCase() === 'false') return false;
      return true;
    },
  };
}
