/**
 * The terminal controller in real Chromium (the renderer's own runtime): attach ordering, acks,
 * input, re-attach after a reconnect, resize reports and detach. The bridge is a recording
 * harness (controller-harness.ts), so each step is checked at the request level.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { FLOW_ACK_CHARS } from '../../../../contract/bridge.js';
import { launchBrowser } from '../../../../e2e/support/browser.js';
import type { Harness, RecordedRequest } from './controller-harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

let browser: Browser;
let page: Page;
let bundle: string;

/** Runs `fn(harness, arg)` in the page. */
function run<R, A = undefined>(fn: (h: Harness, arg: A) => R, arg?: A): Promise<R> {
  return page.evaluate(
    ([source, a]) => {
      const h = (window as unknown as { harness: Harness }).harness;
      return new Function('h', 'a', `return (${source})(h, a);`)(h, a) as R;
    },
    [fn.toString(), arg] as const,
  );
}

const requests = (name: string): Promise<RecordedRequest[]> =>
  run((h, n: string) => h.requests().filter((r) => r.name === n), name);

/** Polls the page until `check` holds (xterm writes asynchronously). */
async function until<T>(what: string, check: () => Promise<T | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(here, 'controller-harness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 900, height: 500 } });
  const css = readFileSync(path.join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  await page.setContent(
    `<!doctype html><style>${css} body{margin:0}</style><div id="term" style="width:800px;height:400px"></div>`,
  );
  await page.addScriptTag({ content: bundle });
  await run((h) => h.start());
});

afterEach(async () => {
  await page?.close();
});

describe('TerminalController', () => {
  it('shows the snapshot first and then the output that arrived while attaching, once', async () => {
    await until('the attach request', () => run((h) => h.pendingAttaches() === 1));
    await run((h) => h.emit('session.data', { id: 's1', data: 'live line\r\n' }));
    await run((h) => h.emit('session.data', { id: 'other', data: 'not mine\r\n' }));
    await run((h) => h.resolveAttach('snapshot line\r\n', 80, 24));
    const screen = await until('both lines', async () => {
      const s = await run((h) => h.screen());
      return s.includes('live line') ? s : null;
    });
    expect(screen.slice(0, 3)).toEqual(['snapshot line', 'live line', '']);
    expect(screen.join('\n')).not.toContain('not mine');
  });

  it('acknowledges exactly the live output it wrote, in batches of at most the shared ack size', async () => {
    await run((h) => h.resolveAttach('', 80, 24));
    // All in one turn of the page's event loop, as a burst of output arrives.
    await run((h) => {
      for (let i = 0; i < 7; i++) h.emit('session.data', { id: 's1', data: 'x'.repeat(1000) });
    });
    await until('all 7,000 chars acknowledged', async () => {
      const a = await requests('session.ack');
      return a.reduce((sum, r) => sum + (r.params.chars as number), 0) === 7000 ? a : null;
    });
    // Nothing more is acknowledged than was written, and each ack stays within the shared size
    // (how the burst splits depends on how fast xterm.js parses it: a slow frame acks early after
    // ACK_DELAY_MS; the split itself is tested in ack-batcher.test.ts).
    await new Promise((r) => setTimeout(r, 200));
    const acks = await requests('session.ack');
    expect(acks.reduce((sum, r) => sum + (r.params.chars as number), 0)).toBe(7000);
    for (const a of acks) {
      expect(a.params).toMatchObject({ id: 's1' });
      expect(a.params.chars as number).toBeLessThanOrEqual(FLOW_ACK_CHARS);
    }
  });

  it('sends what is typed to its session', async () => {
    await run((h) => h.resolveAttach('', 80, 24));
    await run((h) => h.type('ls\r'));
    expect(await requests('session.write')).toEqual([
      { name: 'session.write', params: { id: 's1', data: 'ls\r' } },
    ]);
  });

  it('fits the grid to its container and reports the new size', async () => {
    await run((h) => h.resolveAttach('', 20, 5));
    const resize = await until('a resize request', async () => (await requests('session.resize'))[0] ?? null);
    const size = await run((h) => h.size());
    expect(resize.params).toEqual({ id: 's1', ...size });
    expect(size.cols).toBeGreaterThan(20);
    expect(size.rows).toBeGreaterThan(5);
  });

  it('attaches again with a fresh snapshot after the connection came back', async () => {
    await run((h) => h.resolveAttach('old screen\r\n', 80, 24));
    await until('the first snapshot', async () => (await run((h) => h.screen()))[0] === 'old screen');
    await run((h) => h.setStatus('reconnecting'));
    await run((h) => h.setStatus('open'));
    await until('a second attach', () => run((h) => h.pendingAttaches() === 1));
    await run((h) => h.resolveAttach('new screen\r\n', 80, 24));
    const screen = await until('the new snapshot', async () => {
      const s = await run((h) => h.screen());
      return s[0] === 'new screen' ? s : null;
    });
    expect(screen.join('\n')).not.toContain('old screen');
  });

  it('detaches from its session when disposed', async () => {
    await run((h) => h.resolveAttach('', 80, 24));
    await run((h) => h.dispose());
    expect(await requests('session.detach')).toEqual([{ name: 'session.detach', params: { id: 's1' } }]);
  });
});
