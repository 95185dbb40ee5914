/**
 * Accessibility and keyboard use of the window, against the real headless host in Chromium
 * (issue 13, items 5, 7, 8 and 11): axe-core finds no serious or critical violation in the main
 * states (empty, tabs, New session dialog, Phone panel, Settings, a prompt bar; dark and light);
 * the dialog puts its errors at the fields; the keyboard gets in and out of every region; the
 * bot token field keeps what was typed and checks its format in place. Screenshots at 1280×800
 * and 800×600 go to e2e/artifacts/ for a look.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal, typeLine } from './support/app.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;
let work: string;
const PROMPT = /[#$] *$/m;
const shot = (name: string) => page.screenshot({ path: `e2e/artifacts/${name}.png` });
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.className}`
      : '';
  });

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-a11y-'));
  await fs.mkdir(path.join(work, 'tmp'));
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  page = await context.newPage();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Start your first session' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await fs.rm(work, { recursive: true, force: true });
});

describe('empty state and the New session dialog', () => {
  it('the empty state passes axe and advertises a shortcut that works in a browser tab', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-empty-1280');
    await expect(page.locator('.empty-hint kbd').textContent()).resolves.toBe('Ctrl+Shift+`');
    await page.keyboard.press('Control+Shift+Backquote');
    await page.getByRole('dialog', { name: 'New session' }).waitFor();
  });

  it('shows every error at its field (aria-invalid, described by), focuses the first, clears on change', async () => {
    const dialog = page.getByRole('dialog', { name: 'New session' });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('radio', { name: /^Custom command/ }).check();
    await dialog.getByLabel('Working directory').fill('  ');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    const command = dialog.getByLabel('Command', { exact: true });
    const cwd = dialog.getByLabel('Working directory');
    await expect.poll(() => command.getAttribute('aria-invalid')).toBe('true');
    expect(await cwd.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(focused).toBe(`input:${await command.getAttribute('class')}`);
    const describedBy = (await command.getAttribute('aria-describedby'))!.split(' ')[0]!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
      'Type the command to run.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-dialog-errors-1280');
    await command.fill('htop');
    expect(await command.getAttribute('aria-invalid')).toBeNull();
    expect(await cwd.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a host error about the folder shows at the folder field; the default name is made unique', async () => {
    await createSession(page, { preset: 'Shell', cwd: path.join(work, 'tmp') });
    await page.getByRole('tab', { name: 'tmp', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByRole('radio', { name: /^Shell/ }).check();
    await dialog.getByLabel('Working directory').fill(path.join(work, 'missing'));
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => dialog.getByLabel('Working directory').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Working directory').fill(path.join(work, 'tmp'));
    await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('tmp (2)');
    // A name of spaces counts as no name.
    await dialog.getByLabel('Name').fill('   ');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('tab', { name: 'tmp (2)', exact: true }).waitFor();
  });
});

describe('tabs, prompt bar, panels and the keyboard', () => {
  it('tabs and a prompt bar pass axe, in dark and light', async () => {
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'read -p "Ship it? [y/N] " a');
    await page.getByRole('status').filter({ hasText: 'Ship it?' }).waitFor({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-prompt-1280');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(500); // colour transitions end
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-prompt-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 800, height: 600 });
    await shot('a11y-prompt-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    await typeLine(page, 'n');
  });

  it('clicking a tab moves focus to its terminal; F6 and Ctrl-Shift-E cycle the regions', async () => {
    await page.getByRole('tab', { name: 'tmp', exact: true }).click();
    await expect.poll(focused).toMatch(/^textarea:Terminal input/);
    await page.keyboard.press('F6');
    await expect.poll(focused).toBe('button:Phone');
    await page.keyboard.press('F6');
    await expect.poll(focused).toBe('tab:tmp');
    await page.keyboard.press('Control+Shift+E');
    await expect.poll(focused).toMatch(/^textarea:Terminal input/);
    await page.keyboard.press('Shift+F6');
    await expect.poll(focused).toBe('tab:tmp');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab:tmp (2)');
  });

  it('Ctrl-Shift-P opens the Phone panel: axe passes, Tab stays inside, Esc closes and returns focus', async () => {
    await focusTerminal(page);
    await page.keyboard.press('Control+Shift+P');
    const sheet = page.getByRole('dialog', { name: 'Phone' });
    await sheet.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-phone-1280');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.sheet') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(focused).toMatch(/^textarea:Terminal input/);
  });

  it('the bot token field checks the format in place, keeps what was typed, and can show it', async () => {
    await page.getByRole('button', { name: 'Phone', exact: true }).click();
    const sheet = page.getByRole('dialog', { name: 'Phone' });
    const field = sheet.getByLabel('Bot token');
    await field.fill('12345-not-a-token');
    await sheet.getByRole('button', { name: 'Connect' }).click();
    await expect(sheet.getByRole('alert').textContent()).resolves.toMatch(/colon/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe('12345-not-a-token');
    expect(await field.getAttribute('type')).toBe('password');
    await sheet.getByRole('button', { name: 'Show token' }).click();
    expect(await field.getAttribute('type')).toBe('text');
    // A typo is not a phone problem: the Phone button does not say "needs attention".
    expect(await page.getByRole('button', { name: 'Phone', exact: true }).getAttribute('title')).toMatch(
      /not set up/,
    );
    await field.fill('12345:x');
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await shot('a11y-token-800');
    await page.keyboard.press('Escape');
  });

  it('Ctrl-, opens Settings, which passes axe at 1280×800 and 800×600', async () => {
    await focusTerminal(page);
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('a11y-settings-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await shot('a11y-settings-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('Escape');
  });
});
