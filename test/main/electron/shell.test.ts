/**
 * The Electron shell's startup and wiring, run from the built files under the `electron` stand-in
 * (no Electron binary can run here; e2e/electron.test.ts drives the real one where it exists).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/core/csp.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../../contract/ipc.js';
import {
  app,
  powerMonitor,
  setRendererSender,
  type MenuTemplateItem,
} from '../../support/electron-stand-in/index.js';
import { waitFor } from '../../support/wait.js';
import { PRELOAD, restoreProcess, startShell, type ShellRun } from './support/shell-run.js';

let run: ShellRun | null = null;
afterEach(async () => {
  try {
    if (run) await run.quit();
  } finally {
    restoreProcess(run?.dir);
    run = null;
  }
});

const roles = (items: MenuTemplateItem[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

describe('Electron shell under the stand-in', () => {
  it('starts locked down: privileged scheme before ready, one sandboxed window, CSP, one IPC channel shared with the preload', async () => {
    run = await startShell();
    const st = run.state;
    const scheme = st.of('protocol.registerSchemesAsPrivileged')[0]!;
    expect(scheme.args[1]).toEqual({ ready: false });
    expect(st.privilegedSchemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(st.of('app.requestSingleInstanceLock')).toHaveLength(1);

    expect(st.windows).toHaveLength(1);
    const prefs = run.window().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(PRELOAD);
    expect(run.window().webContents.url).toBe('app://agent-pager/index.html');

    const serve = st.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://agent-pager/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    expect((await serve(new Request('app://agent-pager/%2e%2e/package.json'))).status).toBe(404);

    // The preload exposes exactly request/on, and talks on the channels main listens and sends on.
    expect(Object.keys(run.bridge).sort()).toEqual(['on', 'request']);
    expect([...st.handlers.keys()]).toEqual([REQUEST_CHANNEL]);
    expect([...st.rendererListeners.keys()]).toEqual([EVENT_CHANNEL]);
    const info = (await run.bridge.request('host.info', {})) as { shell: string };
    expect(info.shell).toBe('electron');
    await expect(run.bridge.request('no.such', {})).rejects.toThrow(/unknown request/);
  });

  it('refuses IPC from another page, a subframe, or a webContents it did not attach', async () => {
    run = await startShell();
    const contents = run.window().webContents;
    setRendererSender(() => ({ contents, frameUrl: 'https://evil.example/', isMainFrame: true }));
    await expect(run.bridge.request('host.info', {})).rejects.toThrow(/refused/);
    setRendererSender(() => ({ contents, frameUrl: 'app://agent-pager/index.html', isMainFrame: false }));
    await expect(run.bridge.request('host.info', {})).rejects.toThrow(/refused/);
    const stranger = Object.assign(Object.create(Object.getPrototypeOf(contents)), { id: 9999 });
    setRendererSender(() => ({
      contents: stranger,
      frameUrl: 'app://agent-pager/index.html',
      isMainFrame: true,
    }));
    await expect(run.bridge.request('host.info', {})).rejects.toThrow(/refused/);
  });

  it('allows clipboard writes only to its own page (scheme and host), denies everything else', async () => {
    run = await startShell();
    const check = run.state.permissionCheck!;
    expect(check(null, 'clipboard-sanitized-write', 'app://agent-pager')).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'app://agent-pager/')).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'https://agent-pager')).toBe(false);
    expect(check(null, 'clipboard-read', 'app://agent-pager')).toBe(false);
    expect(check(null, 'media', 'app://agent-pager')).toBe(false);
  });

  it('renders the tray from the model, runs its clicks in the core, and redraws only when the model changes', async () => {
    run = await startShell();
    const r = run;
    const events: string[] = [];
    r.bridge.on('ui.newSession', () => events.push('ui.newSession'));
    expect(r.trayItem('New session…')).toBeTruthy();
    expect(r.trayItem('Pause notifications').checked).toBe(false);
    r.trayItem('Pause notifications').click!();
    await waitFor(() => r.trayItem('Pause notifications').checked, 'pause checked in the tray');
    const phone = (await r.bridge.request('phone.state', {})) as { paused: boolean };
    expect(phone.paused).toBe(true);

    const sets = r.tray().menuSets;
    await r.bridge.request('settings.update', { patch: { idleSeconds: 30 } });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.tray().menuSets).toBe(sets);

    r.window().hide();
    r.trayItem('New session…').click!();
    await waitFor(() => events.length > 0, 'ui.newSession at the renderer');
    expect(r.window().isVisible()).toBe(true);
  });

  it('finds an agent on the login shell PATH, asks before quitting a live session, and quits cleanly', async () => {
    run = await startShell();
    const r = run;
    const created = (await r.bridge.request('session.create', {
      spec: { agent: 'custom', command: 'fake-agent', cwd: r.dir, name: '' },
      cols: 80,
      rows: 24,
    })) as { id: string };
    await waitFor(
      async () =>
        ((await r.bridge.request('sessions.list', {})) as Array<{ state: string }>)[0]?.state === 'running',
      'the session running',
    );
    expect(created.id).toBeTruthy();

    // Closing the window with a usable tray hides it; the app keeps running.
    r.window().close();
    expect(r.window().destroyed).toBe(false);
    expect(r.window().isVisible()).toBe(false);

    r.state.config.messageBoxResponse = 2; // Cancel
    app.quit();
    await waitFor(() => r.state.messageBoxes.length === 1, 'the quit confirmation');
    expect(r.state.messageBoxes[0]).toMatchObject({
      message: 'Keep 1 agent running in the background?',
      buttons: ['Keep running', 'Stop and quit', 'Cancel'],
    });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.window().destroyed).toBe(false);
    expect(r.state.handlers.size).toBe(1);

    await r.quit();
    expect(r.state.messageBoxes).toHaveLength(2);
    expect(r.tray().destroyed).toBe(true);
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });

  it('wires powerMonitor lock, unlock and idle to the away gate', async () => {
    run = await startShell();
    expect(powerMonitor.listenerCount('lock-screen')).toBe(1);
    expect(powerMonitor.listenerCount('unlock-screen')).toBe(1);
    expect(run.state.of('powerMonitor.getSystemIdleTime').length).toBeGreaterThan(0);
    // An unlock re-checks the gate at once (reading the idle state), not at the next 5 s poll.
    const before = run.state.of('powerMonitor.getSystemIdleState').length;
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    expect(run.state.of('powerMonitor.getSystemIdleState').length).toBeGreaterThan(before);
  });

  it('writes the Linux autostart entry with the app path and an icon outside the asar, and does not loop when it fails', async () => {
    run = await startShell();
    const r = run;
    r.trayItem('Start at login').click!();
    const entry = path.join(r.dir, 'config', 'autostart', 'agent-pager.desktop');
    await waitFor(() => existsSync(entry), 'the autostart entry');
    const text = readFileSync(entry, 'utf8');
    expect(text).toMatch(/^Exec=.*--hidden$/m);
    expect(text).toContain(path.join(r.userData, 'autostart-icon.png'));
    expect(existsSync(path.join(r.userData, 'autostart-icon.png'))).toBe(true);
    await waitFor(() => r.trayItem('Start at login').checked, 'start at login checked');

    // The autostart folder becomes unwritable: one message, the setting follows the OS, no retries.
    r.trayItem('Start at login').click!();
    await waitFor(() => !existsSync(entry), 'the entry removed');
    const blocker = path.join(r.dir, 'blocker');
    writeFileSync(blocker, '');
    process.env.XDG_CONFIG_HOME = blocker; // a file: the autostart folder cannot be created under it
    r.trayItem('Start at login').click!();
    await waitFor(() => r.state.messageBoxes.length === 1, 'one start-at-login message');
    for (let i = 0; i < 3; i++) await r.bridge.request('phone.setPaused', { paused: i % 2 === 0 });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.state.messageBoxes).toHaveLength(1);
    const settings = (await r.bridge.request('settings.get', {})) as { startAtLogin: boolean };
    expect(settings.startAtLogin).toBe(false);
  });

  it('maximizes a saved-maximized window only when first shown, and a --hidden start shows nothing', async () => {
    run = await startShell({
      hidden: true,
      savedWindow: { x: 10, y: 10, width: 900, height: 700, maximized: true },
    });
    const r = run;
    await new Promise((res) => setTimeout(res, 50));
    expect(r.window().history.filter((h) => !h.startsWith('loadURL'))).toEqual([]);
    expect(r.window().isVisible()).toBe(false);
    r.trayItem('Show window').click!();
    expect(r.window().history.slice(-3)).toEqual(['maximize', 'show', 'focus']);
  });

  it('shows a saved-maximized window maximized only once it is ready (no flash before ready-to-show)', async () => {
    run = await startShell({ savedWindow: { x: 10, y: 10, width: 900, height: 700, maximized: true } });
    const r = run;
    await waitFor(() => r.window().isVisible(), 'the window shown');
    expect(r.window().history).toEqual(['loadURL app://agent-pager/index.html', 'maximize', 'show', 'focus']);
  });

  it('with no StatusNotifier host starts minimised instead of hidden, minimises on close, and keeps the token in a file without a real key store', async () => {
    run = await startShell({
      hidden: true,
      trayHost: false,
      config: { storageBackend: 'basic_text' },
      seedToken: 'file',
    });
    const r = run;
    await waitFor(() => r.window().isVisible(), 'the window shown');
    expect(r.window().history).toContain('minimize');
    r.window().close();
    expect(r.window().history.at(-1)).toBe('minimize');
    const phone = (await r.bridge.request('phone.state', {})) as { tokenStorage: string };
    expect(phone.tokenStorage).toBe('file');
    expect(r.state.of('safeStorage.decryptString')).toHaveLength(0);
  });

  it('reads the bot token through safeStorage when the OS offers a key store', async () => {
    run = await startShell({ seedToken: 'safe-storage' });
    const phone = (await run.bridge.request('phone.state', {})) as { tokenStorage: string; token: string };
    expect(phone.tokenStorage).toBe('safe-storage');
    expect(run.state.of('safeStorage.decryptString').length).toBeGreaterThan(0);
  });

  it('quits at once as a second instance', async () => {
    const { resetStandIn, emitReady, installElectronStandIn, nativeImport } =
      await import('../../support/electron-stand-in/index.js');
    installElectronStandIn();
    const st = resetStandIn({ singleInstanceLock: false }, '/nonexistent-user-data');
    const { pathToFileURL } = await import('node:url');
    const { MAIN } = await import('./support/shell-run.js');
    await nativeImport(`${pathToFileURL(MAIN).href}?second=1`);
    emitReady();
    await new Promise((res) => setTimeout(res, 50));
    expect(st.of('app.quit')).toHaveLength(1);
    expect(st.windows).toHaveLength(0);
  });

  it('sets an application menu: no Reload or DevTools when packaged, the macOS app menu, login item needing approval asked once', async () => {
    run = await startShell({
      platform: 'darwin',
      config: { isPackaged: true, loginStatusAfterEnable: 'requires-approval' },
    });
    const r = run;
    const menu = r.state.applicationMenu!.template;
    expect(menu[0]!.label).toBe('Agent Pager');
    expect(roles(menu)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'hide']));
    expect(roles(menu)).not.toContain('toggleDevTools');
    expect(roles(menu)).not.toContain('reload');

    r.trayItem('Start at login').click!();
    await waitFor(
      () => /needs approval/.test(r.trayItem(/^Start at login/).label ?? ''),
      'needs-approval label',
    );
    await waitFor(() => r.state.messageBoxes.length === 1, 'the approval message');
    for (let i = 0; i < 3; i++) await r.bridge.request('phone.setPaused', { paused: i % 2 === 0 });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.state.of('app.setLoginItemSettings')).toHaveLength(1);
    expect(r.state.messageBoxes).toHaveLength(1);
  });

  it('on macOS unpackaged disables start at login; on Windows unpackaged registers the app path before --hidden', async () => {
    run = await startShell({ platform: 'darwin' });
    expect(run.trayItem(/^Start at login/).enabled).toBe(false);
    expect(roles(run.state.applicationMenu!.template)).toContain('toggleDevTools');
    await run.quit();
    restoreProcess(run.dir);

    run = await startShell({ platform: 'win32' });
    const r = run;
    const edit = r.state.applicationMenu!.template.find((m) => m.label === 'Edit')!;
    expect(edit.submenu!.filter((i) => i.role).every((i) => i.registerAccelerator === false)).toBe(true);
    r.trayItem('Start at login').click!();
    await waitFor(() => r.state.of('app.setLoginItemSettings').length === 1, 'setLoginItemSettings');
    const args = r.state.of('app.setLoginItemSettings')[0]!.args[0] as { path: string; args: string[] };
    expect(args.path).toBe(process.execPath);
    expect(args.args).toEqual([process.cwd(), '--hidden']);
  });
});
