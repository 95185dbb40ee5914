import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../../main/core/base/event.js';

describe('Emitter', () => {
  it('delivers each fired value to every listener in subscription order', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event((v) => seen.push(`a${v}`));
    emitter.event((v) => seen.push(`b${v}`));
    emitter.fire(1);
    emitter.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('stops delivering to a listener once its subscription is disposed', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const sub = emitter.event((v) => seen.push(v));
    emitter.fire('before');
    sub.dispose();
    sub.dispose();
    emitter.fire('after');
    expect(seen).toEqual(['before']);
    expect(emitter.hasListeners).toBe(false);
  });

  it('counts the same function subscribed twice as two subscriptions', () => {
    const emitter = new Emitter<number>();
    let calls = 0;
    const listener = (): void => void (calls += 1);
    const first = emitter.event(listener);
    emitter.event(listener);
    first.dispose();
    emitter.fire(0);
    expect(calls).toBe(1);
  });

  it('contains a throwing listener: the others still run and the error is reported', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>({ onListenerError: (e) => errors.push(e) });
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((v) => seen.push(v));
    expect(() => emitter.fire(7)).not.toThrow();
    expect(seen).toEqual([7]);
    expect((errors[0] as Error).message).toBe('boom');
  });

  it('does nothing after dispose, and a late subscription is inert', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event((v) => seen.push(v));
    emitter.dispose();
    emitter.fire(1);
    const late = emitter.event((v) => seen.push(v));
    emitter.fire(2);
    late.dispose();
    expect(seen).toEqual([]);
    expect(emitter.hasListeners).toBe(false);
  });

  it('skips a listener unsubscribed by an earlier one during the same fire', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event(() => {
      seen.push('first');
      second.dispose();
    });
    const second = emitter.event(() => seen.push('second'));
    emitter.fire(1);
    expect(seen).toEqual(['first']);
  });

  it('calls a listener added during fire only from the next fire on', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event((v) => {
      seen.push(`outer${v}`);
      if (v === 1) emitter.event((w) => seen.push(`inner${w}`));
    });
    emitter.fire(1);
    emitter.fire(2);
    expect(seen).toEqual(['outer1', 'outer2', 'inner2']);
  });
});
