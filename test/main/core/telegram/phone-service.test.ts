/**
 * PhoneService end to end on the Telegram side: the real grammY bot long-polls the fake Bot API
 * over HTTP; the core is the in-memory RelayHost. Real timers; every test is time-boxed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeMessage } from '../../../fakes/telegram-bot-api.js';
import { NOT_PAIRED } from '../../../../main/core/telegram/composers/strangers.js';
import { waitFor } from '../../../support/wait.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import {
  botMessage,
  CHAT,
  pairPhone,
  setup,
  STRANGER,
  teardown,
  tokenOf,
  USER,
  waitForState,
  type Harness,
} from './phone-harness.js';

afterEach(teardown);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the host recorded `count` writes (a tap is answered before its write). */
const writes = (h: Harness, count: number) =>
  waitFor(() => h.host.writes.length >= count, `${count} write(s)`, 5000);

describe('token', () => {
  it('accepts a valid token, shows the bot username and polls', { timeout: 15_000 }, async () => {
    const h = await setup();
    const state = await h.phone.setToken(h.tg.token);
    expect(state).toMatchObject({
      token: 'valid',
      botUsername: 'agent_pager_test_bot',
      tokenStorage: 'file',
    });
    await waitForState(h.phone, (s) => s.polling === 'running');
    expect(h.tg.myCommands.map((c) => c.command)).toContain('sessions');
    expect(JSON.stringify(h.phone.state())).not.toContain(h.tg.token);
  });

  it('reports a token Telegram rejects (401) and a malformed one', { timeout: 15_000 }, async () => {
    const h = await setup();
    const bad = await h.phone.setToken('999:AAthisTokenDoesNotExistAtTelegram_xyz');
    expect(bad.token).toBe('invalid');
    expect(bad.error).toMatch(/401/);
    const malformed = await h.phone.setToken('hello');
    expect(malformed.token).toBe('invalid');
    expect(malformed.error).toMatch(/does not look like a bot token/);
  });

  it('shows a conflict while another program polls the bot, and recovers', { timeout: 20_000 }, async () => {
    const h = await setup();
    h.tg.simulateOtherPoller(true);
    const state = await h.phone.setToken(h.tg.token);
    expect(state.polling).toBe('conflict');
    expect(state.error).toMatch(/409/);
    h.tg.simulateOtherPoller(false);
    await waitForState(h.phone, (s) => s.polling === 'running' && s.error === null);
  });
});

