import { describe, expect, it } from 'vitest';
import type { CoreSnapshot } from '../../../../main/core/app-types.js';
import { defaultPublicSettings, type PhoneState, type SessionInfo } from '../../../../contract/bridge.js';
import {
  buildTrayMenu,
  trayIconFile,
  trayIconState,
  trayTooltip,
  type TrayMenuItem,
} from '../../../../main/core/desktop/tray-model.js';
import { sessionInfo } from '../../../support/session-info.js';

function session(id: string, over: Partial<SessionInfo> = {}): SessionInfo {
  return sessionInfo(id, { name: `tab ${id}`, cwd: '/home/u', ...over });
}

const phone: PhoneState = {
  token: 'valid',
  tokenStorage: 'safe-storage',
  botUsername: 'pager_bot',
  error: null,
  polling: 'running',
  paired: null,
  pairing: null,
  paused: false,
  blocked: false,
};

function snap(sessions: SessionInfo[], phoneOver: Partial<PhoneState> = {}): CoreSnapshot {
  return {
    sessions,
    phone: { ...phone, ...phoneOver },
    settings: {
      ...defaultPublicSettings,
      notifyMode: 'always',
      awayAfterMinutes: 5,
      idleSeconds: 10,
      startAtLogin: false,
      resumeOnStart: false,
      onQuit: 'ask',
      defaultCwd: null,
      pageIdle: { claude: true, codex: true, gemini: true, shell: false, custom: true },
    },
  };
}

const prompt = {
  id: 'p1',
  sessionId: 's2',
  kind: 'permission' as const,
  title: 'Bash',
  body: 'rm -rf build',
  options: [{ label: 'Yes', keys: '1' }],
  openedAt: 1,
  relayed: false,
  quiet: false,
};

const labels = (menu: TrayMenuItem[]) => menu.filter((i) => i.type !== 'separator').map((i) => i.label);

describe('buildTrayMenu', () => {
  it('lists each session with its state and focuses its tab on click', () => {
    const menu = buildTrayMenu(
      snap([
        session('s1', { name: 'api' }),
        session('s2', { name: 'web', state: 'needs-attention', prompt }),
        session('s3', { name: 'old', state: 'exited', exit: { code: 2, signal: null } }),
      ]),
      { startAtLogin: false, platform: 'linux' },
    );
    expect(menu.slice(0, 3).map((i) => [i.label, i.action])).toEqual([
      ['api · running', { type: 'focus-session', id: 's1' }],
      ['web · needs you', { type: 'focus-session', id: 's2' }],
      ['old · exited (2)', { type: 'focus-session', id: 's3' }],
    ]);
  });

  it('shows a disabled "No sessions" row and the fixed items in order when empty and unpaired', () => {
    const menu = buildTrayMenu(snap([]), { startAtLogin: true, platform: 'darwin' });
    expect(labels(menu)).toEqual([
      'No sessions',
      'New session…',
      'Show window',
      'Pair phone…',
      'Pause notifications',
      'Start at login',
      'Quit',
    ]);
    expect(menu[0]?.enabled).toBe(false);
    expect(menu.find((i) => i.label === 'Start at login')).toMatchObject({ type: 'checkbox', checked: true });
    expect(menu.find((i) => i.label === 'Pause notifications')).toMatchObject({
      type: 'checkbox',
      checked: false,
    });
    expect(menu.at(-1)?.action).toEqual({ type: 'quit' });
    expect(menu.filter((i) => i.type === 'separator')).toHaveLength(3);
  });

  it('offers Unpair once a phone is paired and reflects pause', () => {
    const paired = { chatId: 42, userId: 7, username: 'alice', firstName: 'Alice' };
    const menu = buildTrayMenu(snap([], { paired, paused: true }), {
      startAtLogin: false,
      platform: 'linux',
    });
    expect(labels(menu)).toContain('Paired with @alice');
    expect(menu.find((i) => i.label === 'Unpair')?.action).toEqual({ type: 'unpair' });
    expect(labels(menu)).not.toContain('Pair phone…');
    expect(menu.find((i) => i.label === 'Pause notifications')?.checked).toBe(true);

    const noUsername = buildTrayMenu(snap([], { paired: { ...paired, username: null } }), {
      startAtLogin: false,
      platform: 'linux',
    });
    expect(labels(noUsername)).toContain('Paired with Alice');
  });

  it('says when the paired chat blocked the bot, in the menu and the tooltip', () => {
    const paired = { chatId: 42, userId: 7, username: 'alice', firstName: 'Alice' };
    const blocked = snap([], { paired, blocked: true });
    expect(labels(buildTrayMenu(blocked, { startAtLogin: false, platform: 'linux' }))).toContain(
      'Paired with @alice (bot blocked in Telegram)',
    );
    expect(trayTooltip(blocked)).toBe('Agent Pager: no sessions · the bot is blocked in Telegram');
  });

  it('truncates long names, keeps one line, and doubles & on Windows only', () => {
    const long = 'x'.repeat(100);
    const menu = buildTrayMenu(snap([session('a', { name: long }), session('b', { name: 'R&D\nteam' })]), {
      startAtLogin: false,
      platform: 'win32',
    });
    expect(menu[0]?.label).toBe(`${'x'.repeat(47)}… · running`);
    expect(menu[1]?.label).toBe('R&&D team · running');
    const linux = buildTrayMenu(snap([session('b', { name: 'R&D' })]), {
      startAtLogin: false,
      platform: 'linux',
    });
    expect(linux[0]?.label).toBe('R&D · running');
  });

  it('names failed and signalled sessions', () => {
    const menu = buildTrayMenu(
      snap([
        session('a', { name: 'bad', state: 'exited', error: 'command not found: clod' }),
        session('b', { name: 'hup', state: 'exited', exit: { code: null, signal: 'SIGHUP' } }),
        session('c', { name: 'ok', state: 'exited', exit: { code: 0, signal: null } }),
      ]),
      { startAtLogin: false, platform: 'linux' },
    );
    expect(menu.slice(0, 3).map((i) => i.label)).toEqual([
      'bad · failed',
      'hup · exited (SIGHUP)',
      'ok · exited',
    ]);
  });
});

