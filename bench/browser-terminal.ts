/**
 * The terminal in the page, against bare xterm.js in the same Chromium (Debian's, via
 * playwright-core), with the real headless host and a real shell in a real PTY:
 * - keystroke echo: keydown → the echoed char in the DOM rows (DOM renderer), ours through the
 *   bridge and bash's echo, the baseline xterm.js with local echo;
 * - throughput: `seq 1 N` through PTY → host → WebSocket → xterm, until the page acknowledged
 *   every char (counted in the page on its own bridge socket; DevTools' WebSocket events would
 *   copy every frame out of the browser and slow it), against the same text written straight into
 *   bare xterm.js; for the DOM and the WebGL renderer;
 * - Ctrl-C under a `yes` flood: keydown → the shell prompt back in the page.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { createSession, focusTerminal, typeLine } from '../e2e/support/app.js';
import { startHost, type RunningHost } from '../e2e/support/host.js';
import { bareThroughput, openBareXterm } from './support/bare-xterm.js';
import { chromiumCpuSeconds } from './support/browser-cpu.js';
import { installProbe, timeKey } from './support/page-probe.js';
import { cpuTicks, hostNodePids, TICKS_PER_SECOND } from './scale.js';
import { summary, type Figure } from './support/stats.js';

const PROMPT = 'bench$ ';
const KEYS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** What the page's own bridge socket carried, counted in the page (no DevTools traffic). */
interface FrameCounts {
  data: number;
  acked: number;
  marker: boolean;
  /** `performance.now()` when the page had acknowledged every char after the marker. */
  doneAt: number;
  t0: number;
}

/**
 * Counts, in the page, the chars of `session.data` events received and of `session.ack`
 * requests sent on the bridge socket (wraps `WebSocket.prototype.send` before the app loads).
 */
async function countFrames(page: Page, marker: string): Promise<void> {
  await page.addInitScript((m) => {
    const c = { data: 0, acked: 0, marker: false, doneAt: 0, t0: 0 };
    (window as unknown as { __frames: FrameCounts }).__frames = c;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, payload) {
      const ws = this as WebSocket & { __counted?: boolean };
      if (!ws.__counted) {
        ws.__counted = true;
        ws.addEventListener('message', (e: MessageEvent) => {
          if (typeof e.data !== 'string' || !e.data.includes('"session.data"')) return;
          const frame = JSON.parse(e.data) as { payload: { data: string } };
          c.data += frame.payload.data.length;
          if (frame.payload.data.includes(m)) c.marker = true;
        });
      }
      if (typeof payload === 'string' && payload.includes('"session.ack"')) {
        c.acked += (JSON.parse(payload) as { params: { chars: number } }).params.chars;
        if (c.marker && c.acked >= c.data && !c.doneAt) c.doneAt = performance.now();
      }
      return send.call(this, payload);
    };
  }, marker);
}

async function openApp(browser: Browser, host: RunningHost, cwd: string, name: string) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await countFrames(page, 'TP-42');
  await page.goto(host.url);
  await createSession(page, { preset: 'Shell', cwd, name });
  await page.locator('[role="tabpanel"]:visible .xterm').waitFor();
  await typeLine(page, `PS1='${PROMPT}'; clear`);
  await page.waitForTimeout(500);
  await focusTerminal(page);
  await installProbe(page);
  const box = (await page.locator('[role="tabpanel"]:visible .xterm').boundingBox())!;
  return { page, size: { width: Math.floor(box.width), height: Math.floor(box.height) } };
}

async function echoSamples(page: Page, prefix: string, n: number): Promise<number[]> {
  const out: number[] = [];
  let typed = '';
  for (let i = 0; i < n; i++) {
    const key = KEYS[i % KEYS.length]!;
    typed += key;
    out.push(await timeKey(page, key, `${prefix}${typed}`));
    await page.waitForTimeout(30 + (i % 7) * 7);
  }
  return out;
}

