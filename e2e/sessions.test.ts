/**
 * End to end, on a machine without Electron: the real headless host (`npm run serve`), Debian's
 * Chromium, real bash sessions in real PTYs. What a user does: two shell tabs, typing, switching,
 * resizing the window, reloading the page, closing a tab.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, terminalText, waitForTerminal } from './support/browser.js';
import { createSession, typeLine } from './support/app.js';
import { ROOT, startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;
let work: string;
/** bash's prompt (Debian's /etc/bash.bashrc sets PS1, ending in `$ ` or `# ` for root). */
const PROMPT = /[#$] *$/m;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-work-'));
  await fs.mkdir(path.join(work, 'alpha-project'));
  await fs.mkdir(path.join(work, 'beta-project'));
  // A clean HOME so bash reads no user rc files and the prompt is predictable.
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New session', exact: true }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const code = await host?.stop();
  expect(code).toBe(0);
  await fs.rm(work, { recursive: true, force: true });
});

describe('terminal tabs in the browser (headless host)', () => {
  it('shows an empty state that tells a new user what to do', async () => {
    await page.getByRole('button', { name: 'Start your first session' }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
  });

  it('refuses a folder that does not exist with a clear error, and creates nothing', async () => {
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^Shell/ }).check();
    await dialog.getByLabel('Working directory').fill(path.join(work, 'missing'));
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    // The error shows at the folder field, which is marked invalid and described by it.
    await expect(dialog.getByText(/does not exist/).textContent({ timeout: 10_000 })).resolves.toContain(
      'does not exist',
    );
    expect(await dialog.getByLabel('Working directory').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('tab').count()).toBe(0);
  });

  it('runs two shell sessions in tabs; typing reaches the right one; switching keeps each screen', async () => {
    // The name defaults to the folder's name.
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^Shell/ }).check();
    await dialog.getByLabel('Working directory').fill(path.join(work, 'alpha-project'));
    await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('alpha-project');
    await dialog.getByLabel('Name').fill('alpha');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('tab', { name: 'alpha', exact: true }).waitFor();
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'echo alpha-$((20+22))');
    await waitForTerminal(page, /^alpha-42\s*$/m);

    await createSession(page, { preset: 'Shell', cwd: path.join(work, 'beta-project'), name: 'beta' });
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'pwd; echo beta-$((50+8))');
    await waitForTerminal(page, /^beta-58\s*$/m);
    const beta = await terminalText(page);
    expect(beta).toContain(path.join(work, 'beta-project'));
    expect(beta).not.toContain('alpha-42');

    await page.getByRole('tab', { name: 'alpha', exact: true }).click();
    expect(await page.getByRole('tab', { name: 'alpha', exact: true }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const alpha = await waitForTerminal(page, /^alpha-42\s*$/m);
    expect(alpha).not.toContain('beta-58');

    await fs.mkdir(path.join(ROOT, 'e2e', 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'two-tabs.png') });
  });

  it('resizes the PTY with the window: stty size follows the viewport', async () => {
    await typeLine(page, 'clear; stty size');
    const before = /^(\d+) (\d+)\s*$/m.exec(await waitForTerminal(page, /^\d+ \d+\s*$/m))!;
    await page.setViewportSize({ width: 900, height: 560 });
    await page.waitForTimeout(400);
    await typeLine(page, 'clear; stty size');
    const after = await waitForTerminal(
      page,
      (() => {
        const re = /^(\d+) (\d+)\s*$/m;
        return {
          test: (s: string) => {
            const m = re.exec(s);
            return !!m && m[0] !== before[0];
          },
        } as RegExp;
      })(),
    );
    const m = /^(\d+) (\d+)\s*$/m.exec(after)!;
    expect(Number(m[1])).toBeLessThan(Number(before[1]));
    expect(Number(m[2])).toBeLessThan(Number(before[2]));
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('restores every screen after a page reload, then streams live output again', async () => {
    await typeLine(page, 'echo before-reload-$((1+1))');
    await waitForTerminal(page, /^before-reload-2\s*$/m);
    await page.reload();
    await page.getByRole('tab', { name: 'alpha', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'alpha', exact: true }).click();
    await waitForTerminal(page, /^before-reload-2\s*$/m);
    await typeLine(page, 'echo after-reload-$((2+2))');
    await waitForTerminal(page, /^after-reload-4\s*$/m);
    await page.getByRole('tab', { name: 'beta', exact: true }).click();
    await waitForTerminal(page, /^beta-58\s*$/m);
  });

  it('asks before closing a running session, then ends it and removes the tab', async () => {
    await page.getByTitle('Close beta', { exact: true }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.textContent()).resolves.toContain('still running');
    await confirm.getByRole('button', { name: 'Close session' }).click();
    await page.getByRole('tab', { name: 'beta', exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByRole('tab').count()).toBe(1);
  });

  it('shows "exited (code N)" with Restart when the program ends, and Restart runs it again', async () => {
    await page.getByRole('tab', { name: 'alpha', exact: true }).click();
    await typeLine(page, 'exit 3');
    await page
      .getByRole('tabpanel', { name: 'alpha' })
      .getByText('exited (code 3)')
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Restart' }).click();
    await waitForTerminal(page, /restarted[\s\S]*[#$] *$/m);
    await typeLine(page, 'echo restarted-$((3+3))');
    await waitForTerminal(page, /^restarted-6\s*$/m);
  });

  it('keeps the session list across a restart of the host, with a one-click restart of each', async () => {
    expect(await host.stop()).toBe(0);
    host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' }, dataDir: host.dataDir });
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'alpha', exact: true }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(1);
    const panel = page.getByRole('tabpanel', { name: 'alpha' });
    await panel.getByText('not running since the app restarted').waitFor();
    await panel.getByRole('button', { name: 'Restart' }).click();
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'echo back-$((4+4))');
    await waitForTerminal(page, /^back-8\s*$/m);
  });
});
