/**
 * The outbox: delivery rules (held, retried, given up, withdrawn) and scheduling (prompts first,
 * Telegram's limits as a budget, 429 `retry_after`, edits coalesced), on a fake clock.
 */
import { GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, RETRY_MIN_MS, type OutboxJob } from '../../../../main/core/telegram/outbox.js';
import { CHAT_BURST, URGENT_RESERVE, type RateLimits } from '../../../../main/core/telegram/rate-budget.js';

const CHAT = 42;
/** No budget to wait for: the delivery rules alone. */
const UNLIMITED: Partial<RateLimits> = {
  chatBurst: 1000,
  chatPerSecond: 1000,
  globalPerSecond: 1000,
  urgentReserve: 0,
};
/** One call per second to the chat, no burst. */
const ONE_PER_SECOND: Partial<RateLimits> = { chatBurst: 1, chatPerSecond: 1, urgentReserve: 0 };

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
function job(log: string[], name: string, failures: Array<() => Error> = [], extra: { id?: string } = {}) {
  const gaveUp: unknown[] = [];
  return {
    gaveUp,
    job: {
      chatId: CHAT,
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

describe('Outbox delivery', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('keeps a certainly-undelivered job at the head and retries it with backoff', async () => {
    const log: string[] = [];
    const errors: boolean[] = [];
    const outbox = new Outbox({ limits: UNLIMITED, onError: (_e, retry) => errors.push(retry) });
    outbox.enqueue(job(log, 'a', [refused, refused]).job);
    outbox.enqueue(job(log, 'b').job);
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 3 + 10);
    expect(log).toEqual(['a@0', `a@${RETRY_MIN_MS}`, `a@${RETRY_MIN_MS * 3}`, `b@${RETRY_MIN_MS * 3}`]);
    expect(errors).toEqual([true, true]);
  });

  it('retries a held job at once on kick (the connection came back)', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ limits: UNLIMITED });
    outbox.enqueue(job(log, 'a', [refused]).job);
    await vi.advanceTimersByTimeAsync(10);
    outbox.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a@0', 'a@10']);
  });

  it('never sends an ambiguous or refused job twice: it is given up and the queue goes on', async () => {
    const log: string[] = [];
    const outbox = new Outbox({ limits: UNLIMITED });
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
    const outbox = new Outbox({ limits: ONE_PER_SECOND });
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
    const outbox = new Outbox({ limits: UNLIMITED });
    outbox.enqueue({
      id: 'slow',
      chatId: CHAT,
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
    const outbox = new Outbox({ limits: ONE_PER_SECOND });
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

describe('Outbox scheduling', () => {
  let t0 = 0;
  let ran: { name: string; at: number }[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    t0 = Date.now();
    ran = [];
  });
  afterEach(() => vi.useRealTimers());

  function job(name: string, extra: Partial<OutboxJob> = {}, fail?: () => unknown): OutboxJob {
    let failed = false;
    return {
      chatId: CHAT,
      run: async () => {
        if (fail && !failed) {
          failed = true;
          throw fail();
        }
        ran.push({ name, at: Date.now() - t0 });
      },
      ...extra,
    };
  }

  const rateLimited = (retryAfter: number): GrammyError =>
    new GrammyError(
      'Too Many Requests',
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests',
        parameters: { retry_after: retryAfter },
      },
      'sendMessage',
      {},
    );

  it('sends a burst at once, then about one call per second to the same chat', async () => {
    const outbox = new Outbox();
    for (let i = 0; i < CHAT_BURST + 2; i++) outbox.enqueue(job(`m${i}`, { urgent: true }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(ran.map((r) => r.name)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(ran.slice(0, CHAT_BURST).every((r) => r.at === 0)).toBe(true);
    expect(ran[CHAT_BURST]!.at).toBeGreaterThanOrEqual(900);
    expect(ran[CHAT_BURST + 1]!.at - ran[CHAT_BURST]!.at).toBeGreaterThanOrEqual(900);
  });

  it('sends a new prompt before queued messages and edits, at once, from the reserve', async () => {
    const outbox = new Outbox();
    for (let i = 0; i < 6; i++) outbox.enqueue(job(`info${i}`));
    await vi.advanceTimersByTimeAsync(10);
    // Ordinary calls stop while the reserve is all that is left.
    expect(ran).toHaveLength(CHAT_BURST - URGENT_RESERVE);
    outbox.enqueue(job('edit', { coalesce: 'edit:1' }));
    outbox.enqueue(job('prompt', { urgent: true }));
    await vi.advanceTimersByTimeAsync(10);
    expect(ran.at(-1)).toEqual({ name: 'prompt', at: 10 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ran.map((r) => r.name)).toEqual([
      'info0',
      'info1',
      'info2',
      'prompt',
      'info3',
      'info4',
      'info5',
      'edit',
    ]);
    await outbox.idle();
  });

  it('sends only the latest of several queued edits of one message, in the first one’s place', async () => {
    const outbox = new Outbox({ limits: { chatBurst: 1, urgentReserve: 0 } });
    outbox.enqueue(job('a'));
    outbox.enqueue(job('edit-1', { coalesce: 'edit:7' }));
    outbox.enqueue(job('b'));
    outbox.enqueue(job('edit-2', { coalesce: 'edit:7' }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(ran.map((r) => r.name)).toEqual(['a', 'edit-2', 'b']);
  });

  it('does not call Telegram again before a 429’s retry_after, then sends the held job first', async () => {
    const errors: boolean[] = [];
    const outbox = new Outbox({ onError: (_e, retry) => errors.push(retry) });
    outbox.enqueue(job('limited', { urgent: true }, () => rateLimited(5)));
    outbox.enqueue(job('next'));
    await vi.advanceTimersByTimeAsync(4900);
    expect(ran).toEqual([]);
    expect(errors).toEqual([true]);
    await vi.advanceTimersByTimeAsync(200);
    expect(ran.map((r) => r.name)).toEqual(['limited']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(ran.map((r) => r.name)).toEqual(['limited', 'next']);
  });
});
