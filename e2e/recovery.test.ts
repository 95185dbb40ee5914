/**
 * End to end: the real headless host started on a corrupt settings file starts anyway, and the
 * page in Chromium says what happened, once, until dismissed (issue 8, item 6).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-corrupt-'));
  await fs.writeFile(path.join(dataDir, 'settings.json'), '\u0000garbage{', { mode: 0o644 });
  host = await startHost({ dataDir });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  expect(await host?.stop()).toBe(0);
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('a corrupt settings file', () => {
  it('is moved aside and the window says so until dismissed', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const banner = page.getByRole('status').filter({ hasText: 'settings.json could not be read' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/kept as settings\.json\.corrupt-/);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Start your first session' }).waitFor();
    const files = await fs.readdir(dataDir);
    expect(files.some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect((await fs.stat(path.join(dataDir, 'settings.json'))).mode & 0o777).toBe(0o600);
  }, 60_000);
});
