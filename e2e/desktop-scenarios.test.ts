/**
 * The Electron e2e scenarios (e2e/electron.test.ts: launch, window with tabs, create a shell
 * session, the tray menu lists it, tray clicks reach the window) run here against the headless
 * host, so they are exercised on machines without an Electron binary too. The core and the HTTP
 * server run in this process (the tray is a view of the core's snapshot, and that is what we read),
 * the page runs in Debian's Chromium, the session is a real bash in a real PTY.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../main/core/app.js';
import { testCoreOptions } from '../test/support/core-options.js';
import type { Core } from '../main/core/app-types.js';
import { buildTrayMenu, trayIconState, trayTooltip } from '../main/core/desktop/tray-model.js';
import { newAccessToken } from '../main/headless/access-token.js';
import { startHeadlessServer, type HeadlessServer } from '../main/headless/server.js';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, typeLine } from './support/app.js';
import { ROOT } from './support/host.js';

let dataDir: string;
let core: Core;
let server: HeadlessServer;
let browser: Browser;
let page: Page;

const menu = () => buildTrayMenu(core.snapshot(), { startAtLogin: false, platform: 'linux' });

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-desktop-'));
  core = await createCore(testCoreOptions(dataDir));
  server = await startHeadlessServer({
    core,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    host: '127.0.0.1',
    port: 0,
    token: newAccessToken(),
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await page.goto(server.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await core?.dispose();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('desktop scenarios against the headless host', () => {
  it('with no sessions, the tray offers New session, Pair phone and Quit, and says so in its tooltip', () => {
    const labels = menu().map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['New session…', 'Show window', 'Pair phone…', 'Quit']));
    expect(trayTooltip(core.snapshot())).toMatch(/no sessions|0 sessions/i);
    expect(trayIconState(core.snapshot())).toBe('normal');
  });

  it('a shell session created in the window is listed in the tray menu, and a tray click shows its tab', async () => {
    await createSession(page, { preset: 'Shell', cwd: dataDir, name: 'tray-shell' });
    await waitForTerminal(page, /[#$] *$/m);
    await createSession(page, { preset: 'Shell', cwd: dataDir, name: 'second' });
    const item = menu().find((i) => i.label.startsWith('tray-shell'));
    expect(item?.label).toMatch(/tray-shell · running/);
    expect(item?.action).toEqual({ type: 'focus-session', id: expect.any(String) });
    expect(trayTooltip(core.snapshot())).toMatch(/2 sessions/);

    // What tray.ts does on that click: ask the window to show the session.
    core.broadcast('ui.focusSession', { id: (item!.action as { id: string }).id });
    await expect
      .poll(() => page.getByRole('tab', { name: 'tray-shell', exact: true }).getAttribute('aria-selected'))
      .toBe('true');
  });

  it('"New session…" in the tray opens the dialog in the window', async () => {
    core.broadcast('ui.newSession', {});
    await page.getByRole('dialog').getByRole('button', { name: 'Start', exact: true }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('the tray menu and icon follow state: an exited session shows as exited', async () => {
    await page.getByRole('tab', { name: 'tray-shell', exact: true }).click();
    await typeLine(page, 'exit 4');
    await expect.poll(() => menu().find((i) => i.label.startsWith('tray-shell'))?.label).toMatch(/exited/);
    expect(trayTooltip(core.snapshot())).toMatch(/2 sessions|1 running/);
  });
});
