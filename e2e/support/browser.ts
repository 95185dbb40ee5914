/**
 * Debian's Chromium driven by playwright-core (no downloaded browser: `npx playwright install`
 * cannot work on these machines), with the flags that keep it off the network.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Chromium. By default WebGL is turned off, so the terminal takes its DOM-renderer
 * fallback and the text it shows can be read from the page; `{ webgl: true }` keeps WebGL
 * (SwiftShader) on, to check the WebGL renderer is used where it exists.
 */
export function launchBrowser(options: { webgl?: boolean } = {}): Promise<Browser> {
  const args = options.webgl ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, timeout: 30_000 });
}

/** Text of the terminal in the visible tab panel (DOM renderer rows), one string. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const panel = [...document.querySelectorAll('[role="tabpanel"]')].find(
      (p) => (p as HTMLElement).offsetParent !== null,
    );
    const rows = panel?.querySelector('.xterm-rows');
    return rows
      ? [...rows.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n')
      : '';
  });
}

/** Waits until the visible terminal's text matches. */
export async function waitForTerminal(
  page: Page,
  test: RegExp | string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await terminalText(page);
    if (typeof test === 'string' ? last.includes(test) : test.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`terminal never showed ${String(test)}; last screen:\n${last}`);
}
