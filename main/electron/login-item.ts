/**
 * "Start at login", per platform, as a {@link LoginItemPort} for core/desktop/login-sync.ts:
 * - macOS: `app.setLoginItemSettings` (macOS 13+ registers through SMAppService and may report
 *   `status: 'requires-approval'`; login items get no arguments, so a login start is recognised
 *   by `wasOpenedAtLogin`). Unavailable in an unpackaged build, where it would register the bare
 *   Electron.app.
 * - Windows: `app.setLoginItemSettings` with `--hidden`; unpackaged, the executable is
 *   electron.exe, so the app folder is passed before the flag.
 * - Linux: an XDG autostart entry (core/desktop/autostart-linux.ts); unpackaged, the app folder is
 *   passed too. Its icon is a copy outside `app.asar` (the session manager cannot read inside the
 *   archive), or the icon theme name the deb installs when the copy fails.
 * `read()` always asks the OS rather than trusting a saved flag.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { autostartExecutable, createLinuxAutostart } from '../core/desktop/autostart-linux.js';
import type { LoginItemPort } from '../core/desktop/login-sync.js';

/** Command-line flag for a start with no window shown. */
export const HIDDEN_FLAG = '--hidden';
/** The icon theme name of the deb package (electron-builder installs `<executableName>.png` into hicolor). */
export const LINUX_ICON_NAME = 'agent-pager';

/** Copies the app icon to `dataDir` (outside any asar) and returns its path, or the theme name when that fails. */
export function autostartIcon(assetIcon: string, dataDir: string): string {
  const target = join(dataDir, 'autostart-icon.png');
  try {
    // readFileSync reads inside app.asar (Electron's asar fs support); the copy lands outside it.
    writeFileSync(target, readFileSync(assetIcon));
    return target;
  } catch {
    return LINUX_ICON_NAME;
  }
}

/** The login item for this platform. `assetIcon` is the app icon (maybe inside the asar); `dataDir` the userData folder. */
export function createLoginItem(assetIcon: string, dataDir: string): LoginItemPort {
  const devArgs = app.isPackaged ? [] : [app.getAppPath()];
  if (process.platform === 'linux') {
    const entry = (icon?: string) =>
      createLinuxAutostart({
        id: 'agent-pager',
        name: 'Agent Pager',
        comment: 'Coding agents in real terminals, prompts relayed to your phone',
        executable: autostartExecutable(process.env, process.execPath),
        args: [...devArgs, HIDDEN_FLAG],
        icon,
      });
    return {
      read: () => ({ enabled: entry().isEnabled(), needsApproval: false, unavailable: false }),
      write: (enabled) => {
        if (enabled) entry(autostartIcon(assetIcon, dataDir)).enable();
        else entry().disable();
      },
    };
  }
  if (process.platform === 'darwin') {
    return {
      read: () => {
        const s = app.getLoginItemSettings();
        return {
          enabled: s.openAtLogin,
          needsApproval: s.status === 'requires-approval',
          unavailable: !app.isPackaged,
        };
      },
      write: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true }),
    };
  }
  const args = [...devArgs, HIDDEN_FLAG];
  return {
    read: () => ({
      enabled: app.getLoginItemSettings({ path: process.execPath, args }).openAtLogin,
      needsApproval: false,
      unavailable: false,
    }),
    write: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, path: process.execPath, args }),
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
