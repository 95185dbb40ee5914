/**
 * The application menu as plain data (Electron menu roles as strings), rendered by
 * main/electron/app-menu.ts with `Menu.buildFromTemplate`. Replaces Electron's default menu,
 * which offers Reload and Toggle Developer Tools in production and lets Cmd-Q end sessions
 * without asking (it quits through `before-quit`, which now asks; see quit-flow.ts).
 *
 * Platform conventions (Apple Human Interface Guidelines "The menu bar"; Electron docs
 * "Menu", "Default menu"): on macOS the app menu (About, Services, Hide, Quit) and an Edit menu,
 * without which Cmd-C / Cmd-V do nothing; on Windows and Linux a File menu with Quit (Ctrl-Q, the
 * only registered accelerator there) and Edit / View / Window menus whose accelerators are shown
 * but not registered (`registerAccelerator: false`), so Ctrl-C, Ctrl-W, Ctrl-M, Ctrl-R, … still
 * reach the terminal, where they mean ^C, delete-word, Enter and reverse search.
 * Reload and Developer Tools appear only in an unpackaged (development) build.
 */

/** One menu row: an Electron role, a separator, or a submenu; `role` values are Electron's. */
export interface AppMenuItem {
  label?: string;
  role?: string;
  type?: 'separator';
  submenu?: AppMenuItem[];
  /** false: show the accelerator but let the key reach the page (Windows, Linux only). */
  registerAccelerator?: boolean;
}

/** What the menu depends on. */
export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: false adds Reload and Toggle Developer Tools. */
  packaged: boolean;
  /** Shown in the macOS app menu and "Quit <name>". */
  appName: string;
}

const sep: AppMenuItem = { type: 'separator' };

/** The application menu for `opts.platform`. */
export function appMenuTemplate(opts: AppMenuOptions): AppMenuItem[] {
  const mac = opts.platform === 'darwin';
  const key = (role: string): AppMenuItem => (mac ? { role } : { role, registerAccelerator: false });
  const edit: AppMenuItem = {
    label: 'Edit',
    submenu: [key('undo'), key('redo'), sep, key('cut'), key('copy'), key('paste'), key('selectAll')],
  };
  const menu: AppMenuItem[] = [];
  if (mac) {
    menu.push({
      label: opts.appName,
      submenu: [
        { role: 'about' },
        sep,
        { role: 'services' },
        sep,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        sep,
        { role: 'quit', label: `Quit ${opts.appName}` },
      ],
    });
  } else {
    menu.push({ label: 'File', submenu: [{ role: 'quit', label: 'Quit' }] });
  }
  menu.push(edit);
  if (!opts.packaged) {
    menu.push({
      label: 'View',
      submenu: [key('reload'), key('forceReload'), key('toggleDevTools')],
    });
  }
  menu.push({
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }]
      : [key('minimize'), key('close')],
  });
  return menu;
}

/** Every role in a template, depth first (tests and docs use it). */
export function menuRoles(items: AppMenuItem[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...menuRoles(i.submenu ?? [])]);
}
