/**
 * How the main window behaves around the tray: whether a start shows it, and what closing it
 * does. A tray the user cannot see (Linux without a StatusNotifier host, e.g. GNOME without the
 * AppIndicator extension) must never be the only way back in, so then the window starts visible
 * (minimised for a `--hidden` start) and closing minimises it instead of hiding it.
 */

/** What the shell knows about its tray. */
export interface TrayPresence {
  /** `new Tray()` succeeded. */
  created: boolean;
  /** The desktop shows tray icons (false: Linux with no StatusNotifier host). */
  visible: boolean;
}

/** How a start opens the window. */
export type InitialWindow = 'show' | 'minimized' | 'hidden';

/** What closing the window does. 'ask' means quitting, which may ask first (see quit-flow.ts). */
export type CloseAction = 'close' | 'hide' | 'minimize' | 'ask';

/** True when the tray is a way back to a hidden window. */
export function trayUsable(tray: TrayPresence): boolean {
  return tray.created && tray.visible;
}

/** The window at start: hidden only for a hidden start with a usable tray. */
export function initialWindow(startedHidden: boolean, tray: TrayPresence): InitialWindow {
  if (!startedHidden) return 'show';
  return trayUsable(tray) ? 'hidden' : 'minimized';
}

/** What the close button does: quit in progress → close; usable tray → hide; tray that may be unseen → minimise; none → ask to quit. */
export function closeAction(quitting: boolean, tray: TrayPresence): CloseAction {
  if (quitting) return 'close';
  if (trayUsable(tray)) return 'hide';
  return tray.created ? 'minimize' : 'ask';
}
