import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from '../../../../renderer/src/bridge/backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const mid = (): number => 0.5;
    expect(backoffDelay(0, mid)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(1, mid)).toBe(BACKOFF_BASE_MS * 2);
    expect(backoffDelay(2, mid)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffDelay(50, mid)).toBe(BACKOFF_MAX_MS);
  });

  it('jitters within ±20 %', () => {
    expect(backoffDelay(0, () => 0)).toBe(Math.round(BACKOFF_BASE_MS * 0.8));
    expect(backoffDelay(0, () => 0.999999)).toBe(Math.round(BACKOFF_BASE_MS * 1.2));
  });
});
