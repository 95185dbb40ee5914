import type { Api, InlineKeyboard } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../../../main/core/telegram/outbox.js';
import {
  FOLD_WINDOW_MS,
  Progress,
  QUEUE_SUBMIT_DELAY_MS,
  STATUS_EDIT_INTERVAL_MS,
} from '../../../../main/core/telegram/progress.js';
import { Relay } from '../../../../main/core/telegram/relay.js';
import { makePrompt, makeSession, MemoryRelayHost } from './memory-relay-host.js';

const CHAT = 77;

interface Sent {
  id: number;
  text: string;
  buttons: string[];
  edits: number;
}

/** sendMessage / editMessageText recorded; message ids count up from 1. */
function recordingApi() {
  const messages: Sent[] = [];
  /** Message ids the bot reacted to, in order. */
  const reactions: number[] = [];
  const labels = (markup: unknown): string[] =>
    ((markup as InlineKeyboard | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
  const api = {
    setMessageReaction: async (_chat: number, id: number) => {
      reactions.push(id);
      return true;
    },
    sendMessage: async (_chat: number, text: string, other: Record<string, unknown> = {}) => {
      const m = { id: messages.length + 1, text, buttons: labels(other.reply_markup), edits: 0 };
      messages.push(m);
      return { message_id: m.id };
    },
    editMessageText: async (_chat: number, id: number, text: string, other: Record<string, unknown> = {}) => {
      const m = messages.find((x) => x.id === id)!;
      m.text = text;
      m.buttons = labels(other.reply_markup);
      m.edits += 1;
      return true;
    },
  };
  return { api: api as unknown as Api, messages, reactions };
}

function setup(active = true) {
  const host = new MemoryRelayHost();
  host.add(makeSession('s1', 'alpha'));
  const { api, messages, reactions } = recordingApi();
  const outbox = new Outbox({ limits: { chatBurst: 1000, chatPerSecond: 1000, globalPerSecond: 1000 } });
  const options = { host, api, outbox, chatId: () => CHAT, log: () => undefined, describe: String };
  const relay = new Relay(options);
  const progress = new Progress({ ...options, relay, active: () => active });
  return { host, progress, messages, reactions };
}

const T0 = 1_700_000_000_000;
const started = { kind: 'started', sessionId: 's1', at: T0 } as const;
const tool = (n: number, phase: 'pre' | 'post' = 'pre') =>
  ({
    kind: 'tool',
    sessionId: 's1',
    phase,
    toolName: 'Bash',
    summary: `step ${n}`,
    toolUseId: `t${n}`,
    at: T0,
  }) as const;
const ended = (result: string) =>
  ({ kind: 'ended', sessionId: 's1', result, reason: 'finished', at: T0 + 5000 }) as const;

describe('Progress', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('shows a turn in one message; a burst of tool events costs one edit per interval', async () => {
    const { progress, messages } = setup();
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(10);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/alpha<\/b> is working · 0s/);
    for (let i = 0; i < 20; i++) {
      progress.turnEvent(tool(i));
      progress.turnEvent(tool(i, 'post'));
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(STATUS_EDIT_INTERVAL_MS);
    expect(messages[0]!.edits).toBeLessThanOrEqual(2);
    expect(messages[0]!.text).toContain('✓ <code>Bash</code>: step 19');
    expect(messages[0]!.text).toContain('… 12 earlier');
    progress.turnEvent(ended('All done.'));
    await vi.advanceTimersByTimeAsync(STATUS_EDIT_INTERVAL_MS);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/is waiting · turn took 5s[\s\S]*All done\./);
    expect(messages[0]!.buttons).toEqual(['Reply', 'Screen']);
  });

  it('the "waiting" prompt right after a turn is shown by its status message, not sent again', async () => {
    const { host, progress } = setup();
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(10);
    expect(progress.absorbPrompt(makePrompt('p1', 's1', { kind: 'finished' }))).toBe(false);
    host.busy.add('s1');
    expect(progress.absorbPrompt(makePrompt('p0', 's1', { kind: 'finished' }))).toBe(true);
    host.busy.delete('s1');
    progress.turnEvent(ended(''));
    expect(progress.absorbPrompt(makePrompt('p2', 's1', { kind: 'permission' }))).toBe(false);
    expect(progress.absorbPrompt(makePrompt('p3', 's1', { kind: 'finished', body: 'hi' }))).toBe(true);
    vi.setSystemTime(T0 + 5000 + FOLD_WINDOW_MS + 1);
    expect(progress.absorbPrompt(makePrompt('p4', 's1', { kind: 'input' }))).toBe(false);
  });

  it('the end of a turn is shown even when the next turn starts within the edit interval', async () => {
    const { progress, messages } = setup();
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(10);
    progress.turnEvent(ended('First answer.'));
    progress.turnEvent({ ...started, at: T0 + 5100 });
    await vi.advanceTimersByTimeAsync(STATUS_EDIT_INTERVAL_MS);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.text).toMatch(/is waiting[\s\S]*First answer\./);
    expect(messages[1]!.text).toMatch(/is working/);
  });

  it('a late last message (hook after the screen) fills an empty result', async () => {
    const { progress, messages } = setup();
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(10);
    progress.turnEvent(ended(''));
    expect(progress.absorbPrompt(makePrompt('p1', 's1', { kind: 'finished', body: '' }))).toBe(true);
    progress.promptUpdated(makePrompt('p1', 's1', { kind: 'finished', body: 'Late answer.' }));
    await vi.advanceTimersByTimeAsync(STATUS_EDIT_INTERVAL_MS);
    expect(messages[0]!.text).toContain('Late answer.');
  });

  it('queues text while busy, shows "queued (n)" with Cancel, and types one text per turn', async () => {
    const { host, progress, messages, reactions } = setup();
    const session = host.sessions[0]!;
    host.busy.add('s1');
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(10);
    expect(await progress.submit(session, 'one', 101)).toEqual({ queued: 1 });
    expect(await progress.submit(session, 'two', 102)).toEqual({ queued: 2 });
    await vi.advanceTimersByTimeAsync(STATUS_EDIT_INTERVAL_MS);
    expect(messages[0]!.text).toContain('🕒 queued (2)');
    expect(messages[0]!.buttons).toEqual(['Screen', 'Cancel queued (2)']);
    expect(host.writes).toEqual([]);
    host.busy.delete('s1');
    progress.turnEvent(ended('ok'));
    await vi.advanceTimersByTimeAsync(QUEUE_SUBMIT_DELAY_MS + 10);
    expect(host.writes.map((w) => w.data)).toEqual(['one']);
    // Typed from the queue: the user's message gets the typed reaction, like one typed at once.
    await vi.advanceTimersByTimeAsync(10);
    expect(reactions).toEqual([101]);
    // The next turn starts (busy) and ends: then the second text.
    host.busy.add('s1');
    progress.turnEvent(started);
    await vi.advanceTimersByTimeAsync(QUEUE_SUBMIT_DELAY_MS * 3);
    expect(host.writes.map((w) => w.data)).toEqual(['one']);
    host.busy.delete('s1');
    progress.turnEvent(ended('ok'));
    await vi.advanceTimersByTimeAsync(QUEUE_SUBMIT_DELAY_MS + 10);
    expect(host.writes.map((w) => w.data)).toEqual(['one', 'two']);
    await vi.advanceTimersByTimeAsync(10);
    expect(reactions).toEqual([101, 102]);
    expect(progress.queued().size).toBe(0);
  });

  it('with progress off, a queued text gets its own notice with Cancel; Cancel drops it', async () => {
    const { host, progress, messages } = setup(false);
    host.busy.add('s1');
    progress.turnEvent(started);
    expect(await progress.submit(host.sessions[0]!, 'later')).toEqual({ queued: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(messages.map((m) => m.text)).toEqual([
      '🕒 queued (1) for <b>alpha</b>: typed when it is ready for input.',
    ]);
    expect(messages[0]!.buttons).toEqual(['Cancel queued (1)']);
    expect(progress.cancel('s1')).toBe(1);
    host.busy.delete('s1');
    progress.turnEvent(ended(''));
    await vi.advanceTimersByTimeAsync(QUEUE_SUBMIT_DELAY_MS + 10);
    expect(host.writes).toEqual([]);
  });

  it('types at once when the session is ready and nothing waits', async () => {
    const { host, progress } = setup();
    expect(await progress.submit(host.sessions[0]!, 'now')).toEqual({ typed: true });
    expect(host.writes.map((w) => w.data)).toEqual(['now']);
    // Mid-turn, an open question waits for the user: the answer is typed, not queued.
    host.busy.add('s1');
    host.open(makePrompt('q1', 's1', { kind: 'question' }));
    expect(await progress.submit(host.sessions[0]!, 'blue')).toEqual({ typed: true });
    host.close('s1');
    expect(await progress.submit(host.sessions[0]!, 'later')).toEqual({ queued: 1 });
  });
});
