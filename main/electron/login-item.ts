/**
 * "Start at login": `app.setLoginItemSettings` on macOS and Windows (the app starts with
 * `--hidden` on Windows; macOS reports `wasOpenedAtLogin` instead because macOS 13+ passes no
 * arguments to login items), the XDG autostart entry on Linux (core/desktop/autostart-linux.ts).
 * `get()` always reads the OS state back rather than trusting a saved flag.
 */
import { app } from 'electron';
import { autostartExecutable, createLinuxAutostart } from '../core/desktop/autostart-linux.js';

/** Command-line flag for a start with no window shown. */
export const HIDDEN_FLAG = '--hidden';

/** Reads and changes whether the app starts at login. */
export interface LoginItem {
  get(): boolean;
  set(enabled: boolean): void;
}

/** The login item for this platform; `iconPath` is used in the Linux .desktop entry. */
export function createLoginItem(iconPath: string): LoginItem {
  if (process.platform === 'linux') {
    // Unpackaged (`electron .`), the executable is Electron itself and needs the app folder.
    const args = app.isPackaged ? [HIDDEN_FLAG] : [app.getAppPath(), HIDDEN_FLAG];
    const entry = createLinuxAutostart({
      id: 'agent-pager',
      name: 'Agent Pager',
      comment: 'Coding agents in real terminals, prompts relayed to your phone',
      executable: autostartExecutable(process.env, process.execPath),
      args,
      icon: iconPath,
    });
    return { get: () => entry.isEnabled(), set: (enabled) => entry.set(enabled) };
  }
  const args = [HIDDEN_FLAG];
  return {
    get: () => app.getLoginItemSettings({ args }).openAtLogin,
    set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args }),
  };
}

/** True when this launch should show no window: `--hidden` given, or macOS opened us as a login item. */
export function startedHidden(argv: string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (process.platform === 'darwin') {
    const settings = app.getLoginItemSettings();
    return settings.wasOpenedAtLogin === true || settings.wasOpenedAsHidden === true;
  }
  return false;
}
