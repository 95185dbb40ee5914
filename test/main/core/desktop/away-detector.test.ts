import { describe, expect, it } from 'vitest';
import type { PresenceSource } from '../../../../main/core/app-types.js';
import { Emitter } from '../../../../main/core/base/event.js';
import { createAwayDetector, type PollScheduler } from '../../../../main/core/desktop/away-detector.js';

/** A fake desk: a clock in ms, the time of the last input, and a lock flag. */
class FakeDesk implements PresenceSource {
  now = 0;
  lastInput = 0;
  locked = false;
  idleSeconds(): number {
    return Math.floor((this.now - this.lastInput) / 1000);
  }
  isLocked(): boolean {
    return this.locked;
  }
  type(): void {
    this.lastInput = this.now;
  }
}

/** A hand-driven scheduler: `advance(ms)` moves the desk's clock and fires due polls. */
class FakeScheduler implements PollScheduler {
  timers = new Map<number, { fn: () => void; ms: number; next: number }>();
  private seq = 0;
  constructor(private desk: FakeDesk) {}
  setInterval(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { fn, ms, next: this.desk.now + ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.desk.now + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.desk.now = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.desk.now = end;
  }
}

function setup(threshold = 5) {
  const desk = new FakeDesk();
  const scheduler = new FakeScheduler(desk);
  let minutes = threshold;
  const detector = createAwayDetector({
    presence: desk,
    thresholdMinutes: () => minutes,
    pollMs: 5_000,
    scheduler,
  });
  const changes: Array<[number, boolean]> = [];
  detector.onChange((away) => changes.push([desk.now, away]));
  return { desk, scheduler, detector, changes, setMinutes: (m: number) => (minutes = m) };
}

describe('away detector', () => {
  it('turns away after N idle minutes (within one poll) and back on input', () => {
    const { desk, scheduler, detector, changes } = setup(5);
    detector.start();
    expect(detector.isAway()).toBe(false);
    scheduler.advance(4 * 60_000 + 55_000);
    expect(detector.isAway()).toBe(false);
    scheduler.advance(5_000);
    expect(detector.isAway()).toBe(true);
    expect(changes).toEqual([[300_000, true]]);

    scheduler.advance(60_000);
    desk.type();
    scheduler.advance(5_000);
    expect(detector.isAway()).toBe(false);
    expect(changes.map((c) => c[1])).toEqual([true, false]);
    detector.stop();
  });

  it('counts a locked screen as away at once via check()', () => {
    const { desk, detector, changes } = setup(30);
    detector.start();
    desk.locked = true;
    expect(detector.check()).toBe(true);
    desk.locked = false;
    desk.type();
    expect(detector.check()).toBe(false);
    expect(changes.map((c) => c[1])).toEqual([true, false]);
    detector.stop();
  });

  it('re-checks at once when the presence source reports a lock, until stopped', () => {
    const desk = new FakeDesk();
    const lockChanges = new Emitter<void>();
    const source: PresenceSource = {
      idleSeconds: () => desk.idleSeconds(),
      isLocked: () => desk.isLocked(),
      onChange: lockChanges.event,
    };
    const detector = createAwayDetector({
      presence: source,
      thresholdMinutes: () => 30,
      pollMs: 5_000,
      scheduler: new FakeScheduler(desk),
    });
    detector.start();
    desk.locked = true;
    lockChanges.fire();
    expect(detector.isAway()).toBe(true);
    detector.stop();
    expect(lockChanges.hasListeners).toBe(false);
  });

  it('applies a changed threshold on the next poll and stops polling on stop()', () => {
    const { scheduler, detector, setMinutes, changes } = setup(10);
    detector.start();
    scheduler.advance(3 * 60_000);
    expect(detector.isAway()).toBe(false);
    setMinutes(2);
    scheduler.advance(5_000);
    expect(detector.isAway()).toBe(true);
    detector.stop();
    expect(scheduler.timers.size).toBe(0);
    setMinutes(60);
    scheduler.advance(60_000);
    expect(detector.isAway()).toBe(true);
    expect(changes).toHaveLength(1);
  });

  it('treats a broken presence source as present', () => {
    const detector = createAwayDetector({
      presence: {
        idleSeconds: () => {
          throw new Error('no idle API');
        },
        isLocked: () => false,
      },
      thresholdMinutes: () => 1,
    });
    expect(detector.check()).toBe(false);
    const nan = createAwayDetector({
      presence: { idleSeconds: () => NaN, isLocked: () => false },
      thresholdMinutes: () => 1,
    });
    expect(nan.check()).toBe(false);
  });
});
