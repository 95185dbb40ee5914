import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../../../main/core/base/lifecycle.js';

describe('toDisposable', () => {
  it('runs its cleanup once however often it is disposed', () => {
    let runs = 0;
    const d = toDisposable(() => (runs += 1));
    d.dispose();
    d.dispose();
    expect(runs).toBe(1);
  });
});

describe('DisposableStore', () => {
  it('releases everything added, once', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => released.push('a')));
    store.add(toDisposable(() => released.push('b')));
    store.dispose();
    store.dispose();
    expect(released).toEqual(['a', 'b']);
  });

  it('releases at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let released = false;
    store.add(toDisposable(() => (released = true)));
    expect(released).toBe(true);
  });

  it('stays usable after clear', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => released.push('first')));
    store.clear();
    store.add(toDisposable(() => released.push('second')));
    expect(released).toEqual(['first']);
    store.dispose();
    expect(released).toEqual(['first', 'second']);
  });
});
