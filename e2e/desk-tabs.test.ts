/**
 * Tabs a user can manage, against the real headless host in Chromium at 800×600 (issue 13,
 * items 1, 4 and 10): eleven tabs overflow the strip — the selected one stays in view, arrows
 * and the "All tabs" menu appear, names stay readable, Ctrl-9 picks the last; rename by
 * double-click, drag to reorder (kept by the host), the selected tab comes back after a reload
 * and a host restart, "Restart all exited", close-when-exited, and badges that tell a question
 * from an idle shell.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, typeLine } from './support/app.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;
let work: string;
const PROMPT = /[#$] *$/m;
const names = Array.from({ length: 11 }, (_, i) => `tab-${String(i + 1).padStart(2, '0')}`);

const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const selectedName = () => page.locator('[role="tab"][aria-selected="true"]').getAttribute('aria-label');
const tabOrder = () =>
  page.locator('[role="tab"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

/** True when the tab's box lies inside the visible part of the strip. */
async function inView(name: string): Promise<boolean> {
  return tab(name).evaluate((el) => {
    const list = el.closest('[role="tablist"]')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.left >= list.left - 1 && r.right <= list.right + 1;
  });
}

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-tabs-'));
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New session', exact: true }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await fs.rm(work, { recursive: true, force: true });
});

describe('tabs at 800×600 (headless host)', () => {
  it('with 11 tabs the new one is in view, arrows and the tab list show more, names are readable', async () => {
    for (const name of names) await createSession(page, { preset: 'Shell', cwd: work, name });
    await waitForTerminal(page, PROMPT);
    expect(await selectedName()).toBe('tab-11');
    expect(await inView('tab-11')).toBe(true);
    await page.getByRole('button', { name: 'Scroll tabs left' }).waitFor();
    // Names shrink to a readable minimum, then the strip scrolls: no name is cut.
    const cut = await page
      .locator('.tab-name')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(cut).toBe(0);
    // The tooltip has the full name and the folder.
    expect(await tab('tab-11').getAttribute('title')).toContain(work);

    await page.getByRole('button', { name: 'All tabs' }).click();
    const menu = page.getByRole('menu', { name: 'All tabs' });
    expect(await menu.getByRole('menuitemradio').count()).toBe(11);
    await menu.getByRole('menuitemradio', { name: /^tab-01/ }).click();
    expect(await selectedName()).toBe('tab-01');
    await expect.poll(() => inView('tab-01')).toBe(true);
    await page.getByRole('button', { name: 'Scroll tabs right' }).waitFor();
    await page.screenshot({ path: 'e2e/artifacts/tabs-overflow-800.png' });
  });

  it('Ctrl-9 selects the last tab, Ctrl-1 the first, and the selection is scrolled into view', async () => {
    await page.keyboard.press('Control+9');
    await expect.poll(selectedName).toBe('tab-11');
    await expect.poll(() => inView('tab-11')).toBe(true);
    await page.keyboard.press('Control+1');
    await expect.poll(selectedName).toBe('tab-01');
  });

  it('renames a tab by double-click; Esc cancels a rename', async () => {
    await tab('tab-02').dblclick();
    const input = page.getByRole('textbox', { name: 'Tab name' });
    await input.fill('api server');
    await input.press('Enter');
    await tab('api server').waitFor();
    await tab('tab-03').dblclick();
    await page.getByRole('textbox', { name: 'Tab name' }).fill('nope');
    await page.keyboard.press('Escape');
    await tab('tab-03').waitFor();
  });

  it('reorders by drag and by Ctrl-Shift-PageDown; the order and the selected tab survive a reload', async () => {
    await tab('api server').dragTo(tab('tab-01'), { targetPosition: { x: 5, y: 10 } });
    await expect.poll(async () => (await tabOrder()).slice(0, 3)).toEqual(['api server', 'tab-01', 'tab-03']);
    await tab('tab-01').click();
    await page.keyboard.press('Control+Shift+PageDown');
    await expect.poll(async () => (await tabOrder()).slice(0, 3)).toEqual(['api server', 'tab-03', 'tab-01']);
    await tab('tab-05').click();
    await page.reload();
    await tab('tab-05').waitFor();
    expect((await tabOrder()).slice(0, 3)).toEqual(['api server', 'tab-03', 'tab-01']);
    await expect.poll(selectedName).toBe('tab-05');
  });

  it('badges tell a question (needs you) from an idle shell, with words as well as shapes', async () => {
    await tab('tab-04').click();
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'read -p "Deploy now? [y/N] " a');
    const badge = (name: string) => tab(name).locator('[data-badge]').getAttribute('data-badge');
    await expect.poll(() => badge('tab-04'), { timeout: 15_000 }).toBe('needs-you');
    expect(
      await page.locator('#' + (await tab('tab-04').getAttribute('aria-describedby'))).textContent(),
    ).toMatch(/needs you/);
    // An idle shell at its prompt is "idle", not amber "needs you".
    await tab('tab-05').click();
    await typeLine(page, 'true');
    await expect.poll(() => badge('tab-05'), { timeout: 15_000 }).toBe('idle');
    await expect.poll(() => page.title()).toBe('(1) Agent Pager');
    await page.screenshot({ path: 'e2e/artifacts/tabs-badges-800.png' });
    await tab('tab-04').click();
    await typeLine(page, 'n');
  });

  it('"Restart all exited" restarts every exited tab; the selected tab comes back after a host restart', async () => {
    for (const name of ['tab-06', 'tab-07']) {
      await tab(name).click();
      await waitForTerminal(page, PROMPT);
      await typeLine(page, 'exit 5');
      await page.getByRole('tabpanel', { name }).getByText('exited (code 5)').waitFor({ timeout: 10_000 });
    }
    await page.getByRole('button', { name: 'All tabs' }).click();
    await page.getByRole('menuitem', { name: 'Restart all exited (2)' }).click();
    for (const name of ['tab-06', 'tab-07']) {
      await expect
        .poll(() => tab(name).locator('[data-badge]').getAttribute('data-badge'))
        .not.toBe('failed');
    }

    await tab('tab-08').click();
    expect(await host.stop()).toBe(0);
    // Same port, so the page keeps its origin (and its localStorage), as the desktop app does.
    const port = Number(new URL(host.origin).port);
    host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' }, dataDir: host.dataDir, port });
    await page.goto(host.url);
    await tab('tab-08').waitFor();
    await expect.poll(selectedName).toBe('tab-08');
    expect((await tabOrder()).slice(0, 3)).toEqual(['api server', 'tab-03', 'tab-01']);
  });

  it('closes a tab by itself after a clean exit when the setting says so, and keeps a failed one', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Close the tab when its program exits').selectOption('clean');
    await page.keyboard.press('Escape');
    for (const name of ['tab-09', 'tab-10']) {
      await tab(name).click();
      await page.getByRole('tabpanel', { name }).getByRole('button', { name: 'Restart' }).click();
      await waitForTerminal(page, PROMPT);
    }
    await typeLine(page, 'exit 0');
    await tab('tab-10').waitFor({ state: 'detached', timeout: 10_000 });
    await tab('tab-09').click();
    await typeLine(page, 'exit 2');
    await page
      .getByRole('tabpanel', { name: 'tab-09' })
      .getByText('exited (code 2)')
      .waitFor({ timeout: 10_000 });
    expect(await tab('tab-09').count()).toBe(1);
  });
});
