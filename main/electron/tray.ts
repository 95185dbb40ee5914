/**
 * The tray icon: renders the pure menu model (core/desktop/tray-model.ts) with
 * `Menu.buildFromTemplate` and refreshes icon, tooltip and menu on every core change.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Core } from '../core/app-types.js';
import {
  buildTrayMenu,
  trayIconFile,
  trayIconState,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
} from '../core/desktop/tray-model.js';

/** Options for {@link createTray}. */
export interface TrayOptions {
  core: Core;
  assetsDir: string;
  /** Whether start-at-login is on, as read back from the OS. */
  startAtLogin: () => boolean;
  onAction: (action: TrayAction) => void;
  /** Left click (Windows, Linux): usually shows the window. */
  onClick: () => void;
}

/** A live tray; `refresh` redraws it, `destroy` removes it. */
export interface TrayHandle {
  refresh(): void;
  destroy(): void;
}

function toTemplate(items: TrayMenuItem[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      checked: item.checked,
      click: action ? () => onAction(action) : undefined,
    };
  });
}

/** Creates the tray, or returns null when the platform refuses one (e.g. Linux with no tray host). */
export function createTray(opts: TrayOptions): TrayHandle | null {
  const image = (state: TrayIconState) =>
    nativeImage.createFromPath(join(opts.assetsDir, trayIconFile(state, process.platform)));
  let tray: Tray;
  try {
    tray = new Tray(image('normal'));
  } catch {
    return null;
  }
  let shownState: TrayIconState = 'normal';
  tray.on('click', () => {
    if (process.platform !== 'darwin') opts.onClick();
  });

  const refresh = () => {
    if (tray.isDestroyed()) return;
    const snapshot = opts.core.snapshot();
    const state = trayIconState(snapshot);
    if (state !== shownState) {
      tray.setImage(image(state));
      shownState = state;
    }
    tray.setToolTip(trayTooltip(snapshot));
    const items = buildTrayMenu(snapshot, { startAtLogin: opts.startAtLogin(), platform: process.platform });
    tray.setContextMenu(Menu.buildFromTemplate(toTemplate(items, opts.onAction)));
  };
  const subscription = opts.core.onChange(refresh);
  refresh();

  return {
    refresh,
    destroy() {
      subscription.dispose();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
