import type { Api, InlineKeyboard } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataKey, KEYPAD } from '../../../../main/core/telegram/keyboards.js';
import { GrammyError } from 'grammy';
import { Outbox } from '../../../../main/core/telegram/outbox.js';
import type { RateLimits } from '../../../../main/core/telegram/rate-budget.js';
import { Relay, TYPED_REACTION } from '../../../../main/core/telegram/relay.js';
import type { RelayMemory, RelayStore } from '../../../../main/core/telegram/phone-store.js';
import { tapKey, tapPrompt } from '../../../../main/core/telegram/taps.js';
import { makePrompt, makeSession, MemoryRelayHost } from './memory-relay-host.js';

const CHAT = 4242;

/** A message as the recording Api saw it (sent, then possibly edited). */
interface Sent {
  id: number;
  chatId: number;
  text: string;
  buttons: string[];
  replyTo: number | null;
  edits: number;
}

/** The Bot API calls the relay makes, recorded; message ids count up from 100. */
function recordingApi(options: { refuseReactions?: boolean } = {}) {
  const messages: Sent[] = [];
  const reactions: { chatId: number; messageId: number; emoji: string[] }[] = [];
  const labels = (markup: unknown): string[] =>
    ((markup as InlineKeyboard | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
  const api = {
    sendMessage: async (chatId: number, text: string, other: Record<string, unknown> = {}) => {
      const replyTo = (other.reply_parameters as { message_id: number } | undefined)?.message_id ?? null;
      const m: Sent = {
        id: 100 + messages.length,
        chatId,
        text,
        buttons: labels(other.reply_markup),
        replyTo,
        edits: 0,
      };
      messages.push(m);
      return { message_id: m.id };
    },
    editMessageText: async (
      chatId: number,
      id: number,
      text: string,
      other: Record<string, unknown> = {},
    ) => {
      const m = messages.find((x) => x.id === id && x.chatId === chatId);
      if (!m) throw new Error('Bad Request: message to edit not found');
      m.text = text;
      m.buttons = labels(other.reply_markup);
      m.edits += 1;
      return true;
    },
    setMessageReaction: async (chatId: number, messageId: number, reaction: { emoji: string }[]) => {
      if (options.refuseReactions) {
        throw new GrammyError(
          'Call to setMessageReaction failed',
          { ok: false, error_code: 400, description: 'Bad Request: REACTION_INVALID' },
          'setMessageReaction',
          {},
        );
      }
      reactions.push({ chatId, messageId, emoji: reaction.map((r) => r.emoji) });
      return true;
    },
  };
  return { api: api as unknown as Api, messages, reactions };
}

/** A tap answer that records its text and succeeds. */
function recordingConfirm() {
  const texts: string[] = [];
  return { texts, confirm: async (text: string) => (texts.push(text), true) };
}

const noLog = (): void => undefined;

/** No budget to wait for. */
const UNLIMITED: Partial<RateLimits> = {
  chatBurst: 1000,
  chatPerSecond: 1000,
  globalPerSecond: 1000,
  urgentReserve: 0,
};

/** A relay store in memory (the app backs it with its settings file). */
function memoryRelayStore(): RelayStore & { value: RelayMemory | null } {
  const store = {
    value: null as RelayMemory | null,
    get: () => structuredClone(store.value) ?? undefined,
    set: (m: RelayMemory | null) => void (store.value = structuredClone(m)),
  };
  return store;
}

function setup(
  options: {
    paired?: boolean;
    limits?: Partial<RateLimits>;
    refuseReactions?: boolean;
    store?: RelayStore;
    host?: MemoryRelayHost;
    recorded?: ReturnType<typeof recordingApi>;
  } = {},
) {
  const host = options.host ?? new MemoryRelayHost();
  const { api, messages, reactions } = options.recorded ?? recordingApi(options);
  const outbox = new Outbox({ limits: options.limits ?? UNLIMITED });
  const logs: string[] = [];
  const relay = new Relay({
    host,
    api,
    outbox,
    chatId: () => (options.paired === false ? null : CHAT),
    log: (_level, message) => logs.push(message),
    describe: (error) => String(error),
    store: options.store,
  });
  return { host, relay, outbox, messages, reactions, logs };
}

describe('Relay', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('sends an opened prompt once, with its options as buttons, and reports it delivered', async () => {
    const { host, relay, outbox, messages } = setup();
    const session = host.add(makeSession('s1', 'alpha'), '$ git status');
    const prompt = host.open(makePrompt('p1', 's1'));
    let delivered = 0;
    relay.promptOpened(prompt, session, () => (delivered += 1));
    relay.promptOpened(prompt, session, () => (delivered += 1));
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('git status');
    expect(messages[0]!.buttons).toEqual([
      '1. Yes',
      "2. Yes, and don't ask again for git status",
      '3. No, and tell Claude what to do differently',
      'Esc',
      'Screen',
    ]);
    expect(delivered).toBe(1);
    expect(relay.targetSession()?.id).toBe('s1');
    expect(relay.sessionOfMessage(messages[0]!.id)).toBe('s1');
  });

  it('edits a sent prompt when it closes at the desk and removes its buttons', async () => {
    const { host, relay, outbox, messages } = setup();
    const session = host.add(makeSession('s1', 'alpha'));
    const prompt = host.open(makePrompt('p1', 's1'));
    relay.promptOpened(prompt, session);
    await vi.runAllTimersAsync();
    relay.promptClosed('p1', 'answered-here');
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(messages[0]!.text).toMatch(/answered at the desk$/);
    expect(messages[0]!.buttons).toEqual([]);
  });

  it('never sends a prompt that closed while it waited in the queue', async () => {
    const { host, relay, outbox, messages } = setup({
      limits: { chatBurst: 1, chatPerSecond: 1, urgentReserve: 0 },
    });
    const session = host.add(makeSession('s1', 'alpha'));
    relay.say('first');
    relay.promptOpened(host.open(makePrompt('p1', 's1')), session);
    relay.promptClosed('p1', 'gone');
    await vi.advanceTimersByTimeAsync(5000);
    await outbox.idle();
    expect(messages.map((m) => m.text)).toEqual(['first']);
  });

  it('answers a tapped option once through the host and marks the message answered from phone', async () => {
    const { host, relay, outbox, messages } = setup();
    const session = host.add(makeSession('s1', 'alpha'));
    relay.promptOpened(host.open(makePrompt('p1', 's1')), session);
    await vi.runAllTimersAsync();
    const tapped = { id: messages[0]!.id, text: 'ignored', entities: [] };
    const answers = recordingConfirm();
    await tapPrompt(relay, host, dataKey('p1'), 0, tapped, answers.confirm, noLog);
    await tapPrompt(relay, host, dataKey('p1'), 0, null, answers.confirm, noLog);
    expect(answers.texts).toEqual(['Sent: Yes', 'This prompt is no longer open.']);
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(host.writes).toEqual([{ sessionId: 's1', kind: 'answer', data: '1', promptId: 'p1' }]);
    expect(messages[0]!.text).toMatch(/Yes<\/b> — answered from phone$/);
    expect(messages[0]!.buttons).toEqual([]);
  });

  it('refuses a tap on a prompt that is no longer open and writes nothing', async () => {
    const { host, relay } = setup();
    host.add(makeSession('s1', 'alpha'));
    host.open(makePrompt('p1', 's1'));
    host.close('s1');
    const answers = recordingConfirm();
    await tapPrompt(relay, host, dataKey('p1'), 0, null, answers.confirm, noLog);
    await tapPrompt(relay, host, dataKey('p1'), null, null, answers.confirm, noLog);
    expect(answers.texts).toEqual(['This prompt is no longer open.', 'This prompt is no longer open.']);
    expect(host.writes).toEqual([]);
  });

  it('Esc on a prompt sends the escape key bound to that prompt', async () => {
    const { host, relay } = setup();
    host.add(makeSession('s1', 'alpha'));
    host.open(makePrompt('p1', 's1'));
    const answers = recordingConfirm();
    await tapPrompt(relay, host, dataKey('p1'), null, null, answers.confirm, noLog);
    expect(answers.texts).toEqual(['Sent: Esc']);
    expect(host.writes).toEqual([{ sessionId: 's1', kind: 'keys', data: '\x1b', promptId: 'p1' }]);
  });

  it('writes nothing when Telegram refuses the answer as too old', async () => {
    const { host, relay } = setup();
    host.add(makeSession('s1', 'alpha'));
    host.open(makePrompt('p1', 's1'));
    await tapPrompt(relay, host, dataKey('p1'), 0, null, async () => false, noLog);
    await tapKey(relay, host, dataKey('s1'), 'y', async () => false, noLog);
    expect(host.writes).toEqual([]);
  });

  it('a keypad tap writes the key into its session and makes it the target', async () => {
    const { host, relay } = setup();
    host.add(makeSession('s1', 'alpha'));
    host.add(makeSession('s2', 'beta'));
    const ctrlC = KEYPAD.find((k) => k.name === 'cc')!;
    const answers = recordingConfirm();
    await tapKey(relay, host, dataKey('s2'), 'cc', answers.confirm, noLog);
    expect(host.writes).toEqual([{ sessionId: 's2', kind: 'keys', data: ctrlC.keys, promptId: null }]);
    expect(relay.targetSession()?.id).toBe('s2');
    await tapKey(relay, host, dataKey('gone'), 'cc', answers.confirm, noLog);
    expect(answers.texts).toEqual([`Sent ${ctrlC.label} to beta`, 'That session is gone.']);
  });

  it('ties a screen message to its session, so a reply to it types there', async () => {
    const { host, relay, outbox, messages } = setup();
    const session = host.add(makeSession('s1', 'alpha'), 'hello from the screen');
    await relay.sendScreen(session);
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(messages[0]!.text).toContain('hello from the screen');
    expect(relay.sessionOfMessage(messages[0]!.id)).toBe('s1');
    expect(relay.sessionOfMessage(9999)).toBeNull();
  });

  it('sends nothing while no chat is paired', async () => {
    const { host, relay, outbox, messages } = setup({ paired: false });
    const session = host.add(makeSession('s1', 'alpha'));
    relay.say('hello');
    relay.promptOpened(host.open(makePrompt('p1', 's1')), session);
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(messages).toEqual([]);
  });

  it('forgets prompts, messages and the target on reset', async () => {
    const { host, relay, messages } = setup();
    const session = host.add(makeSession('s1', 'alpha'));
    relay.promptOpened(host.open(makePrompt('p1', 's1')), session);
    await vi.runAllTimersAsync();
    relay.reset();
    expect(relay.targetSession()).toBeNull();
    expect(relay.sessionOfMessage(messages[0]!.id)).toBeNull();
  });

  it('sends a new permission prompt before messages and edits already waiting', async () => {
    const { host, relay, outbox, messages } = setup({
      limits: { chatBurst: 1, chatPerSecond: 1, urgentReserve: 0 },
    });
    const session = host.add(makeSession('s1', 'alpha'));
    relay.say('first');
    relay.say('second');
    relay.say('third');
    relay.promptOpened(host.open(makePrompt('p1', 's1')), session);
    await vi.advanceTimersByTimeAsync(1000);
    expect(messages.map((m) => m.buttons.length > 0)).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(5000);
    await outbox.idle();
    expect(messages.map((m) => (m.buttons.length > 0 ? 'prompt' : m.text))).toEqual([
      'first',
      'prompt',
      'second',
      'third',
    ]);
  });

  it('confirms typed text with a reaction on the user’s message, not another message', async () => {
    const { host, relay, outbox, messages, reactions } = setup();
    const session = host.add(makeSession('s1', 'alpha'));
    relay.acknowledgeTyped(55, session);
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(reactions).toEqual([{ chatId: CHAT, messageId: 55, emoji: [TYPED_REACTION] }]);
    expect(messages).toEqual([]);
  });

  it('confirms typed text with a message where the chat refuses reactions', async () => {
    const { host, relay, outbox, messages } = setup({ refuseReactions: true });
    const session = host.add(makeSession('s1', 'alpha'));
    relay.acknowledgeTyped(55, session);
    await vi.runAllTimersAsync();
    await outbox.idle();
    expect(messages.map((m) => m.text)).toEqual(['→ typed into <b>alpha</b>']);
    expect(relay.sessionOfMessage(messages[0]!.id)).toBe('s1');
  });
});

describe('Relay across an app restart (a new Relay over the same store)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('never sends a remembered prompt again, and a tap on its old message edits that message', async () => {
    const store = memoryRelayStore();
    const recorded = recordingApi();
    const before = setup({ store, recorded });
    const session = before.host.add(makeSession('s1', 'alpha'));
    const prompt = before.host.open(makePrompt('p1', 's1'));
    before.relay.promptOpened(prompt, session);
    await vi.runAllTimersAsync();
    await before.outbox.idle();
    expect(store.value?.prompts.map((p) => [p.promptId, p.messageId, p.status])).toEqual([
      ['p1', 100, 'sent'],
    ]);

    // The app restarts; the prompt is still open in the PTY host.
    const after = setup({ store, recorded, host: before.host });
    after.relay.promptOpened(prompt, session);
    await vi.runAllTimersAsync();
    await after.outbox.idle();
    expect(recorded.messages).toHaveLength(1);
    const answers = recordingConfirm();
    await tapPrompt(after.relay, after.host, dataKey('p1'), 0, null, answers.confirm, noLog);
    await vi.runAllTimersAsync();
    await after.outbox.idle();
    expect(recorded.messages[0]!.text).toMatch(/answered from phone/);
    expect(recorded.messages[0]!.buttons).toEqual([]);
    await tapPrompt(after.relay, after.host, dataKey('p1'), 0, null, answers.confirm, noLog);
    expect(answers.texts).toEqual(['Sent: Yes', 'This prompt is no longer open.']);
  });

  it('a remembered prompt that closed while the app was away has its message edited at the next start', async () => {
    const store = memoryRelayStore();
    const recorded = recordingApi();
    const before = setup({ store, recorded });
    const session = before.host.add(makeSession('s1', 'alpha'));
    before.relay.promptOpened(before.host.open(makePrompt('p1', 's1')), session);
    await vi.runAllTimersAsync();
    await before.outbox.idle();
    before.host.close('s1');

    const after = setup({ store, recorded, host: before.host });
    await vi.runAllTimersAsync();
    await after.outbox.idle();
    expect(recorded.messages[0]!.buttons).toEqual([]);
    expect(recorded.messages[0]!.edits).toBe(1);
    expect(store.value?.prompts).toEqual([]);
  });

  it('forgets the remembered prompts when unpaired, and ignores those of another chat', async () => {
    const store = memoryRelayStore();
    store.value = {
      chatId: 999,
      prompts: [{ promptId: 'p9', sessionId: 's1', options: [], html: 'x', messageId: 5, status: 'sent' }],
    };
    const { relay, host } = setup({ store });
    host.add(makeSession('s1', 'alpha'));
    expect(relay.sessionOfMessage(5)).toBeNull();
    relay.reset();
    expect(store.value).toBeNull();
  });
});
