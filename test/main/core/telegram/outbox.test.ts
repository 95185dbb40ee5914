import { GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, RETRY_MIN_MS } from '../../../../main/core/telegram/outbox.js';

const refused = (): HttpError =>
  new HttpError('connect failed', Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' }));
const reset = (): HttpError =>
  new HttpError('socket hang up', Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }));
const forbidden = (): GrammyError =>
  new GrammyError(
    'Call to sendMessage failed',
    { ok: false, error_code: 403, description: 'Forbidden' },
    'sendMessage',
    {},
  );

/** Start of the fake clock, epoch ms (far from 0, as real clocks are). */
const T0 = 1_700_000_000_000;

/** A job that records when it ran (ms since T0) and fails with the given errors first. */
function job(
  log: string[],
  name: string,
  failures: Array<() => Error> = [],
  extra: { id?: string; priority?: 'low' } = {},
) {
  const gaveUp: unknown[] = [];
  return {
    gaveUp,
    job: {
      ...extra,
      run: async () => {
        log.push(`${name}@${Date.now() - T0}`);
        const next = failures.shift();
        if (next) throw next();
      },
      onGiveUp: (error: unknown) => gaveUp.push(error),
    },
  };
}

describe('Outbox', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('sends in order, one call per interval', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 1000 });
    outbox.enqueue(job(log, 'a').job);
    outbox.enqueue(job(log, 'b').job);
    outbox.enqueue(job(log, 'c').job);
    await vi.advanceTimersByTimeAsync(2500);
    expect(log).toEqual(['a@0', 'b@1000', 'c@2000']);
    await outbox.idle();
    expect(outbox.size).toBe(0);
  });

  it('lets a prompt overtake waiting status edits, never the one in flight', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 1000 });
    outbox.enqueue(job(log, 'status1', [], { priority: 'low' }).job);
    outbox.enqueue(job(log, 'status2', [], { priority: 'low' }).job);
    outbox.enqueue(job(log, 'prompt').job);
    outbox.enqueue(job(log, 'status3', [], { priority: 'low' }).job);
    outbox.enqueue(job(log, 'reply').job);
    await vi.advanceTimersByTimeAsync(4500);
    expect(log).toEqual(['status1@0', 'prompt@1000', 'reply@2000', 'status2@3000', 'status3@4000']);
  });

  it('keeps a certainly-undelivered job at the head and retries it with backoff', async () => {
    const log: string[] = [];
    const errors: boolean[] = [];
    const outbox = new Outbox({ minIntervalMs: 0, onError: (_e, retry) => errors.push(retry) });
    outbox.enqueue(job(log, 'a', [refused, refused]).job);
    outbox.enqueue(job(log, 'b').job);
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 3 + 10);
    expect(log).toEqual(['a@0', `a@${RETRY_MIN_MS}`, `a@${RETRY_MIN_MS * 3}`, `b@${RETRY_MIN_MS * 3}`]);
    expect(errors).toEqual([true, true]);
  });

  it('retries a held job at once on kick (the connection came back)', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 0 });
    outbox.enqueue(job(log, 'a', [refused]).job);
    await vi.advanceTimersByTimeAsync(10);
    outbox.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a@0', 'a@10']);
  });

  it('never sends an ambiguous or refused job twice: it is given up and the queue goes on', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 0 });
    const a = job(log, 'a', [reset]);
    const b = job(log, 'b', [forbidden]);
    outbox.enqueue(a.job);
    outbox.enqueue(b.job);
    outbox.enqueue(job(log, 'c').job);
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 4);
    expect(log).toEqual(['a@0', 'b@0', 'c@0']);
    expect(a.gaveUp).toHaveLength(1);
    expect(b.gaveUp).toHaveLength(1);
  });

  it('withdraws a queued job by id, but not the one in flight', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 1000 });
    outbox.enqueue(job(log, 'a', [], { id: 'a' }).job);
    outbox.enqueue(job(log, 'b', [], { id: 'b' }).job);
    expect(outbox.cancel('b')).toBe(true);
    expect(outbox.cancel('b')).toBe(false);
    expect(outbox.cancel('unknown')).toBe(false);
    await vi.advanceTimersByTimeAsync(3000);
    expect(log).toEqual(['a@0']);
  });

  it('cannot withdraw the job in flight: it completes', async () => {
    let finish = (): void => undefined;
    let done = false;
    const outbox = new Outbox({ minIntervalMs: 0 });
    outbox.enqueue({
      id: 'slow',
      run: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            done = true;
            resolve();
          };
        }),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.cancel('slow')).toBe(false);
    finish();
    await outbox.idle();
    expect(done).toBe(true);
  });

  it('clear drops what waits; stop drops everything and refuses new jobs', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ minIntervalMs: 1000 });
    outbox.enqueue(job(log, 'a').job);
    outbox.enqueue(job(log, 'b').job);
    outbox.clear();
    outbox.enqueue(job(log, 'c').job);
    await vi.advanceTimersByTimeAsync(1500);
    expect(log).toEqual(['a@0', 'c@1000']);
    outbox.enqueue(job(log, 'd').job);
    outbox.stop();
    outbox.enqueue(job(log, 'e').job);
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toEqual(['a@0', 'c@1000']);
    expect(outbox.size).toBe(0);
  });
});
