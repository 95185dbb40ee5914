import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTPUT_BATCH_MS, OutputBatcher } from '../../../../main/core/sessions/output-batcher.js';

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers text after a quiet spell at once, joined with the same turn’s reads only', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.push('a');
    b.push('b');
    vi.advanceTimersByTime(0);
    expect(out).toEqual(['ab']);
  });

  it('holds text that follows a delivery until the window since it has passed, and joins it', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.push('echo');
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(1);
    b.push('x');
    vi.advanceTimersByTime(2);
    b.push('y');
    vi.advanceTimersByTime(OUTPUT_BATCH_MS - 4);
    expect(out).toEqual(['echo']);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(['echo', 'xy']);
  });

  it('delivers at most once per window under a steady stream', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    for (let ms = 0; ms < 100; ms++) {
      b.push('y\n');
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(OUTPUT_BATCH_MS);
    expect(out.join('')).toBe('y\n'.repeat(100));
    expect(out.length).toBeLessThanOrEqual(100 / OUTPUT_BATCH_MS + 2);
  });

  it('delivers at once when the batch reaches its size limit', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d), OUTPUT_BATCH_MS, 10);
    b.push('12345');
    b.push('67890');
    expect(out).toEqual(['1234567890']);
    vi.advanceTimersByTime(OUTPUT_BATCH_MS);
    expect(out).toHaveLength(1);
  });

  it('flushes on demand and never delivers an empty batch', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.flush();
    b.push('');
    b.push('x');
    b.flush();
    vi.advanceTimersByTime(OUTPUT_BATCH_MS);
    expect(out).toEqual(['x']);
  });

  it('drops the pending batch on dispose', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.push('lost');
    b.dispose();
    vi.advanceTimersByTime(OUTPUT_BATCH_MS * 2);
    expect(out).toEqual([]);
  });
});