describe('pairing', () => {
  it('binds the chat that presents the token and says so', { timeout: 15_000 }, async () => {
    const h = await setup();
    await h.phone.setToken(h.tg.token);
    const offer = await h.phone.beginPairing();
    expect(offer.pairing!.deepLink).toMatch(
      /^https:\/\/t\.me\/agent_pager_test_bot\?start=[A-Za-z0-9_-]{32}$/,
    );
    expect(offer.pairing!.qrSvg).toMatch(/^<svg/);
    h.tg.userSends(CHAT, USER, `/start ${tokenOf(offer)}`);
    await botMessage(h, (m) => m.text.includes('Paired with test-desk'));
    expect(h.phone.state().paired).toEqual({
      chatId: CHAT,
      userId: USER.id,
      username: 'ada',
      firstName: 'Ada',
      chatType: 'private',
      title: null,
    });
    expect(h.phone.state().pairing).toBeNull();
  });

  it('refuses a wrong, a used and an expired token', { timeout: 20_000 }, async () => {
    const h = await setup();
    await h.phone.setToken(h.tg.token);
    const offer = await h.phone.beginPairing();
    const refused = (id: number) =>
      h.tg.waitForMessage((m) => m.chatId === id && m.fromBot && /not valid/.test(m.text));
    h.tg.userSends(STRANGER.id, STRANGER, '/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await refused(STRANGER.id);
    expect(h.phone.state().paired).toBeNull();

    h.tg.userSends(CHAT, USER, `/start ${tokenOf(offer)}`);
    await botMessage(h, (m) => m.text.includes('Paired with'));
    const second = { id: 778, first_name: 'Mallory' };
    h.tg.userSends(second.id, second, `/start ${tokenOf(offer)}`);
    await refused(second.id);
    expect(h.phone.state().paired!.chatId).toBe(CHAT);

    const next = await h.phone.beginPairing();
    h.clock.now += 10 * 60 * 1000 + 1;
    const third = { id: 779, first_name: 'Trudy' };
    h.tg.userSends(third.id, third, `/start ${tokenOf(next)}`);
    await refused(third.id);
    expect(h.phone.state().paired!.chatId).toBe(CHAT);
  });

  it('ignores every update from another chat', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.host.add(makeSession('s1', 'alpha'), 'secret screen');
    h.host.open(makePrompt('p1', 's1'));
    h.phone.promptOpened(h.host.openPrompt('s1')!, h.host.sessions[0]!);
    const prompt = await botMessage(h, (m) => m.buttons.length > 0);
    h.tg.userSends(STRANGER.id, STRANGER, '/screen alpha');
    h.tg.userSends(STRANGER.id, STRANGER, 'rm -rf / please');
    const tap = await h.tg.userTaps(CHAT, STRANGER, prompt.messageId, prompt.buttons[0]![0]!.data!);
    expect(tap.text).toMatch(/not paired/);
    await h.tg.waitFor(() => (h.tg.botMessages(STRANGER.id).length > 0 ? true : null));
    await sleep(500);
    // One short answer per chat per minute: the second message got none.
    expect(h.tg.botMessages(STRANGER.id).map((m) => m.text)).toEqual([NOT_PAIRED]);
    expect(h.host.writes).toHaveLength(0);
    expect(h.logs.join('\n')).not.toMatch(/rm -rf|screen alpha/);
  });

  it(
    'tells the old chat when another chat pairs, and the chat when unpaired from the app',
    { timeout: 15_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      const offer = await h.phone.beginPairing();
      const other = { id: 888, first_name: 'Bob' };
      h.tg.userSends(other.id, other, `/start ${tokenOf(offer)}`);
      await h.tg.waitForMessage(
        (m) => m.chatId === CHAT && m.fromBot && /paired with another chat/.test(m.text),
      );
      expect(h.phone.state().paired!.chatId).toBe(888);
      h.phone.unpair();
      await h.tg.waitForMessage((m) => m.chatId === 888 && m.fromBot && /no longer paired/.test(m.text));
      expect(h.phone.state().paired).toBeNull();
    },
  );
});

