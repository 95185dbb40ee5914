/**
 * The baseline of the browser benchmarks: bare xterm.js (the same package and version the app
 * bundles) in a blank page of the same Chromium, the app's font and size, no server, no bridge:
 * local echo for keystrokes, and data written straight into `term.write`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { allowTsxFunctions } from './page-probe.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lib = (p: string): string => path.join(ROOT, 'node_modules', p);

interface BareWindow {
  __bare: { term: { write(d: string, cb?: () => void): void; focus(): void; cols: number; rows: number } };
}

/**
 * Opens a bare xterm.js page, `width`×`height` CSS px like the app's terminal area, with the WebGL
 * renderer when `webgl` (and the browser has it), else the DOM renderer.
 */
export async function openBareXterm(
  browser: Browser,
  size: { width: number; height: number },
  webgl: boolean,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:#0e1116"><div id="t" style="width:${size.width}px;height:${size.height}px"></div></body></html>`,
  );
  await page.addStyleTag({ path: lib('@xterm/xterm/css/xterm.css') });
  await page.addScriptTag({ path: lib('@xterm/xterm/lib/xterm.js') });
  await page.addScriptTag({ path: lib('@xterm/addon-fit/lib/addon-fit.js') });
  if (webgl) await page.addScriptTag({ path: lib('@xterm/addon-webgl/lib/addon-webgl.js') });
  await allowTsxFunctions(page);
  await page.evaluate((useWebgl) => {
    const g = window as unknown as Record<string, unknown>;
    const Terminal = g.Terminal as new (o: object) => {
      open(e: HTMLElement): void;
      loadAddon(a: unknown): void;
      onData(cb: (d: string) => void): void;
      write(d: string, cb?: () => void): void;
      focus(): void;
    };
    const term = new Terminal({
      fontFamily: '"DejaVu Sans Mono", "Liberation Mono", monospace',
      fontSize: 13,
      lineHeight: 1.2,
      scrollback: 10_000,
      cursorBlink: true,
      cursorStyle: 'bar',
      allowProposedApi: true,
      theme: { background: '#0e1116', foreground: '#d5d9e2' },
    });
    const fit = new (g.FitAddon as { FitAddon: new () => { fit(): void } }).FitAddon();
    term.loadAddon(fit);
    term.open(document.getElementById('t')!);
    if (useWebgl) term.loadAddon(new (g.WebglAddon as { WebglAddon: new () => unknown }).WebglAddon());
    fit.fit();
    term.onData((d) => term.write(d));
    term.write('bare$ ');
    term.focus();
    (window as unknown as BareWindow).__bare = { term: term as unknown as BareWindow['__bare']['term'] };
  }, webgl);
  return page;
}

/**
 * Writes `seq 1 lines` output (CRLF lines, as a PTY delivers it) into the bare terminal at once
 * and resolves with ms until xterm parsed it all plus one animation frame, and the chars written.
 */
export async function bareThroughput(page: Page, lines: number): Promise<{ ms: number; chars: number }> {
  return page.evaluate(async (n) => {
    const parts: string[] = [];
    for (let i = 1; i <= n; i++) parts.push(String(i));
    const data = parts.join('\r\n') + '\r\n';
    const term = (window as unknown as BareWindow).__bare.term;
    const CHUNK = 65_536;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      for (let i = 0; i < data.length; i += CHUNK) {
        const last = i + CHUNK >= data.length;
        term.write(data.slice(i, i + CHUNK), last ? resolve : undefined);
      }
    });
    await new Promise((r) => requestAnimationFrame(r));
    return { ms: performance.now() - t0, chars: data.length };
  }, lines);
}