/** chars/s through the page, and the CPU seconds the host and the browser spent meanwhile. */
async function ourThroughput(
  page: Page,
  lines: number,
  host: RunningHost,
): Promise<{ rate: number; chars: number; hostCpuS: number; browserCpuS: number; seconds: number }> {
  await focusTerminal(page);
  await page.keyboard.type(`seq 1 ${lines}; echo TP-$((40+2))`, { delay: 2 });
  await page.waitForTimeout(300);
  const pids = await hostNodePids(host);
  const ticks0 = await cpuTicks(pids);
  const browser0 = await chromiumCpuSeconds();
  await page.evaluate(() => {
    const c = (window as unknown as { __frames: FrameCounts }).__frames;
    Object.assign(c, { data: 0, acked: 0, marker: false, doneAt: 0, t0: 0 });
    document.addEventListener('keydown', () => (c.t0 = c.t0 || performance.now()), {
      capture: true,
      once: true,
    });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => (window as unknown as { __frames: FrameCounts }).__frames.doneAt > 0,
    null,
    {
      timeout: 300_000,
      polling: 100,
    },
  );
  const c = await page.evaluate(() => (window as unknown as { __frames: FrameCounts }).__frames);
  const seconds = (c.doneAt - c.t0) / 1000;
  const hostCpuS = ((await cpuTicks(pids)) - ticks0) / TICKS_PER_SECOND;
  const browserCpuS = (await chromiumCpuSeconds()) - browser0;
  await typeLine(page, 'clear');
  return { rate: c.data / seconds, chars: c.data, hostCpuS, browserCpuS, seconds };
}

/**
 * Runs every browser benchmark: `samples` keystrokes (0: no echo figure), `ctrlCRuns` Ctrl-C
 * runs (0: none), `lines` of `seq` output for throughput.
 */
export async function browserTerminal(samples: number, lines: number, ctrlCRuns: number): Promise<Figure[]> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-bench-page-'));
  const host = await startHost({ env: { HOME: home, SHELL: '/bin/bash' } });
  const browsers: Browser[] = [];
  const figures: Figure[] = [];
  try {
    for (const webgl of [false, true]) {
      const browser = await launchBrowser({ webgl });
      browsers.push(browser);
      const renderer = webgl ? 'WebGL' : 'DOM';
      const app = await openApp(browser, host, home, `bench-${renderer}`);
      if (webgl && (await app.page.locator('[role="tabpanel"]:visible .xterm-rows').count()) > 0) {
        throw new Error('WebGL run: the page fell back to the DOM renderer');
      }
      const bare = await openBareXterm(browser, app.size, webgl);
      if (!webgl && samples > 0) {
        const ours = summary(await echoSamples(app.page, PROMPT, samples));
        await installProbe(bare);
        await bare.locator('.xterm').click();
        const base = summary(await echoSamples(bare, 'bare$ ', samples));
        figures.push({
          name: 'Keystroke → echo painted in the page, p50 (DOM renderer)',
          unit: 'ms',
          stat: 'p50 − bare p50',
          value: Math.round((ours.p50 - base.p50) * 10) / 10,
          distribution: ours,
          baseline: { name: 'bare xterm.js local echo, p50', value: base.p50 },
          target: { op: '<=', value: 5 },
        });
        await app.page.keyboard.press('Control+U');
      }
      if (!webgl && ctrlCRuns > 0) {
        const ctrlC: number[] = [];
        for (let i = 0; i < ctrlCRuns; i++) {
          await typeLine(app.page, 'yes');
          await app.page.waitForTimeout(1000);
          ctrlC.push(await timeKey(app.page, 'Control+C', `re:^${PROMPT.replace('$', '\\$')}\\s*$`));
          await typeLine(app.page, 'clear');
          await app.page.waitForTimeout(300);
        }
        const c = summary(ctrlC);
        figures.push({
          name: 'Ctrl-C under a `yes` flood → prompt back in the page, p95 (DOM renderer)',
          unit: 'ms',
          stat: 'p95',
          value: c.p95,
          distribution: c,
          target: { op: '<', value: 300 },
        });
      }
      const run = await ourThroughput(app.page, lines, host);
      const ours = run.rate;
      const bareCpu0 = await chromiumCpuSeconds();
      const base = await bareThroughput(bare, lines);
      const bareCpuS = (await chromiumCpuSeconds()) - bareCpu0;
      const baseRate = base.chars / (base.ms / 1000);
      figures.push({
        name: `Throughput, ${renderer} renderer: seq output through PTY, host and bridge ÷ bare xterm.js`,
        unit: '×',
        stat: 'ratio',
        value: Math.round((ours / baseRate) * 100) / 100,
        baseline: { name: `bare xterm.js ${renderer}, chars/s`, value: Math.round(baseRate) },
        target: { op: '>=', value: 0.95 },
      });
      figures.push({
        name: `Throughput, ${renderer} renderer, ours`,
        unit: 'chars/s',
        stat: 'rate',
        value: Math.round(ours),
      });
      figures.push({
        name: `Throughput, ${renderer} renderer: host CPU busy while the page took the output (CPU s ÷ wall s)`,
        unit: '×',
        stat: 'share',
        value: Math.round((run.hostCpuS / run.seconds) * 100) / 100,
      });
      // Both runs' CPU per char: on a machine with few cores, what the pipeline costs beyond the
      // browser bounds the ratio above (see bench/README.md, "Where the throughput goes").
      const perM = (cpuS: number, chars: number): number => Math.round((cpuS / (chars / 1e6)) * 1000) / 1000;
      figures.push({
        name: `Throughput, ${renderer} renderer: CPU seconds per million chars, ours (host + browser)`,
        unit: 's',
        stat: 'CPU',
        value: perM(run.hostCpuS + run.browserCpuS, run.chars),
        baseline: { name: `bare xterm.js ${renderer} (browser)`, value: perM(bareCpuS, base.chars) },
      });
      await bare.close();
      await app.page.close();
    }
    return figures;
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await host.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
}
