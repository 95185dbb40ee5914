/**
 * The Electron app end to end, driven by Playwright's `_electron`: launch the built app
 * (dist/electron/main.js, through the project folder's package.json) with a throw-away user-data
 * folder, see the window with its "New session" button, create a shell session through the
 * preload bridge, see its tab, and read the tray menu model (exposed by main only when
 * AGENT_PAGER_E2E=1) to check the session is listed there too.
 *
 * Skipped, with one line saying why, where no Electron binary is installed (this repository's
 * install does not download it: `allowScripts.electron` is false) or where Linux has no display.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../contract/bridge.js';
import type { TrayMenuItem } from '../main/core/desktop/tray-model.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable from node_modules/electron, or the reason there is none. */
function electronBinary(): { path: string } | { missing: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt))
    return { missing: 'no Electron binary on this machine (node_modules/electron/dist missing)' };
  const exe = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(exe)) return { missing: `no Electron binary on this machine (${exe} missing)` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'no display (set DISPLAY, e.g. run under xvfb-run)' };
  }
  return { path: exe };
}

const binary = electronBinary();
const skipReason = 'missing' in binary ? binary.missing : null;
if (skipReason) process.stdout.write(`[skip] Electron e2e: ${skipReason}\n`);

describe.skipIf(skipReason !== null)('Electron app', () => {
  let app: ElectronApplication | null = null;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'electron', 'main.js'))) {
      throw new Error('dist/electron/main.js is missing: run `npm run build` first');
    }
    userData = mkdtempSync(join(tmpdir(), 'ap-electron-e2e-'));
    app = await _electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [root, `--user-data-dir=${userData}`],
      cwd: root,
      env: {
        ...process.env,
        AGENT_PAGER_E2E: '1',
        AGENT_PAGER_USER_DATA: userData,
        ELECTRON_ENABLE_LOGGING: '1',
      },
      timeout: 30_000,
    });
    page = await app.firstWindow({ timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    if (app) await app.close().catch(() => undefined);
    if (userData) rmSync(userData, { recursive: true, force: true });
  }, 30_000);

  it('shows the window, runs a shell session in a tab, and lists it in the tray menu', async () => {
    await expect
      .poll(() => page.getByRole('button', { name: 'New session' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await page.evaluate(() => location.href)).toBe('app://agent-pager/index.html');
    // The page has the contract API and nothing of Node or Electron.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => Object.keys(window.agentPager ?? {}).sort())).toEqual(['on', 'request']);

    const created = (await page.evaluate(
      (cwd) =>
        window.agentPager!.request('session.create', {
          spec: { name: 'e2e-shell', agent: 'shell', command: '', cwd },
          cols: 80,
          rows: 24,
        }),
      userData,
    )) as SessionInfo;
    expect(created.name).toBe('e2e-shell');
    await expect
      .poll(() => page.getByRole('tab', { name: /e2e-shell/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);

    const menu = (await app!.evaluate(() =>
      (globalThis as unknown as { __agentPagerE2E: { trayMenu(): unknown } }).__agentPagerE2E.trayMenu(),
    )) as TrayMenuItem[];
    const row = menu.find((item) => item.action?.type === 'focus-session');
    expect(row?.label).toMatch(/^e2e-shell · (starting|running|needs you)$/);
    expect(row?.action).toEqual({ type: 'focus-session', id: created.id });
    expect(menu.at(-1)?.label).toBe('Quit');

    await page.evaluate((id) => window.agentPager!.request('session.kill', { id }), created.id);
  }, 60_000);
});
