import { describe, expect, it } from 'vitest';
import { appMenuTemplate, menuRoles, type AppMenuItem } from '../../../../main/core/desktop/app-menu.js';

// Roles the template may use: Electron's MenuItem role names (electron.d.ts, MenuItemConstructorOptions.role).
const electronRoles = new Set([
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'selectAll',
  'reload',
  'forceReload',
  'toggleDevTools',
  'minimize',
  'close',
  'quit',
  'about',
  'hide',
  'hideOthers',
  'unhide',
  'front',
  'zoom',
  'services',
]);

const flat = (items: AppMenuItem[]): AppMenuItem[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('application menu', () => {
  it('has no Reload or Developer Tools in a packaged build, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = menuRoles(appMenuTemplate({ platform, packaged: true, appName: 'Agent Pager' }));
      expect(roles).toContain('quit');
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('toggleDevTools');
      expect(roles.every((r) => electronRoles.has(r))).toBe(true);
    }
    expect(menuRoles(appMenuTemplate({ platform: 'linux', packaged: false, appName: 'x' }))).toContain(
      'toggleDevTools',
    );
  });

  it('follows macOS conventions: app menu first, Edit with working Cmd shortcuts', () => {
    const menu = appMenuTemplate({ platform: 'darwin', packaged: true, appName: 'Agent Pager' });
    expect(menu[0]!.label).toBe('Agent Pager');
    expect(menuRoles([menu[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(flat(menu).some((i) => i.registerAccelerator === false)).toBe(false);
  });

  it('on Windows and Linux registers only Ctrl-Q, so Ctrl-C/W/M/R reach the terminal', () => {
    const menu = appMenuTemplate({ platform: 'linux', packaged: false, appName: 'Agent Pager' });
    expect(menu[0]!.label).toBe('File');
    const registered = flat(menu).filter((i) => i.role && i.registerAccelerator !== false);
    expect(registered.map((i) => i.role)).toEqual(['quit']);
  });
});
