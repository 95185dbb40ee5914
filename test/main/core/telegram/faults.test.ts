/**
 * Telegram faults, against the strict fake: the app never crashes, never sends a message twice,
 * says what is wrong, and carries on when it can (connection refused, timeouts, 5xx, 429 beyond
 * auto-retry's cap, a chat that blocked the bot, a revoked token). 409 is in phone-service.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PhoneService } from '../../../../main/core/telegram/phone-service.js';
import { STOP_WAIT_MS } from '../../../../main/core/telegram/poller.js';
import { sleep, waitFor } from '../../../support/wait.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import {
  botMessage,
  CHAT,
  pairPhone,
  setup,
  teardown,
  USER,
  waitForState,
  type Harness,
} from './phone-harness.js';

afterEach(teardown);

function open(h: Harness, id: string): void {
  const session = h.host.sessions[0] ?? h.host.add(makeSession('s1', 'alpha'));
  h.phone.promptOpened(h.host.open(makePrompt(id, session.id)), session);
}

const promptMessages = (h: Harness, id: string) =>
  h.tg.botMessages(CHAT).filter((m) => m.buttons[0]?.[0]?.data === `a:${id}:0`);

describe('Telegram faults', () => {
  it(
    'connection refused: says offline, keeps the prompt, delivers it once back',
    { timeout: 30_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      await h.tg.goOffline();
      const offline = await waitForState(h.phone, (s) => s.polling === 'offline');
      expect(offline.error).toMatch(/Cannot reach Telegram/);
      await sleep(500);
      open(h, 'p1');
      await sleep(1000);
      await h.tg.goOnline();
      await waitForState(h.phone, (s) => s.polling === 'running' && s.error === null, 15_000);
      await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p1:0', 10_000);
    },
  );

  it(
    'started offline with a saved token: says offline, not "checking" for ever, and quits at once',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      await h.phone.stop();
      await h.tg.goOffline();
      h.phone = new PhoneService(h.options);
      await h.phone.start();
      const offline = await waitForState(h.phone, (s) => s.polling === 'offline', 5000);
      expect(offline.error).toMatch(/Cannot reach Telegram/);
      const stopping = Date.now();
      await h.phone.stop();
      // Quitting the app waits for this: it used to wait out STOP_WAIT_MS behind grammY's
      // endless getMe retries.
      expect(Date.now() - stopping).toBeLessThan(STOP_WAIT_MS / 2);
    },
  );

  it('a send that times out is not sent again; the next one goes out', { timeout: 20_000 }, async () => {
    const h = await setup({ sendTimeoutSeconds: 1 });
    await pairPhone(h);
    h.tg.failNext('sendMessage', { hang: true });
    open(h, 'p1');
    await waitFor(
      () => h.logs.some((l) => /prompt p1 may not have been delivered/.test(l)),
      'the give-up',
      8000,
    );
    h.host.close('s1');
    open(h, 'p2');
    await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p2:0');
    expect(
      h.tg
        .callsOf('sendMessage')
        .filter((c) => c.params.reply_markup && JSON.stringify(c.params).includes('a:p1:0')),
    ).toHaveLength(1);
  });

  it('a 502 after Telegram stored the message leaves exactly one message', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.tg.failNext('sendMessage', { status: 502, afterStore: true });
    open(h, 'p1');
    await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p1:0');
    // auto-retry would resend a 5xx after 3 s (INITIAL_LAST_DELAY of @grammyjs/auto-retry).
    await sleep(4500);
    expect(promptMessages(h, 'p1')).toHaveLength(1);
    // The message is there and answerable, even though the send looked failed.
    const tap = await h.tg.userTaps(CHAT, USER, promptMessages(h, 'p1')[0]!.messageId, 'a:p1:0');
    expect(tap.text).toBe('Sent: Yes');
  });

  it('a 502 on getUpdates does not stop polling', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.tg.failNext('getUpdates', { status: 502 });
    h.host.add(makeSession('s1', 'alpha'));
    h.tg.userSends(CHAT, USER, '/sessions');
    await botMessage(h, (m) => /Pick one/.test(m.text), 15_000);
  });

  it('a 429 beyond the retry cap delays the next attempt by retry_after', { timeout: 20_000 }, async () => {
    const h = await setup({ maxRetryDelaySeconds: 1 });
    await pairPhone(h);
    const before = h.tg.callsOf('sendMessage').length;
    h.tg.failNext('sendMessage', { status: 429, retryAfter: 3 });
    open(h, 'p1');
    await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p1:0', 10_000);
    const calls = h.tg.callsOf('sendMessage').slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2900);
  });

  it(
    'a chat that blocked the bot: shown, nothing sent, resumes when the user writes again',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      h.tg.userBlocksBot(CHAT);
      open(h, 'p1');
      const blocked = await waitForState(h.phone, (s) => s.blocked);
      expect(blocked.paired?.chatId).toBe(CHAT);
      const calls = h.tg.callsOf('sendMessage').length;
      h.host.close('s1');
      open(h, 'p2');
      await sleep(500);
      expect(h.tg.callsOf('sendMessage')).toHaveLength(calls);
      h.tg.userSends(CHAT, USER, '/start');
      await waitForState(h.phone, (s) => !s.blocked);
      h.host.close('s1');
      open(h, 'p3');
      await botMessage(h, (m) => m.buttons[0]?.[0]?.data === 'a:p3:0');
    },
  );

  it('a token revoked while running: the UI says so and polling stops', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.tg.revokeToken();
    const state = await waitForState(h.phone, (s) => s.token === 'invalid');
    expect(state.polling).toBe('stopped');
    expect(state.error).toMatch(/revoked/);
    await sleep(300);
    const polls = h.tg.callsOf('getUpdates').length;
    await sleep(2000);
    expect(h.tg.callsOf('getUpdates')).toHaveLength(polls);
    expect(JSON.stringify(h.phone.state())).not.toContain(h.tg.token);
  });
});
