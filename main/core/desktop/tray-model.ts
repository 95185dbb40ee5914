/**
 * The tray menu as plain data. The Electron shell renders it with `Menu.buildFromTemplate`
 * (main/electron/tray.ts) and runs each item's {@link TrayAction}; everything about what the menu
 * says lives here so it can be tested under plain Node.
 */
import type { SessionInfo, SessionState } from '../../../contract/bridge.js';
import type { CoreSnapshot } from '../app-types.js';

/** What clicking a tray item does. Executed by the shell, never by this module. */
export type TrayAction =
  | { type: 'focus-session'; id: string }
  | { type: 'new-session' }
  | { type: 'resume-all' }
  | { type: 'show-window' }
  | { type: 'pair-phone' }
  | { type: 'unpair' }
  | { type: 'toggle-pause' }
  | { type: 'toggle-login' }
  | { type: 'quit' };

/** One menu row. `checked` only matters for checkboxes; separators carry no action. */
export interface TrayMenuItem {
  type: 'normal' | 'checkbox' | 'separator';
  label: string;
  enabled: boolean;
  checked: boolean;
  action: TrayAction | null;
}

/** Which icon the tray shows: someone needs the user, notifications paused, or neither. */
export type TrayIconState = 'normal' | 'attention' | 'paused';

/**
 * The login item as the OS reports it: 'ok', 'needs-approval' (macOS 13+: allow it in System
 * Settings › General › Login Items), 'unavailable' (an unpackaged macOS build).
 */
export type LoginStatus = 'ok' | 'needs-approval' | 'unavailable';

/** Options for {@link buildTrayMenu}. `platform` is a `process.platform` value. */
export interface TrayMenuOptions {
  startAtLogin: boolean;
  platform: NodeJS.Platform;
  /** Default 'ok'. */
  loginStatus?: LoginStatus;
}

const loginLabels: Record<LoginStatus, string> = {
  ok: 'Start at login',
  'needs-approval': 'Start at login (needs approval in System Settings)',
  unavailable: 'Start at login (installed app only)',
};

/** Longest session name shown in the menu, in chars; longer names end with "…". */
export const MAX_SESSION_LABEL_CHARS = 48;

const stateLabels: Record<SessionState, string> = {
  starting: 'starting',
  running: 'running',
  'needs-attention': 'needs you',
  exited: 'exited',
};

/** True when the session waits for the user: it has an open prompt or is in that state. */
export function needsUser(session: SessionInfo): boolean {
  return session.state === 'needs-attention' || session.prompt !== null;
}

/** The state word shown next to a session name, e.g. "needs you" or "exited (1)". */
export function sessionStateLabel(session: SessionInfo): string {
  if (session.error) return 'failed';
  if (needsUser(session)) return stateLabels['needs-attention'];
  if (session.state === 'exited' && session.exit) {
    const { code, signal } = session.exit;
    if (signal) return `exited (${signal})`;
    if (code !== null && code !== 0) return `exited (${code})`;
  }
  if (session.state === 'exited' && session.stoppedByRestart) return 'stopped by a restart';
  return stateLabels[session.state];
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Makes text safe as a native menu label: on Windows Electron treats `&` as a mnemonic marker
 * (Win32 menu convention), so a literal ampersand is written `&&` there.
 */
function menuText(text: string, platform: NodeJS.Platform): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return platform === 'win32' ? oneLine.replace(/&/g, '&&') : oneLine;
}

function item(label: string, action: TrayAction, enabled = true): TrayMenuItem {
  return { type: 'normal', label, enabled, checked: false, action };
}

function checkbox(label: string, checked: boolean, action: TrayAction, enabled = true): TrayMenuItem {
  return { type: 'checkbox', label, enabled, checked, action };
}

const separator: TrayMenuItem = { type: 'separator', label: '', enabled: true, checked: false, action: null };