describe('trayTooltip', () => {
  it('counts sessions and those that need the user', () => {
    expect(trayTooltip(snap([]))).toBe('Agent Pager: no sessions');
    expect(trayTooltip(snap([session('a')]))).toBe('Agent Pager: 1 session');
    expect(
      trayTooltip(snap([session('a'), session('b', { state: 'needs-attention', prompt }), session('c')])),
    ).toBe('Agent Pager: 3 sessions, 1 needs you');
    expect(
      trayTooltip(
        snap([session('a', { prompt }), session('b', { state: 'needs-attention' })], { paused: true }),
      ),
    ).toBe('Agent Pager: 2 sessions, 2 need you · notifications paused');
  });
});

describe('trayIconState', () => {
  it('is attention while a session waits, even when paused; paused otherwise; else normal', () => {
    expect(trayIconState(snap([session('a')]))).toBe('normal');
    expect(trayIconState(snap([session('a')], { paused: true }))).toBe('paused');
    expect(trayIconState(snap([session('a', { prompt })], { paused: true }))).toBe('attention');
    expect(trayIconState(snap([session('a', { state: 'needs-attention' })]))).toBe('attention');
  });
});

describe('trayIconFile', () => {
  it('uses template images on macOS and colored PNGs elsewhere', () => {
    expect(trayIconFile('normal', 'darwin')).toBe('trayTemplate.png');
    expect(trayIconFile('attention', 'darwin')).toBe('trayAttentionTemplate.png');
    expect(trayIconFile('paused', 'linux')).toBe('tray-paused.png');
    expect(trayIconFile('attention', 'win32')).toBe('tray-attention.png');
  });

  it('offers "Resume all (N)" when sessions were stopped by a restart', () => {
    const menu = buildTrayMenu(
      snap([
        session('a', { state: 'exited', stoppedByRestart: true }),
        session('b', { state: 'exited', stoppedByRestart: true }),
        session('c'),
      ]),
      { startAtLogin: false, platform: 'linux' },
    );
    expect(menu.map((i) => i.label)).toContain('tab a · stopped by a restart');
    expect(menu.find((i) => i.label === 'Resume all (2)')?.action).toEqual({ type: 'resume-all' });
    const none = buildTrayMenu(snap([session('c')]), { startAtLogin: false, platform: 'linux' });
    expect(none.some((i) => i.label.startsWith('Resume all'))).toBe(false);
  });
});

describe('Start at login row', () => {
  const label = (status?: 'ok' | 'needs-approval' | 'unavailable') =>
    buildTrayMenu(snap([]), { startAtLogin: true, platform: 'darwin', loginStatus: status }).find((i) =>
      i.label.startsWith('Start at login'),
    )!;
  it('says when macOS needs approval, and is disabled where it cannot work', () => {
    expect(label()).toMatchObject({ label: 'Start at login', enabled: true, checked: true });
    expect(label('needs-approval').label).toBe('Start at login (needs approval in System Settings)');
    expect(label('unavailable')).toMatchObject({
      label: 'Start at login (installed app only)',
      enabled: false,
    });
  });
});
