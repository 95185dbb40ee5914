import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACK_DELAY_MS,
  ACK_THRESHOLD_CHARS,
  AckBatcher,
} from '../../../../renderer/src/terminal/ack-batcher.js';

describe('AckBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('acks at once when the threshold of written chars is reached', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher({ send: (chars) => sent.push(chars) });
    batcher.written(ACK_THRESHOLD_CHARS - 1);
    expect(sent).toEqual([]);
    batcher.written(1);
    expect(sent).toEqual([ACK_THRESHOLD_CHARS]);
  });

  it('acks a trickle of output after the short delay, in one request', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher({ send: (chars) => sent.push(chars) });
    batcher.written(10);
    batcher.written(5);
    vi.advanceTimersByTime(ACK_DELAY_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([15]);
    vi.advanceTimersByTime(ACK_DELAY_MS * 10);
    expect(sent).toEqual([15]);
  });

  it('never loses or double-counts chars across many writes', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher({ send: (chars) => sent.push(chars), threshold: 100, delayMs: 5 });
    let total = 0;
    for (let i = 0; i < 500; i++) {
      const n = (i * 37) % 91;
      total += n;
      batcher.written(n);
      if (i % 50 === 0) vi.advanceTimersByTime(5);
    }
    batcher.flush();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(total);
    expect(sent.every((n) => n > 0)).toBe(true);
  });

  it('reset forgets pending chars and cancels the timer', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher({ send: (chars) => sent.push(chars) });
    batcher.written(42);
    batcher.reset();
    vi.advanceTimersByTime(ACK_DELAY_MS * 2);
    batcher.flush();
    expect(sent).toEqual([]);
  });
});
