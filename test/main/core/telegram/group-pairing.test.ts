/**
 * Pairing a group and the group guard, with the real grammY bot long-polling the fake Bot API:
 * the `startgroup` link pairs the group and the user who added the bot; only that user acts
 * there; the computer's name heads every message while shown; what is meant for other bots or
 * is the group's conversation is left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage } from '../../../fakes/telegram-bot-api.js';
import { notOwnerText } from '../../../../main/core/telegram/composers/strangers.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import { CHAT, setup, sleep, teardown, tokenOf, USER, waitForState, type Harness } from './phone-harness.js';

const GROUP: FakeChat = { id: -100200300, type: 'supergroup', title: 'Build room' };
const MEMBER = { id: 888, first_name: 'Bob', username: 'bob' };
const OTHER_BOT = {
  token: '2234567890:AAOtherTokenForTestsOnly_abcdefghijkl',
  id: 2234567890,
  username: 'other_pager_bot',
  firstName: 'Other',
};

afterEach(teardown);

const inGroup = (h: Harness, predicate: (m: FakeMessage) => boolean, timeoutMs = 8000) =>
  h.tg.waitForMessage((m) => m.chatId === GROUP.id && m.fromBot && predicate(m), timeoutMs);

/** Pairs GROUP through the startgroup link, as USER. */
async function pairGroup(h: Harness): Promise<FakeMessage> {
  await h.phone.setToken(h.tg.token);
  const offer = await h.phone.beginPairing();
  expect(offer.pairing!.groupLink).toBe(`https://t.me/agent_pager_test_bot?startgroup=${tokenOf(offer)}`);
  h.tg.userAddsBotToGroup(GROUP, USER, h.tg.bot, tokenOf(offer));
  return inGroup(h, (m) => /This group is paired with/.test(m.text));
}

