/**
 * End to end: sessions outlive the app. The real headless host (`npm run serve`), its real PTY
 * host, Debian's Chromium and real bash sessions. A counter loop keeps counting while the app is
 * killed with SIGKILL; the next start shows the same tab running, the counter further on, and
 * typing works. Once the PTY host itself is killed, the tab comes back "stopped by a restart" and
 * Resume starts the shell again in the same folder. And the memory both processes use.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, terminalText, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal, typeLine } from './support/app.js';
import { killPtyHost, ptyHostPid, startHost, type RunningHost } from './support/host.js';
import { processAlive } from '../test/support/process.js';
import { bridgeProtocols } from '../contract/ws-auth.js';

let host: RunningHost;
let browser: Browser;
let page: Page;
let work: string;
let dataDir: string;
const env = () => ({ HOME: work, SHELL: '/bin/bash' });
const PROMPT = /[#$] *$/m;

/** The highest `tick-N` on the visible terminal. */
async function lastTick(): Promise<number> {
  const ticks = [...(await terminalText(page)).matchAll(/tick-(\d+)/g)].map((m) => Number(m[1]));
  return ticks.length ? Math.max(...ticks) : -1;
}

/** Resident memory of a process, in MB (Linux /proc). */
async function rssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** One request over the host's WebSocket bridge (the contract the page uses). */
async function bridgeRequest(name: string, params: unknown): Promise<unknown> {
  const ws = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/bridge`, bridgeProtocols(host.token), {
    origin: host.origin,
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  try {
    return await new Promise((resolve, reject) => {
      ws.on('message', (raw: Buffer) => {
        const frame = JSON.parse(raw.toString()) as {
          t: string;
          id?: number;
          ok?: boolean;
          result?: unknown;
          error?: string;
        };
        if (frame.t !== 'res' || frame.id !== 1) return;
        if (frame.ok) resolve(frame.result);
        else reject(new Error(frame.error));
      });
      ws.send(JSON.stringify({ t: 'req', id: 1, name, params }));
    });
  } finally {
    ws.close();
  }
}

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-ptyhost-'));
  dataDir = path.join(work, 'data');
  host = await startHost({ env: env(), dataDir, stopAgentsOnExit: false });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New session', exact: true }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await killPtyHost(dataDir);
  await fs.rm(work, { recursive: true, force: true });
});

describe('sessions outlive the app', () => {
  it('a counter keeps counting through kill -9 of the app; the next start shows it running and typing works', async () => {
    await createSession(page, { preset: 'Shell', cwd: work, name: 'counter' });
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'for i in $(seq 1 100000); do echo tick-$i; sleep 0.2; done');
    await waitForTerminal(page, /tick-5\b/);
    const ptyPid = (await ptyHostPid(dataDir))!;
    expect(ptyPid).toBeGreaterThan(0);

    const appPid = await host.appPid();
    expect(appPid).not.toBe(ptyPid);
    process.kill(appPid, 'SIGKILL');
    await new Promise<void>((resolve) => {
      if (host.proc.exitCode !== null || host.proc.signalCode !== null) resolve();
      else host.proc.once('exit', () => resolve());
    });
    const before = await lastTick();
    await new Promise((r) => setTimeout(r, 2000));
    expect(processAlive(ptyPid)).toBe(true);

    host = await startHost({ env: env(), dataDir, stopAgentsOnExit: false });
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'counter', exact: true }).waitFor();
    const panel = page.getByRole('tabpanel', { name: 'counter' });
    // The loop ran on while no app existed: the restored screen is already well past `before`
    // (2 s of ticks every 0.2 s at least), and it keeps counting.
    await expect.poll(lastTick, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 8);
    const seen = await lastTick();
    await expect.poll(lastTick, { timeout: 15_000 }).toBeGreaterThan(seen);
    expect(await panel.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    expect(await ptyHostPid(dataDir)).toBe(ptyPid);

    // Ctrl-C from the page stops the loop (pressed again if the first press came before focus).
    for (let attempt = 0; ; attempt++) {
      await focusTerminal(page);
      await page.keyboard.press('Control+C');
      const stopped = await waitForTerminal(page, PROMPT, 5000).then(
        () => true,
        () => false,
      );
      if (stopped) break;
      if (attempt === 2) throw new Error(`Ctrl-C never stopped the loop; last tick ${await lastTick()}`);
    }
    await typeLine(page, 'echo typed-$((6*7))');
    await waitForTerminal(page, /^typed-42\s*$/m);
  });

  it('with 10 idle sessions the PTY host and the app each stay under 120 MB', async () => {
    for (let i = 0; i < 9; i++) {
      await bridgeRequest('session.create', {
        spec: { name: `idle-${i}`, agent: 'shell', command: '', cwd: work },
        cols: 120,
        rows: 32,
      });
    }
    await page.getByRole('tab', { name: 'idle-8', exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    const ptyMb = await rssMb((await ptyHostPid(dataDir))!);
    const appMb = await rssMb(await host.appPid());
    console.log(
      JSON.stringify({ sessions: 10, ptyHostRssMb: Math.round(ptyMb), appRssMb: Math.round(appMb) }),
    );
    expect(ptyMb).toBeLessThan(120);
    expect(appMb).toBeLessThan(120);
    for (let i = 0; i < 9; i++) {
      const tab = page.getByRole('tab', { name: `idle-${i}`, exact: true });
      const id = (await tab.getAttribute('id'))!;
      expect(id).toBeTruthy();
    }
  });

  it('after the PTY host itself is killed, the tab says "stopped by a restart" and Resume starts it again', async () => {
    expect(await host.stop()).toBe(0);
    await killPtyHost(dataDir);
    host = await startHost({ env: env(), dataDir, stopAgentsOnExit: true });
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'counter', exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: 'counter' });
    await panel.getByText('stopped by a restart').waitFor();
    await panel.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitForTerminal(page, PROMPT);
    await typeLine(page, 'echo resumed-$((5+5))');
    await waitForTerminal(page, /^resumed-10\s*$/m);
    // The other sessions were stopped too; "Resume all" brings every one back.
    await panel.getByText('stopped by a restart').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'idle-0', exact: true }).click();
    const idle = page.getByRole('tabpanel', { name: 'idle-0' });
    await idle.getByRole('button', { name: /^Resume all/ }).click();
    await idle.getByText('stopped by a restart').waitFor({ state: 'detached' });
    const notRunning = async () =>
      ((await bridgeRequest('sessions.list', {})) as Array<{ name: string; state: string }>)
        .filter((s) => s.state !== 'running' && s.state !== 'needs-attention')
        .map((s) => s.name);
    await expect.poll(notRunning, { timeout: 20_000 }).toEqual([]);
  });
});
