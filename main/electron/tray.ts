/**
 * The tray icon: renders the pure menu model (core/desktop/tray-model.ts) with
 * `Menu.buildFromTemplate`. On every core change it recomputes the model, and touches the native
 * tray only where something changed: the icon when its state changes, the tooltip when its text
 * changes, the menu when the model does (rebuilding an open Linux tray menu on every terminal
 * title change makes it flicker or close).
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Core } from '../core/app-types.js';
import {
  buildTrayMenu,
  trayIconFile,
  trayIconState,
  trayTooltip,
  type LoginStatus,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
} from '../core/desktop/tray-model.js';

/** Options for {@link createTray}. */
export interface TrayOptions {
  core: Core;
  assetsDir: string;
  /** Start-at-login as read back from the OS. */
  login: () => { enabled: boolean; status: LoginStatus };
  onAction: (action: TrayAction) => void;
  /** Left click (Windows, Linux): usually shows the window. */
  onClick: () => void;
}

/** A live tray; `refresh` redraws what changed, `destroy` removes it. */
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

/** Creates the tray, or returns null when the platform refuses one (`new Tray` throws). */
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
  let shownTooltip: string | null = null;
  let shownMenu: string | null = null;
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
    const tooltip = trayTooltip(snapshot);
    if (tooltip !== shownTooltip) {
      tray.setToolTip(tooltip);
      shownTooltip = tooltip;
    }
    const login = opts.login();
    const items = buildTrayMenu(snapshot, {
      startAtLogin: login.enabled,
      loginStatus: login.status,
      platform: process.platform,
    });
    const key = JSON.stringify(items);
    if (key !== shownMenu) {
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(items, opts.onAction)));
      shownMenu = key;
    }
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
