import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTPUT_BATCH_MS, OutputBatcher } from '../../../../main/core/sessions/output-batcher.js';

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins text pushed within the window into one delivery', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.push('a');
    b.push('b');
    vi.advanceTimersByTime(OUTPUT_BATCH_MS - 1);
    b.push('c');
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(['abc']);
  });

  it('starts a new window after a delivery', () => {
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d));
    b.push('one');
    vi.advanceTimersByTime(OUTPUT_BATCH_MS);
    b.push('two');
    vi.advanceTimersByTime(OUTPUT_BATCH_MS);
    expect(out).toEqual(['one', 'two']);
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
