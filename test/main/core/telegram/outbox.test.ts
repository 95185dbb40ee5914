/**
 * The outbox's scheduling: prompts first, Telegram's limits as a budget (burst, then ~1/s per
 * chat, a reserve for prompts, 429 `retry_after`), edits coalesced, failures given up or held.
 * Fake timers drive the clock; every call records when it ran.
 */
import { GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type OutboxJob } from '../../../../main/core/telegram/outbox.js';
import { CHAT_BURST, URGENT_RESERVE } from '../../../../main/core/telegram/rate-budget.js';

const CHAT = 42;

interface Ran {
  name: string;
  at: number;
}

let t0 = 0;
let ran: Ran[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
  ran = [];
});

afterEach(() => {
  vi.useRealTimers();
});

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

function rateLimited(retryAfter: number): GrammyError {
  return new GrammyError(
    'Too Many Requests',
    { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: retryAfter } },
    'sendMessage',
    {},
  );
}

describe('Outbox', () => {
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

  it('gives up a call that may have arrived (connection reset) and goes on', async () => {
    const gaveUp: unknown[] = [];
    const outbox = new Outbox();
    const reset = () =>
      new HttpError('reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    outbox.enqueue(job('lost', { onGiveUp: (e) => gaveUp.push(e) }, reset));
    outbox.enqueue(job('after'));
    await vi.advanceTimersByTimeAsync(100);
    expect(gaveUp).toHaveLength(1);
    expect(ran.map((r) => r.name)).toEqual(['after']);
  });

  it('holds a call that certainly did not arrive and retries it on kick', async () => {
    const outbox = new Outbox();
    const refused = () =>
      new HttpError('refused', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    outbox.enqueue(job('held', {}, refused));
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toEqual([]);
    outbox.kick();
    await vi.advanceTimersByTimeAsync(10);
    expect(ran.map((r) => r.name)).toEqual(['held']);
  });

  it('withdraws a queued job, and never one in flight', async () => {
    const outbox = new Outbox({ limits: { chatBurst: 1, urgentReserve: 0 } });
    let release: () => void = () => undefined;
    outbox.enqueue({ id: 'slow', chatId: CHAT, run: () => new Promise<void>((r) => (release = r)) });
    outbox.enqueue(job('queued', { id: 'q' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.cancel('slow')).toBe(false);
    expect(outbox.cancel('q')).toBe(true);
    release();
    await vi.advanceTimersByTimeAsync(3000);
    expect(ran).toEqual([]);
    await outbox.idle();
    expect(outbox.size).toBe(0);
  });
});
