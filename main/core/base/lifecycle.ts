/**
 * Disposables: anything that holds a resource (a listener, a timer, a subscription) and can let
 * it go. The pattern is VS Code's (https://github.com/microsoft/vscode/blob/main/src/vs/base/common/lifecycle.ts):
 * `dispose()` is idempotent, and a {@link DisposableStore} releases many at once.
 */

/** Something that can be released; calling `dispose` twice is harmless. */
export interface Disposable {
  dispose(): void;
}

/** Wraps a cleanup function as a {@link Disposable} that runs it at most once. */
export function toDisposable(cleanup: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      cleanup();
    },
  };
}

/**
 * A bag of disposables released together. After `dispose()`, anything added is released at once
 * (so a late subscription cannot leak).
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  /** Adds `item` and returns it, for `const sub = store.add(emitter.event(l))`. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Releases everything added so far; the store stays usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    for (const item of items) item.dispose();
  }

  /** Releases everything and every later addition. */
  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}
