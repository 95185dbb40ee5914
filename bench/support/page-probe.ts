/**
 * In-page measuring for the browser benchmarks, the same for the Agent Pager page and a bare
 * xterm.js page in the same Chromium: a keydown listener (capture phase) stamps a keystroke, and
 * a MutationObserver stamps when the visible terminal's DOM rows (xterm's DOM renderer updates
 * them in its animation frame, right before paint) first show an expected text.
 */
import type { Page } from 'playwright-core';

interface ProbeWindow {
  __probe: {
    /** Text the rows must show to end the pending sample, or a RegExp source (prefixed "re:"). */
    expect: string | null;
    t0: number;
    samples: number[];
  };
}

/**
 * Defines the `__name` helper tsx's transform inserts into functions (it keeps function names),
 * so functions passed to `page.evaluate` run in the page.
 */
export async function allowTsxFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
}

/** Installs the probe (idempotent per page load). */
export async function installProbe(page: Page): Promise<void> {
  await allowTsxFunctions(page);
  await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    if (w.__probe) return;
    w.__probe = { expect: null, t0: 0, samples: [] };
    const visibleRows = (): Element | undefined =>
      [...document.querySelectorAll('.xterm-rows')].find((r) => (r as HTMLElement).offsetParent !== null);
    const check = (): void => {
      const p = w.__probe;
      if (p.expect === null || !p.t0) return;
      const rows = visibleRows();
      if (!rows) return;
      const lines = [...rows.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' '));
      const hit = p.expect.startsWith('re:')
        ? lines.some((l) => new RegExp(p.expect!.slice(3)).test(l))
        : lines.join('\n').includes(p.expect);
      if (!hit) return;
      p.samples.push(performance.now() - p.t0);
      p.expect = null;
      p.t0 = 0;
    };
    document.addEventListener(
      'keydown',
      (e) => {
        if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
        if (w.__probe.expect !== null && !w.__probe.t0) w.__probe.t0 = performance.now();
      },
      true,
    );
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

/**
 * Presses `key` and resolves with ms from its keydown until the visible rows show `expect`
 * (a string to contain, or `re:<regexp>` one row must match).
 * @throws Error when it does not show within `timeoutMs`.
 */
export async function timeKey(page: Page, key: string, expect: string, timeoutMs = 10_000): Promise<number> {
  const before = await page.evaluate((e) => {
    const p = (window as unknown as ProbeWindow).__probe;
    p.expect = e;
    p.t0 = 0;
    return p.samples.length;
  }, expect);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => (window as unknown as ProbeWindow).__probe.samples.length > n, before, {
    timeout: timeoutMs,
    polling: 20,
  });
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe.samples.at(-1)!);
}
