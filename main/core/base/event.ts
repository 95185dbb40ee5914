/**
 * A small typed event emitter in the style of VS Code's `Emitter`
 * (https://github.com/microsoft/vscode/blob/main/src/vs/base/common/event.ts): the owner keeps the
 * {@link Emitter} private and exposes its `event`; subscribing returns a {@link Disposable}.
 *
 * ```ts
 * private readonly onDidChangeEmitter = new Emitter<Settings>();
 * readonly onChange = this.onDidChangeEmitter.event;
 * this.onDidChangeEmitter.fire(next);
 * const sub = settings.onChange((s) => …); sub.dispose();
 * ```
 * A listener that throws never stops the others nor the code that fired: the error goes to the
 * emitter's `onListenerError` (by default logged to stderr).
 */
import { toDisposable, type Disposable } from './lifecycle.js';

/** Subscribes a listener; returns what unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** Options of {@link Emitter}. */
export interface EmitterOptions {
  /** Receives what a listener threw; default: `console.error` with {@link EmitterOptions.name}. */
  onListenerError?: (error: unknown) => void;
  /** Names the event in the default error log line, e.g. "settings.change". */
  name?: string;
}

/** An event source with typed values. */
export class Emitter<T> implements Disposable {
  private listeners: Set<(value: T) => void> | null = new Set();
  private readonly onListenerError: (error: unknown) => void;

  constructor(options: EmitterOptions = {}) {
    const name = options.name ?? 'event';
    this.onListenerError =
      options.onListenerError ??
      ((error) =>
        console.error(
          `[${name}] listener failed: ${error instanceof Error ? error.message : String(error)}`,
        ));
  }

  /** Subscribes; after `dispose()` of the emitter this is a no-op returning an inert Disposable. */
  readonly event: Event<T> = (listener) => {
    const listeners = this.listeners;
    if (!listeners) return toDisposable(() => undefined);
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry = (value: T): void => listener(value);
    listeners.add(entry);
    return toDisposable(() => listeners.delete(entry));
  };

  /**
   * Calls every listener subscribed when `fire` starts and still subscribed when its turn comes,
   * in subscription order (as VS Code's Emitter does). Listener errors are contained (see the
   * module doc).
   */
  fire(value: T): void {
    if (!this.listeners || this.listeners.size === 0) return;
    for (const listener of [...this.listeners]) {
      if (!this.listeners?.has(listener)) continue;
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** True while at least one listener is subscribed. */
  get hasListeners(): boolean {
    return (this.listeners?.size ?? 0) > 0;
  }

  /** Drops every listener; later `fire` and `event` do nothing. */
  dispose(): void {
    this.listeners?.clear();
    this.listeners = null;
  }
}
