/**
 * The chat as a user meets it: the agent's own slash commands reach the session, /start before
 * pairing explains how to pair, the bot's profile and menu are set for private chats, and what is
 * not typed (forwards, media, edits) says so, while quotes and formatted text are typed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_DESCRIPTION, BOT_SHORT_DESCRIPTION } from '../../../../main/core/telegram/bot-profile.js';
import { HOW_TO_PAIR } from '../../../../main/core/telegram/composers/strangers.js';
import { NOT_TYPED } from '../../../../main/core/telegram/composers/replies.js';
import { VOICE_NOT_SUPPORTED } from '../../../../main/core/telegram/composers/files.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import {
  botMessage,
  CHAT,
  pairPhone,
  setup,
  teardown,
  USER,
  typed,
  waitForState,
  type Harness,
} from './phone-harness.js';

afterEach(teardown);

async function waiting(h: Harness) {
  const session = h.host.add(makeSession('s1', 'alpha'));
  h.phone.promptOpened(
    h.host.open(makePrompt('p1', 's1', { kind: 'finished', body: 'Done.', options: [] })),
    session,
  );
  return botMessage(h, (m) => /alpha is waiting/.test(m.text));
}

describe('conversation', () => {
  it("types the agent's own slash commands into the session", { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const message = await waiting(h);
    await typed(h, h.tg.userSends(CHAT, USER, '/compact', { replyTo: message.messageId }));
    h.tg.userSends(CHAT, USER, '/model opus');
    await h.tg.waitFor(() => (h.host.writes.length === 2 ? true : null));
    expect(h.host.writes.map((w) => w.data)).toEqual(['/compact', '/model opus']);
    h.tg.userSends(CHAT, USER, '/help');
    await botMessage(h, (m) => /relays your coding sessions/.test(m.text));
    expect(h.host.writes).toHaveLength(2);
  });

  it('answers an unknown command when there is no session to type it into', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.tg.userSends(CHAT, USER, '/frobnicate');
    await botMessage(h, (m) => /^Unknown command/.test(m.text));
    expect(h.host.writes).toEqual([]);
  });

  it('tells a chat how to pair when it presses Start before pairing', { timeout: 15_000 }, async () => {
    const h = await setup();
    await h.phone.setToken(h.tg.token);
    h.tg.userSends(CHAT, USER, '/start');
    const answer = await botMessage(h, () => true);
    expect(answer.text).toBe(HOW_TO_PAIR);
    expect(answer.text).toMatch(/Phone → Pair phone/);
    expect(h.phone.state().paired).toBeNull();
  });

  it(
    'sets the description, the private-chat command menu and the update kinds',
    { timeout: 15_000 },
    async () => {
      const h = await setup();
      await h.phone.setToken(h.tg.token);
      await waitForState(h.phone, (s) => s.polling === 'running');
      await h.tg.waitFor(() => (h.tg.myDescriptions.shortDescription ? true : null));
      expect(h.tg.myDescriptions).toEqual({
        description: BOT_DESCRIPTION,
        shortDescription: BOT_SHORT_DESCRIPTION,
      });
      expect(h.tg.myCommandsScope).toEqual({ type: 'all_private_chats' });
      expect(h.tg.myCommands.map((c) => c.command)).toContain('sessions');
      await h.tg.waitFor(() => (h.tg.allowedUpdateKinds ? true : null));
      expect(h.tg.allowedUpdateKinds).toEqual(['message', 'edited_message', 'callback_query']);
    },
  );

  it(
    'types quotes and formatted text as plain text; refuses forwards, media and edits',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      const message = await waiting(h);
      h.host.add(makeSession('s2', 'beta'));
      h.tg.userSends(CHAT, USER, '/sessions');
      const list = await botMessage(h, (m) => /Pick one/.test(m.text));
      await h.tg.userTaps(CHAT, USER, list.messageId, 'p:s2');
      await botMessage(h, (m) => /Keys for beta/.test(m.text));

      await typed(
        h,
        h.tg.userSends(CHAT, USER, 'yes please', { replyTo: message.messageId, quote: 'Done.' }),
      );
      await typed(
        h,
        h.tg.userSends(CHAT, USER, 'run the tests', { entities: [{ type: 'bold', offset: 4, length: 3 }] }),
      );
      expect(h.host.writes.map((w) => [w.sessionId, w.data])).toEqual([
        ['s1', 'yes please'],
        ['s2', 'run the tests'],
      ]);

      const forwarded = h.tg.userSends(CHAT, USER, 'rm -rf ~', {
        forwardedFrom: { id: 9, first_name: 'Mallory' },
      });
      await botMessage(
        h,
        (m) => m.text === NOT_TYPED.forwarded && m.replyToMessageId === forwarded.messageId,
      );
      // Photos and documents are saved to the inbox (files.ts; e2e/phone-pictures-files.test.ts).
      const sticker = h.tg.userSendsMedia(CHAT, USER, 'sticker');
      await botMessage(h, (m) => m.text === NOT_TYPED.media && m.replyToMessageId === sticker.messageId);
      h.tg.userSendsMedia(CHAT, USER, 'voice');
      await botMessage(h, (m) => m.text === VOICE_NOT_SUPPORTED);
      const sent = h.tg.userSends(CHAT, USER, 'continu');
      await typed(h, sent);
      h.tg.userEdits(CHAT, USER, sent.messageId, 'continue');
      await botMessage(h, (m) => m.text === NOT_TYPED.edited);
      expect(h.host.writes.map((w) => w.data)).toEqual(['yes please', 'run the tests', 'continu']);
    },
  );
});
