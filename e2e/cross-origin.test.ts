/**
 * End to end, the browser probes of issue 8 (items 1–3): a page from another server on
 * 127.0.0.1 (another port) plants a malformed token cookie and loads `http://127.0.0.1:PORT//[`
 * into an <img>, then tries the bridge WebSocket. The real headless host must survive, the page
 * must keep working (reload included), and no token may reach the other server in a cookie.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
let browser: Browser;
let context: BrowserContext;
let other: http.Server;
let otherOrigin: string;
/** Every Cookie header the other local server received. */
const cookiesSeen: string[] = [];

beforeAll(async () => {
  host = await startHost();
  other = http.createServer((req, res) => {
    cookiesSeen.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  context = await browser.newContext();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => other?.close(r));
  expect(await host?.stop()).toBe(0);
});

describe('a hostile page on another local port', () => {
  it('cannot kill the host, open the bridge, or learn the token', async () => {
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'New session', exact: true }).waitFor();

    const evil = await context.newPage();
    await evil.goto(`${otherOrigin}/`);
    const outcome = await evil.evaluate(
      async ({ hostOrigin, hostWs }) => {
        // Cookies are not port-scoped: this one is sent to the host too.
        document.cookie = 'agent_pager_token=%E0%A4%A; path=/';
        await new Promise<void>((resolve) => {
          const img = new Image();
          img.onload = img.onerror = () => resolve();
          img.src = `${hostOrigin}//[`;
        });
        const tryWs = (protocols?: string[]) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(hostWs, protocols);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
          });
        return [await tryWs(), await tryWs(['agent-pager.v1', 'agent-pager.token.guess'])];
      },
      { hostOrigin: host.origin, hostWs: `${host.origin.replace('http', 'ws')}/bridge` },
    );
    expect(outcome).toEqual(['refused', 'refused']);
    await evil.reload();

    // The host is alive: the app page reloads (token from sessionStorage) and still works.
    expect(host.proc.exitCode).toBeNull();
    await page.reload();
    await page.getByRole('button', { name: 'New session', exact: true }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.body.innerText), { timeout: 10_000 })
      .not.toContain('Disconnected');
    // No token ever reached the other server in a cookie.
    expect(cookiesSeen.join('\n')).not.toContain(host.token);
  }, 90_000);
});
