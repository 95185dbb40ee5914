/**
 * Terminal behaviour a user feels, end to end in Chromium against `npm run serve`:
 * - a `yes` flood keeps the page responsive and Ctrl-C brings the prompt back at once (flow
 *   control: the page acknowledges what xterm has written, the host pauses the PTY past the
 *   high watermark);
 * - with WebGL available, only the visible tab holds a WebGL renderer; hidden tabs fall back to
 *   the DOM renderer, and switching tabs moves the WebGL context.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal, typeLine } from './support/app.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let work: string;
const browsers: Browser[] = [];

async function openPage(webgl: boolean): Promise<Page> {
  const browser = await launchBrowser({ webgl });
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New session', exact: true }).waitFor();
  return page;
}

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-fidelity-'));
  host = await startHost({ env: { HOME: work, SHELL: '/bin/bash' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  const code = await host?.stop();
  await fs.rm(work, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('terminal fidelity in the browser', () => {
  it('stays responsive under a `yes` flood, and Ctrl-C brings the prompt back at once', async () => {
    const page = await openPage(false);
    await createSession(page, { preset: 'Shell', cwd: work, name: 'flood' });
    await waitForTerminal(page, /[#$] *$/m);
    await typeLine(page, 'yes');
    await page.waitForTimeout(2000);
    // The page still answers while the flood runs.
    const t0 = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - t0).toBeLessThan(1000);
    await focusTerminal(page);
    const tC = Date.now();
    await page.keyboard.press('Control+C');
    await typeLine(page, 'echo flood-$((6*7))');
    await waitForTerminal(page, /^flood-42\s*$/m, 10_000);
    const recoverMs = Date.now() - tC;
    process.stdout.write(`[measure] Ctrl-C to prompt under a yes flood in the browser: ${recoverMs} ms\n`);
    expect(recoverMs).toBeLessThan(3000);
  });

  it('gives the WebGL renderer to the visible tab only', async () => {
    const page = await openPage(true);
    const hasWebgl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    if (!hasWebgl) {
      process.stdout.write('[skip] WebGL renderer check: this Chromium has no WebGL2\n');
      return;
    }
    await createSession(page, { preset: 'Shell', cwd: work, name: 'one' });
    await createSession(page, { preset: 'Shell', cwd: work, name: 'two' });
    const domRows = (name: string) =>
      page.getByRole('tabpanel', { name, includeHidden: true }).locator('.xterm-rows').count();
    // "two" is visible: WebGL (canvas, no DOM rows); "one" is hidden: DOM renderer.
    await expect.poll(() => domRows('two')).toBe(0);
    await expect.poll(() => domRows('one')).toBe(1);
    await page.getByRole('tab', { name: 'one', exact: true }).click();
    await expect.poll(() => domRows('one')).toBe(0);
    await expect.poll(() => domRows('two')).toBe(1);
  });
});
