/**
 * A smoke run of the benchmark suite (`npm run bench`): every benchmark once, at a tiny size, so
 * the suite keeps working as the code changes. No speed thresholds here — the figures are checked
 * only for being measured at all; targets live in bench/README.md.
 */
import { describe, expect, it } from 'vitest';
import { runSuite, SMOKE } from '../../bench/suite.js';

describe('benchmark suite', () => {
  it('runs every benchmark once and measures every figure', { timeout: 240_000 }, async () => {
    const result = await runSuite(SMOKE);
    expect(Object.keys(result.groups).sort()).toEqual(['baselines', 'host', 'page', 'phone', 'scale']);
    for (const [group, figures] of Object.entries(result.groups)) {
      expect(figures.length, group).toBeGreaterThan(0);
      for (const f of figures) expect(Number.isFinite(f.value), `${group}: ${f.name}`).toBe(true);
    }
    expect(result.machine.cores).toBeGreaterThan(0);
  });
});