describe('group pairing', () => {
  it(
    'pairs the group and its user; every message carries the computer name',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      const greeting = await pairGroup(h);
      expect(greeting.text).toMatch(/^🖥 test-desk\n✅ This group is paired with test-desk/);
      expect(greeting.text).toContain('only @ada can answer');
      expect(h.phone.state().paired).toMatchObject({
        chatId: GROUP.id,
        userId: USER.id,
        chatType: 'supergroup',
        title: 'Build room',
      });
      h.host.add(makeSession('s1', 'alpha'), 'screen');
      h.host.open(makePrompt('p1', 's1'));
      h.phone.promptOpened(h.host.openPrompt('s1')!, h.host.sessions[0]!);
      const prompt = await inGroup(h, (m) => m.buttons.length > 0);
      expect(prompt.text.startsWith('🖥 test-desk\n')).toBe(true);
      // A new name shows on the next message, without pairing again.
      h.host.computerName = 'studio';
      const asked = h.tg.userSends(GROUP, USER, '/sessions@agent_pager_test_bot');
      const list = await inGroup(h, (m) => m.messageId > asked.messageId);
      expect(list.text.startsWith('🖥 studio\n')).toBe(true);
      h.host.nameMode = 'never';
      const again = h.tg.userSends(GROUP, USER, '/sessions');
      const plain = await inGroup(h, (m) => m.messageId > again.messageId);
      expect(plain.text).not.toContain('🖥');
    },
  );

  it('refuses another member: taps and messages reach no session', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairGroup(h);
    h.host.add(makeSession('s1', 'alpha'), 'screen');
    h.host.open(makePrompt('p1', 's1'));
    h.phone.promptOpened(h.host.openPrompt('s1')!, h.host.sessions[0]!);
    const prompt = await inGroup(h, (m) => m.buttons.length > 0);
    const tap = await h.tg.userTaps(GROUP, MEMBER, prompt.messageId, prompt.buttons[0]![0]!.data!);
    expect(tap.text).toBe(notOwnerText({ username: 'ada', firstName: 'Ada' }));
    const first = h.tg.userSends(GROUP, MEMBER, 'yes', { replyTo: prompt.messageId });
    h.tg.userSends(GROUP, MEMBER, '/keys');
    h.tg.userSends(GROUP, MEMBER, 'also yes', { replyTo: prompt.messageId });
    const refusal = await inGroup(h, (m) => m.messageId > first.messageId);
    expect(refusal.text).toMatch(/Only @ada, who paired this computer with the group, can use it here/);
    expect(refusal.replyToMessageId).toBe(first.messageId);
    await sleep(800);
    // At most one answer per window, and nothing typed.
    expect(h.tg.botMessages(GROUP.id).filter((m) => /Only @ada/.test(m.text))).toHaveLength(1);
    expect(h.host.writes).toHaveLength(0);
    // The owner's reply to the prompt still works.
    const yes = h.tg.userSends(GROUP, USER, '1', { replyTo: prompt.messageId });
    await h.tg.waitFor(() => (h.host.writes.length > 0 || yes.reactions.length > 0 ? true : null));
  });

  it(
    'leaves the group conversation, service messages and other bots’ commands alone',
    { timeout: 20_000 },
    async () => {
      const h = await setup(
        {},
        {
          bots: [
            {
              token: '1234567890:AAFakeTokenForTestsOnly_abcdefghijklmn',
              id: 1234567890,
              username: 'agent_pager_test_bot',
              firstName: 'Agent Pager Test',
            },
            OTHER_BOT,
          ],
        },
      );
      await pairGroup(h);
      h.host.add(makeSession('s1', 'alpha'), 'screen');
      const before = h.tg.botMessages(GROUP.id).length;
      h.tg.userAddsBotToGroup(GROUP, USER, OTHER_BOT);
      // Plain text delivered to our bot (as with privacy mode off) and a command for the other bot.
      h.tg.userSends(GROUP, USER, 'lunch at one?', { to: h.tg.bot });
      h.tg.userSends(GROUP, USER, '/sessions@other_pager_bot', { to: h.tg.bot });
      await sleep(1200);
      expect(h.tg.botMessages(GROUP.id)).toHaveLength(before);
      expect(h.host.writes).toHaveLength(0);
    },
  );

  it(
    'follows the paired group when Telegram makes it a supergroup with a new id',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      const small: FakeChat = { id: -4001, type: 'group', title: 'Small' };
      await h.phone.setToken(h.tg.token);
      const offer = await h.phone.beginPairing();
      h.tg.userAddsBotToGroup(small, USER, h.tg.bot, tokenOf(offer));
      await waitForState(h.phone, (s) => s.paired?.chatId === small.id);
      // A forged migration from another chat is ignored; Telegram's service message in the group is not.
      h.tg.injectUpdate({
        message: {
          message_id: 90,
          date: 0,
          chat: { id: -4002, type: 'group', title: 'x' },
          from: MEMBER,
          migrate_to_chat_id: -1009,
        },
      });
      h.tg.injectUpdate({
        message: { message_id: 91, date: 0, chat: small, from: MEMBER, migrate_to_chat_id: -1004001 },
      });
      const state = await waitForState(h.phone, (s) => s.paired?.chatId === -1004001);
      expect(state.paired).toMatchObject({ chatType: 'supergroup', userId: USER.id });
      h.tg.userStartedBotEarlier(-1004001);
      const asked = h.tg.userSends({ id: -1004001, type: 'supergroup', title: 'Small' }, USER, '/sessions');
      const list = await h.tg.waitForMessage(
        (m) => m.chatId === -1004001 && m.fromBot && m.messageId > asked.messageId,
      );
      expect(list.text.startsWith('🖥 test-desk\n')).toBe(true);
    },
  );

  it('a private chat shows no name under auto', { timeout: 20_000 }, async () => {
    const h = await setup();
    await h.phone.setToken(h.tg.token);
    const offer = await h.phone.beginPairing();
    h.tg.userSends(CHAT, USER, `/start ${tokenOf(offer)}`);
    const greeting = await h.tg.waitForMessage((m) => m.chatId === CHAT && m.fromBot);
    expect(greeting.text).toMatch(/^✅ Paired with test-desk/);
    await waitForState(h.phone, (s) => s.paired?.chatType === 'private');
    h.host.nameMode = 'always';
    const asked = h.tg.userSends(CHAT, USER, '/sessions');
    const list = await h.tg.waitForMessage(
      (m) => m.chatId === CHAT && m.fromBot && m.messageId > asked.messageId,
    );
    expect(list.text.startsWith('🖥 test-desk\n')).toBe(true);
  });
});
