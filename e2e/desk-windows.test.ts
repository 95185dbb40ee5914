/**
 * One session open in two windows of different sizes (issue 13, item 6), against the real
 * headless host in Chromium: the PTY follows the window the user works in, and the other window
 * shows the program at the PTY's size with the unused area marked and a notice in words,
 * instead of a silently clipped program. "Fit to this window" takes the size back.
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
let big: Page;
let small: Page;
let work: string;
const PROMPT = /[#$] *$/m;

/** Runs `stty size` in `page` and returns [rows, cols]. */
async function sttySize(page: Page, marker: string): Promise<[number, number]> {
  await typeLine(page, `clear; echo ${marker}=$(stty size | tr ' ' x)`);
  const text = await waitForTerminal(page, new RegExp(`^${marker}=\\d+x\\d+\\s*$`, 'm'));
  const m = new RegExp(`^${marker}=(\\d+)x(\\d+)`, 'm').exec(text)!;
  return [Number(m[1]), Number(m[2])];
}

const notice = (page: Page) => page.getByRole('status').filter({ hasText: 'Sized for another window' });

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-win-'));
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
  browser = await launchBrowser();
  big = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  small = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
  await big.goto(host.url);
  await createSession(big, { preset: 'Shell', cwd: work, name: 'shared' });
  await waitForTerminal(big, PROMPT);
  await small.goto(host.url);
  await small.getByRole('tab', { name: 'shared', exact: true }).waitFor();
  await waitForTerminal(small, PROMPT);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await fs.rm(work, { recursive: true, force: true });
});

describe('two windows of different sizes', () => {
  it('the PTY follows the window typed into; the other marks the unused area and says why', async () => {
    const [bigRows, bigCols] = await sttySize(big, 'a');
    const [rows, cols] = await sttySize(small, 'b');
    expect(cols).toBeLessThan(bigCols);
    expect(rows).toBeLessThan(bigRows);
    // The big window now shows the program at the small size, hatched around it, with words.
    await notice(big).waitFor();
    await expect(notice(big).textContent()).resolves.toContain(`${cols}×${rows}`);
    expect(await big.locator('.terminal-frame.size-foreign').count()).toBe(1);
    const screenWidth = await big
      .locator('[role="tabpanel"]:visible .xterm-screen')
      .evaluate((el) => el.getBoundingClientRect().width);
    const frameWidth = await big
      .locator('[role="tabpanel"]:visible .terminal-host')
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(screenWidth).toBeLessThan(frameWidth * 0.8);
    await big.screenshot({ path: 'e2e/artifacts/two-windows-big-1280.png' });
    expect(await notice(small).count()).toBe(0);
  });

  it('"Fit to this window" gives the PTY back to the big window; the small one then says it is cut off', async () => {
    await notice(big).getByRole('button', { name: 'Fit to this window' }).click();
    await notice(big).waitFor({ state: 'detached' });
    const [, cols] = await sttySize(big, 'c');
    expect(cols).toBeGreaterThan(120);
    await notice(small).waitFor();
    await expect(notice(small).textContent()).resolves.toMatch(/cut off/);
    await small.screenshot({ path: 'e2e/artifacts/two-windows-small-800.png' });
  });
});
