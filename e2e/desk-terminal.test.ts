/**
 * The terminal as a daily tool, against the real headless host in Chromium (issue 13, items 2,
 * 3 and 9): copy and paste by the platform's keys (Linux here), the right-click menu, asking
 * before a multi-line paste into a shell, links that open only on Ctrl-click, and terminal
 * settings (font size by Ctrl-+/-/0, theme, cursor, scrollback, screen-reader mode, bell)
 * applied live to the open terminal.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, terminalText, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal, typeLine } from './support/app.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let work: string;
const PROMPT = /[#$] *$/m;

const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const panel = () => page.locator('[role="tabpanel"]:visible');

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-term-'));
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  page = await context.newPage();
  await page.goto(host.url);
  await createSession(page, { preset: 'Shell', cwd: work, name: 'term' });
  await waitForTerminal(page, PROMPT);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await fs.rm(work, { recursive: true, force: true });
});

describe('clipboard (Linux keys)', () => {
  it('Ctrl-C copies while there is a selection and does not send ^C; without one it interrupts', async () => {
    await typeLine(page, 'echo copy-$((40+2))');
    await waitForTerminal(page, /^copy-42\s*$/m);
    await panel().locator('.xterm').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Select all' }).click();
    await focusTerminal(page);
    await panel()
      .locator('.xterm')
      .evaluate(() => undefined);
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+A').catch(() => undefined);
    // Select all again (the click above cleared it) through the menu, then copy with Ctrl-C.
    await panel().locator('.xterm').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Select all' }).click();
    await setClipboard('');
    await page.keyboard.press('Control+C');
    await expect.poll(clipboard).toContain('copy-42');
    expect(await terminalText(page)).not.toContain('^C');

    await typeLine(page, 'sleep 30');
    await page.waitForTimeout(200);
    await page.keyboard.press('Control+C');
    await waitForTerminal(page, /\^C\s*\n.*[#$] *$/m);
  });

  it('Ctrl-Shift-C copies and Ctrl-V / Ctrl-Shift-V paste into the prompt', async () => {
    await panel().locator('.xterm').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Select all' }).click();
    await setClipboard('');
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(clipboard).toContain('sleep 30');

    await typeLine(page, 'clear');
    await setClipboard('echo pasted-$((6*7))');
    await focusTerminal(page);
    await page.keyboard.press('Control+V');
    await waitForTerminal(page, /echo pasted-\$\(\(6\*7\)\) *$/m);
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^pasted-42\s*$/m);
    await setClipboard('echo shift-paste');
    await page.keyboard.press('Control+Shift+V');
    await waitForTerminal(page, /echo shift-paste *$/m);
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^shift-paste\s*$/m);
  });

  it('asks before a multi-line paste into a shell; Cancel pastes nothing, Paste runs each line', async () => {
    await setClipboard('echo line-one\necho line-two\n');
    await focusTerminal(page);
    await page.keyboard.press('Control+V');
    const dialog = page.getByRole('dialog', { name: 'Paste 2 lines into term?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForTimeout(300);
    expect(await terminalText(page)).not.toContain('line-one');
    await focusTerminal(page);
    await page.keyboard.press('Control+V');
    await dialog.getByRole('button', { name: 'Paste' }).click();
    // bash takes a bracketed paste as one edit: it runs on Enter.
    await waitForTerminal(page, /^echo line-two *$/m);
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^line-two\s*$/m);
  });

  it('the right-click menu offers Copy, Paste, Select all, Clear and Find', async () => {
    await panel().locator('.xterm').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Terminal' });
    const labels = await menu
      .getByRole('menuitem')
      .evaluateAll((els) => els.map((e) => e.querySelector('.menu-label')?.textContent));
    expect(labels).toEqual(['Copy', 'Paste', 'Select all', 'Clear', 'Find…']);
    await menu.getByRole('menuitem', { name: /^Find/ }).click();
    await panel()
      .getByRole('searchbox')
      .or(panel().getByRole('textbox', { name: /find/i }))
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
  });
});

describe('links', () => {
  it('a plain click does not open a link; Ctrl-click opens it in a new window', async () => {
    await context.route('https://example.com/**', (route) => route.fulfill({ body: 'ok' }));
    await focusTerminal(page);
    await typeLine(page, 'clear; echo https://example.com/agent-pager');
    await waitForTerminal(page, /^https:\/\/example\.com\/agent-pager\s*$/m);
    const row = panel()
      .locator('.xterm-rows > div', { hasText: /^https:\/\/example/ })
      .first();
    let opened = 0;
    context.on('page', () => opened++);
    const box = (await row.boundingBox())!;
    const x = box.x + 40;
    const y = box.y + box.height / 2;
    await page.mouse.move(x - 10, y);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForTimeout(500);
    expect(opened).toBe(0);
    const popup = context.waitForEvent('page', { timeout: 10_000 });
    await page.keyboard.down('Control');
    await page.mouse.move(x + 5, y);
    await page.mouse.down();
    await page.mouse.up();
    await page.keyboard.up('Control');
    expect((await popup).url()).toBe('https://example.com/agent-pager');
    (await popup).close();
  });
});

describe('terminal settings apply live', () => {
  const fontSize = () =>
    panel()
      .locator('.xterm-rows')
      .evaluate((el) => getComputedStyle(el).fontSize);

  it('Ctrl-= and Ctrl-- change the font size, Ctrl-0 resets it, and Settings shows the value', async () => {
    await focusTerminal(page);
    expect(await fontSize()).toBe('13px');
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    await expect.poll(fontSize).toBe('15px');
    await page.keyboard.press('Control+-');
    await expect.poll(fontSize).toBe('14px');
    await page.keyboard.press('Control+,');
    await expect.poll(() => page.getByLabel('Font size').inputValue()).toBe('14');
    await page.keyboard.press('Escape');
    await focusTerminal(page);
    await page.keyboard.press('Control+0');
    await expect.poll(fontSize).toBe('13px');
  });

  it('theme, cursor, scrollback, screen-reader mode and the visual bell follow the settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const sheet = page.getByRole('dialog', { name: 'Settings' });
    await sheet.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    const bg = () =>
      panel()
        .locator('.xterm-viewport')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(bg).toBe('rgb(14, 17, 22)');
    await page.screenshot({ path: 'e2e/artifacts/settings-dark-1280.png' });
    await sheet.getByLabel('Theme').selectOption('light');
    await expect.poll(bg).toBe('rgb(255, 255, 255)');

    await sheet.getByLabel('Cursor').selectOption('block');
    await sheet.getByLabel('Scrollback').fill('100');
    await sheet.getByLabel('Scrollback').press('Enter');
    await sheet.getByRole('checkbox', { name: 'Screen reader mode' }).click();
    await panel().locator('.xterm-accessibility').waitFor({ state: 'attached' });
    await page.screenshot({ path: 'e2e/artifacts/settings-light-1280.png' });
    await page.keyboard.press('Escape');

    await typeLine(page, 'clear; seq 1 400');
    await waitForTerminal(page, /^400\s*$/m);
    // 100 rows of scrollback above the screen, not the default 10 000.
    const buffer = await panel()
      .locator('.xterm-viewport')
      .evaluate((el) => Math.round(el.scrollHeight / (el.clientHeight || 1)));
    expect(buffer).toBeLessThanOrEqual(5);
    await expect.poll(() => panel().locator('.xterm-cursor-block').count()).toBeGreaterThan(0);

    await panel()
      .locator('.terminal-host')
      .evaluate((el) => {
        (window as unknown as { bells: number }).bells = 0;
        new MutationObserver(() => {
          if (el.classList.contains('bell-flash')) (window as unknown as { bells: number }).bells++;
        }).observe(el, { attributes: true });
      });
    await typeLine(page, "printf '\\a'");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { bells: number }).bells))
      .toBeGreaterThan(0);
  });

  it('copy on select puts a double-clicked word on the clipboard at once', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const sheet = page.getByRole('dialog', { name: 'Settings' });
    await sheet.getByRole('checkbox', { name: 'Copy on select' }).click();
    await expect.poll(() => sheet.getByRole('checkbox', { name: 'Copy on select' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await typeLine(page, 'clear; echo selectme-word');
    await waitForTerminal(page, /^selectme-word\s*$/m);
    await setClipboard('');
    const row = panel()
      .locator('.xterm-rows > div', { hasText: /^selectme-word/ })
      .first();
    const box = (await row.boundingBox())!;
    await page.mouse.dblclick(box.x + 20, box.y + box.height / 2);
    await expect.poll(clipboard).toBe('selectme-word');
  });
});
