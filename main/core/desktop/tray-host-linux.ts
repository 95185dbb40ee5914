/**
 * Whether a Linux desktop shows tray icons. Electron's Linux tray is a StatusNotifierItem
 * (freedesktop/KDE "StatusNotifierItem" spec): it appears only when a StatusNotifier host is
 * registered with the `org.kde.StatusNotifierWatcher` D-Bus service (KDE, Cinnamon, XFCE with its
 * plugin, GNOME only with the AppIndicator extension). `new Tray()` does not fail without one, so
 * the shell asks D-Bus: the watcher's `IsStatusNotifierHostRegistered` property, read with
 * `dbus-send` (package dbus) or else `gdbus` (GLib). No D-Bus library is loaded for one query.
 */
import { execFile } from 'node:child_process';

/** How long one D-Bus query may take, in ms. */
export const TRAY_HOST_QUERY_TIMEOUT_MS = 1500;

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROPERTY = 'IsStatusNotifierHostRegistered';

/** The outcome of running one tool: its exit and output, or 'missing' when it is not installed. */
export type ToolResult = { code: number; stdout: string } | 'missing' | 'timeout';

/** Runs `file args` with a timeout; injected in tests. */
export type ToolRunner = (file: string, args: string[], timeoutMs: number) => Promise<ToolResult>;

/** The two queries, in the order tried. */
export const TRAY_HOST_QUERIES: ReadonlyArray<{ file: string; args: string[] }> = [
  {
    file: 'dbus-send',
    args: [
      '--session',
      '--print-reply=literal',
      `--dest=${WATCHER}`,
      '/StatusNotifierWatcher',
      'org.freedesktop.DBus.Properties.Get',
      `string:${WATCHER}`,
      `string:${PROPERTY}`,
    ],
  },
  {
    file: 'gdbus',
    args: [
      'call',
      '--session',
      '--dest',
      WATCHER,
      '--object-path',
      '/StatusNotifierWatcher',
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      WATCHER,
      PROPERTY,
    ],
  },
];

/** Reads the property's value from dbus-send (`variant boolean true`) or gdbus (`(<true>,)`) output; null when neither form is there. */
export function parseHostRegistered(stdout: string): boolean | null {
  if (/\bboolean\s+true\b|<true>/.test(stdout)) return true;
  if (/\bboolean\s+false\b|<false>/.test(stdout)) return false;
  return null;
}

const defaultRunner: ToolRunner = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => {
      if (!err) return resolve({ code: 0, stdout });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
      if (e.code === 'ENOENT') return resolve('missing');
      if (e.killed) return resolve('timeout');
      resolve({ code: typeof e.code === 'number' ? e.code : 1, stdout: String(stdout ?? '') });
    });
  });

/**
 * True when a StatusNotifier host is registered, false when the watcher is absent (the query
 * fails: no such D-Bus name) or says no host, null when it cannot be told (no tool, time-out,
 * unreadable reply), which callers treat as "tray visible" so desktops with an XEmbed tray keep
 * today's behaviour.
 */
export async function statusNotifierHostPresent(run: ToolRunner = defaultRunner): Promise<boolean | null> {
  for (const q of TRAY_HOST_QUERIES) {
    const result = await run(q.file, q.args, TRAY_HOST_QUERY_TIMEOUT_MS);
    if (result === 'missing') continue;
    if (result === 'timeout') return null;
    if (result.code !== 0) return false;
    return parseHostRegistered(result.stdout);
  }
  return null;
}
