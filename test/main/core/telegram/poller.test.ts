import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import type { PhoneState } from '../../../../contract/bridge.js';
import {
  MAX_POLL_BACKOFF_MS,
  POLL_BACKOFF_BASE_MS,
  POLL_MESSAGES,
  Poller,
  pollBackoffMs,
} from '../../../../main/core/telegram/poller.js';

describe('pollBackoffMs', () => {
  it('doubles from the base per failure in a row and stops at the cap', () => {
    expect(pollBackoffMs(1, MAX_POLL_BACKOFF_MS)).toBe(POLL_BACKOFF_BASE_MS);
    expect(pollBackoffMs(2, MAX_POLL_BACKOFF_MS)).toBe(2 * POLL_BACKOFF_BASE_MS);
    expect(pollBackoffMs(4, MAX_POLL_BACKOFF_MS)).toBe(8 * POLL_BACKOFF_BASE_MS);
    expect(pollBackoffMs(40, MAX_POLL_BACKOFF_MS)).toBe(MAX_POLL_BACKOFF_MS);
    expect(pollBackoffMs(3, 1000)).toBe(1000);
  });
});

/** A poller over a recorded phone state, without a bot (onPoll is what the bot's watcher calls). */
function recorded() {
  let polling: PhoneState['polling'] = 'stopped';
  const patches: Partial<PhoneState>[] = [];
  let reconnects = 0;
  const poller = new Poller({
    pollTimeoutSeconds: 30,
    maxBackoffMs: MAX_POLL_BACKOFF_MS,
    conflictRetryMs: 15_000,
    polling: () => polling,
    update: (patch) => {
      patches.push(patch);
      polling = patch.polling ?? polling;
    },
    identified: () => undefined,
    reconnected: () => (reconnects += 1),
    log: () => undefined,
    describe: (e) => String(e),
  });
  return { poller, patches, reconnects: () => reconnects, polling: () => polling };
}

describe('Poller.onPoll', () => {
  it('reports running after a successful poll and asks to resend once it was down', async () => {
    const r = recorded();
    r.poller.onPoll(new HttpError('network down', new Error('ECONNREFUSED')));
    expect(r.polling()).toBe('offline');
    expect(r.patches.at(-1)?.error).toBe(POLL_MESSAGES.offline);
    r.poller.onPoll(null);
    r.poller.onPoll(null);
    expect(r.polling()).toBe('running');
    expect(r.reconnects()).toBe(1);
    await r.poller.firstPoll;
  });

  it('reports a 409 answer as a conflict', () => {
    const r = recorded();
    r.poller.onPoll({ ok: false, error_code: 409, description: 'Conflict' });
    expect(r.polling()).toBe('conflict');
    expect(r.patches.at(-1)?.error).toBe(POLL_MESSAGES.conflict);
  });

  it('keeps showing a conflict for a while when another poller takes turns with this one', () => {
    const r = recorded();
    const conflict = { ok: false, error_code: 409, description: 'Conflict' };
    // A 409 before any working poll, then a working poll: the conflict is over.
    r.poller.onPoll(conflict);
    r.poller.onPoll(null);
    expect(r.polling()).toBe('running');
    // Working polls ended by a 409 (another computer polls in turns): still a conflict after the
    // next working poll, so the desk does not flip to "Online" between the two computers' turns.
    r.poller.onPoll(conflict);
    r.poller.onPoll(null);
    expect(r.polling()).toBe('conflict');
    expect(r.patches.at(-1)?.error).toBe(POLL_MESSAGES.conflict);
  });

  it('ignores everything once stopped, and then asks for no extra backoff', async () => {
    const r = recorded();
    const bot = { isRunning: () => false } as unknown as Parameters<Poller['stop']>[0];
    await r.poller.stop(bot);
    r.poller.onPoll(null);
    expect(r.patches).toEqual([]);
    expect(r.poller.backoffMs(3)).toBe(0);
  });

  it('backs off per the shared formula while running', () => {
    const r = recorded();
    expect(r.poller.backoffMs(2)).toBe(pollBackoffMs(2, MAX_POLL_BACKOFF_MS));
  });
});