describe('prompts', () => {
  async function openPrompt(h: Harness, id = 'p1'): Promise<FakeMessage> {
    const session = h.host.sessions[0] ?? h.host.add(makeSession('s1', 'alpha'), 'line 1\n$ ');
    const prompt = h.host.open(makePrompt(id, session.id));
    h.phone.promptOpened(prompt, session);
    return botMessage(h, (m) => m.buttons.length > 0 && m.buttons[0]![0]!.data === `a:${id}:0`);
  }

  it(
    'sends a permission prompt with its command and buttons; a tap answers it once',
    { timeout: 15_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      const message = await openPrompt(h);
      expect(message.text).toContain('alpha');
      expect(message.text).toContain('/home/dev/alpha');
      expect(message.raw).toContain('<pre>git status</pre>');
      expect(message.buttons.flat().map((b) => b.data)).toEqual([
        'a:p1:0',
        'a:p1:1',
        'a:p1:2',
        'e:p1',
        's:s1',
      ]);

      const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:1');
      expect(answer.text).toMatch(/Sent: Yes, and don't ask again/);
      await writes(h, 1);
      expect(h.host.writes).toEqual([{ sessionId: 's1', kind: 'answer', data: '2', promptId: 'p1' }]);
      const edited = await botMessage(
        h,
        (m) => m.messageId === message.messageId && /answered from phone/.test(m.text),
      );
      expect(edited.buttons).toEqual([]);
      expect(h.host.relayed).toEqual(['p1']);

      const again = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
      expect(again.text).toMatch(/no longer open/);
      expect(h.host.writes).toHaveLength(1);
    },
  );

  it('edits the message when the prompt is answered at the desk', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const message = await openPrompt(h);
    const prompt = h.host.openPrompt('s1')!;
    h.host.close('s1');
    h.phone.promptClosed(prompt, 'answered-here');
    const edited = await botMessage(
      h,
      (m) => m.messageId === message.messageId && /answered at the desk/.test(m.text),
    );
    expect(edited.buttons).toEqual([]);
    const tap = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
    expect(tap.text).toMatch(/no longer open/);
    expect(h.host.writes).toHaveLength(0);
  });

  it('does not send while paused', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.tg.userSends(CHAT, USER, '/pause');
    await botMessage(h, (m) => /paused/.test(m.text));
    expect(h.phone.state().paused).toBe(true);
    const session = h.host.add(makeSession('s1', 'alpha'));
    h.phone.promptOpened(h.host.open(makePrompt('p1', 's1')), session);
    await sleep(500);
    expect(h.tg.botMessages(CHAT).filter((m) => m.buttons.length > 0)).toHaveLength(0);
  });

  it('honours 429 retry_after', { timeout: 25_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const before = h.tg.callsOf('sendMessage').length;
    h.tg.failNext('sendMessage', { status: 429, retryAfter: 2 });
    await openPrompt(h, 'p1');
    const calls = h.tg.callsOf('sendMessage').slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it(
    'delivers a prompt raised offline exactly once when back, without waiting out a long poll',
    { timeout: 30_000 },
    async () => {
      // A 30 s long poll: the first poll after the outage must be short, or "running" and the
      // prompt would wait for that poll to run out with no updates.
      const h = await setup({ pollTimeoutSeconds: 30 });
      await pairPhone(h);
      h.host.add(makeSession('s1', 'alpha'));
      await h.tg.goOffline();
      await waitForState(h.phone, (s) => s.polling === 'offline');
      // The outbox sends at once now: give the HTTP client a moment to drop the keep-alive socket
      // the fake just destroyed (a send on it fails ECONNRESET, which is ambiguous: given up).
      await sleep(300);
      const session = h.host.sessions[0]!;
      h.phone.promptOpened(h.host.open(makePrompt('p1', 's1')), session);
      h.phone.promptOpened(h.host.openPrompt('s1')!, session);
      await sleep(1500);
      await h.tg.goOnline();
      await waitForState(h.phone, (s) => s.polling === 'running', 12_000);
      await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p1:0', 5_000);
      await sleep(1500);
      expect(h.tg.botMessages(CHAT).filter((m) => m.buttons[0]?.[0]?.data === 'a:p1:0')).toHaveLength(1);
      expect(h.host.relayed).toEqual(['p1']);
    },
  );

  it('drops a prompt that closed before it could be sent', { timeout: 30_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.host.add(makeSession('s1', 'alpha'));
    await h.tg.goOffline();
    await waitForState(h.phone, (s) => s.polling === 'offline');
    const prompt = h.host.open(makePrompt('p1', 's1'));
    h.phone.promptOpened(prompt, h.host.sessions[0]!);
    await sleep(300);
    h.host.close('s1');
    h.phone.promptClosed(prompt, 'answered-here');
    await h.tg.goOnline();
    await waitForState(h.phone, (s) => s.polling === 'running', 15_000);
    await sleep(1500);
    expect(h.tg.botMessages(CHAT).filter((m) => m.buttons.length > 0)).toHaveLength(0);
  });

  it(
    'never sends twice when the answer to a send was lost; a tap still works',
    { timeout: 15_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      h.tg.failNext('sendMessage', { dropResponse: true });
      const session = h.host.add(makeSession('s1', 'alpha'));
      h.phone.promptOpened(h.host.open(makePrompt('p1', 's1')), session);
      const message = await botMessage(h, (m) => m.buttons.length > 0);
      await sleep(2000);
      expect(h.tg.botMessages(CHAT).filter((m) => m.buttons.length > 0)).toHaveLength(1);
      const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
      expect(answer.text).toMatch(/Sent: Yes/);
      await writes(h, 1);
      await botMessage(h, (m) => m.messageId === message.messageId && /answered from phone/.test(m.text));
    },
  );
});

describe('chat', () => {
  it('routes a reply to its session and plain text to the last asking one', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const a = h.host.add(makeSession('s1', 'alpha'));
    const b = h.host.add(makeSession('s2', 'beta'));
    h.phone.promptOpened(
      h.host.open(makePrompt('pa', 's1', { kind: 'finished', body: 'All tests pass.', options: [] })),
      a,
    );
    const msgA = await botMessage(h, (m) => /alpha is waiting/.test(m.text));
    expect(msgA.text).toContain('All tests pass.');
    expect(msgA.text).toMatch(/Reply to this message/);
    h.phone.promptOpened(h.host.open(makePrompt('pb', 's2', { kind: 'input', body: '', options: [] })), b);
    await botMessage(h, (m) => /beta is waiting/.test(m.text));

    const botCount = h.tg.botMessages(CHAT).length;
    const first = h.tg.userSends(CHAT, USER, 'fix the linter too', { replyTo: msgA.messageId });
    // Confirmed with a reaction on the user's own message, not with another message.
    await h.tg.waitFor(() => (first.reactions.includes('✍') ? true : null));
    const second = h.tg.userSends(CHAT, USER, 'continue');
    await h.tg.waitFor(() => (second.reactions.includes('✍') ? true : null));
    expect(h.host.writes.map((w) => [w.sessionId, w.data])).toEqual([
      ['s1', 'fix the linter too'],
      ['s2', 'continue'],
    ]);
    expect(h.tg.botMessages(CHAT)).toHaveLength(botCount);
  });

  it('answers /sessions, /screen and /keys', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.host.add(makeSession('s1', 'alpha'), 'alpha$ make <all> & test\nok');
    h.host.add(makeSession('s2', 'beta'), 'beta screen');
    h.tg.userSends(CHAT, USER, '/sessions');
    const list = await botMessage(h, (m) => /Pick one/.test(m.text));
    expect(list.text).toMatch(/alpha \(running\)/);
    expect(list.buttons.flat().map((b) => b.data)).toEqual(['p:s1', 'p:s2']);

    h.tg.userSends(CHAT, USER, '/screen alpha');
    const screen = await botMessage(h, (m) => m.text.includes('make <all> & test'));
    expect(screen.raw).toContain('<pre>alpha$ make &lt;all&gt; &amp; test\nok</pre>');

    const picked = await h.tg.userTaps(CHAT, USER, list.messageId, 'p:s2');
    expect(picked.text).toMatch(/Picked beta/);
    const keypad = await botMessage(h, (m) => /Keys for beta/.test(m.text));
    const ctrlC = keypad.buttons.flat().find((b) => b.text === 'Ctrl-C')!;
    const sent = await h.tg.userTaps(CHAT, USER, keypad.messageId, ctrlC.data!);
    expect(sent.text).toMatch(/Sent Ctrl-C to beta/);
    await writes(h, 1);
    expect(h.host.writes).toEqual([{ sessionId: 's2', kind: 'keys', data: '\x03', promptId: null }]);

    h.tg.userSends(CHAT, USER, '/keys');
    await h.tg.waitFor(() =>
      h.tg.botMessages(CHAT).filter((m) => /Keys for beta/.test(m.text)).length === 2 ? true : null,
    );
  });
});

describe('secrecy', () => {
  it('never prints the bot token, even for network errors', { timeout: 30_000 }, async () => {
    const printed: string[] = [];
    const capture = (...args: unknown[]) => {
      printed.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
    };
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture),
    );
    try {
      const h = await setup({ log: undefined });
      await pairPhone(h);
      await h.tg.goOffline();
      await waitForState(h.phone, (s) => s.polling === 'offline');
      await sleep(300); // see 'delivers a prompt raised offline exactly once when back'
      h.host.add(makeSession('s1', 'alpha'));
      h.phone.promptOpened(h.host.open(makePrompt('p1', 's1')), h.host.sessions[0]!);
      await sleep(1500);
      await h.tg.goOnline();
      await botMessage(h, (m) => m.buttons.length > 0, 15_000);
      await h.phone.setToken('999:AAthisTokenDoesNotExistAtTelegram_xyz');
      expect(printed.length).toBeGreaterThan(0);
      expect(printed.join('\n')).not.toContain(h.tg.token);
      expect(printed.join('\n')).not.toContain(h.tg.token.split(':')[1]);
      expect(JSON.stringify(h.phone.state())).not.toContain(h.tg.token);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
