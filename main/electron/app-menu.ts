/**
 * Sets the application menu from the plain template in core/desktop/app-menu.ts (see there for
 * the platform conventions and why Reload / Developer Tools exist only in development).
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../core/desktop/app-menu.js';

/** Replaces Electron's default menu. Call after `app.whenReady()`. */
export function installAppMenu(): void {
  const template = appMenuTemplate({
    platform: process.platform,
    packaged: app.isPackaged,
    appName: app.getName(),
  });
  // The template's `role` strings are Electron's role names (checked by test/main/electron/shell.test.ts).
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}