/**
 * Builds the tray menu: one row per session ("name · state", click focuses its tab), then
 * "Resume all (N)" when sessions were stopped by a restart, "New session…" and "Show window", the
 * phone rows ("Pair phone…", or "Paired with @user" — with
 * "(bot blocked in Telegram)" while the chat blocks the bot — and "Unpair"), the "Pause notifications" and "Start at login" checkboxes, and "Quit".
 */
export function buildTrayMenu(snapshot: CoreSnapshot, opts: TrayMenuOptions): TrayMenuItem[] {
  const menu: TrayMenuItem[] = [];
  const { sessions, phone } = snapshot;
  if (sessions.length === 0) {
    menu.push(item('No sessions', { type: 'show-window' }, false));
  }
  for (const session of sessions) {
    const name = truncate(session.name || session.commandLine || session.id, MAX_SESSION_LABEL_CHARS);
    const label = `${menuText(name, opts.platform)} · ${sessionStateLabel(session)}`;
    menu.push(item(label, { type: 'focus-session', id: session.id }));
  }
  const stopped = sessions.filter((s) => s.state === 'exited' && s.stoppedByRestart).length;
  if (stopped > 0) menu.push(item(`Resume all (${stopped})`, { type: 'resume-all' }));
  menu.push(
    separator,
    item('New session…', { type: 'new-session' }),
    item('Show window', { type: 'show-window' }),
  );
  menu.push(separator);
  if (phone.paired) {
    const who = phone.paired.username ? `@${phone.paired.username}` : phone.paired.firstName;
    const blocked = phone.blocked ? ' (bot blocked in Telegram)' : '';
    menu.push(item(`Paired with ${menuText(who, opts.platform)}${blocked}`, { type: 'pair-phone' }));
    menu.push(item('Unpair', { type: 'unpair' }));
  } else {
    menu.push(item('Pair phone…', { type: 'pair-phone' }));
  }
  menu.push(checkbox('Pause notifications', phone.paused, { type: 'toggle-pause' }));
  const login = opts.loginStatus ?? 'ok';
  menu.push(
    checkbox(loginLabels[login], opts.startAtLogin, { type: 'toggle-login' }, login !== 'unavailable'),
  );
  menu.push(separator, item('Quit', { type: 'quit' }));
  return menu;
}

/** Counts the sessions whose process is still alive (not exited). */
export function liveSessionCount(snapshot: CoreSnapshot): number {
  return snapshot.sessions.filter((s) => s.state !== 'exited').length;
}

/**
 * The tray tooltip, e.g. "Agent Pager: 3 sessions, 1 needs you" or
 * "Agent Pager: no sessions · notifications paused"; it says so while the paired chat blocks the bot.
 */
export function trayTooltip(snapshot: CoreSnapshot): string {
  const total = snapshot.sessions.length;
  const waiting = snapshot.sessions.filter(needsUser).length;
  let text = total === 0 ? 'no sessions' : `${total} session${total === 1 ? '' : 's'}`;
  if (waiting > 0) text += `, ${waiting} need${waiting === 1 ? 's' : ''} you`;
  if (snapshot.phone.paused) text += ' · notifications paused';
  if (snapshot.phone.paired && snapshot.phone.blocked) text += ' · the bot is blocked in Telegram';
  return `Agent Pager: ${text}`;
}

/**
 * Which icon to show: 'attention' while any session waits for the user (this wins, the desk
 * still wants to know when the phone is muted), else 'paused' while notifications are paused.
 */
export function trayIconState(snapshot: CoreSnapshot): TrayIconState {
  if (snapshot.sessions.some(needsUser)) return 'attention';
  if (snapshot.phone.paused) return 'paused';
  return 'normal';
}

/**
 * The icon file (in assets/) for a state. macOS gets black-and-alpha template images (the file
 * name must end in "Template" for Electron to mark them so; the menu bar then tints them for
 * light and dark mode); other platforms get the colored PNGs. Electron loads the `@2x` sibling
 * automatically on high-DPI displays.
 */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return {
      normal: 'trayTemplate.png',
      attention: 'trayAttentionTemplate.png',
      paused: 'trayPausedTemplate.png',
    }[state];
  }
  return `tray-${state}.png`;
}
