/**
 * Taps and messages Telegram kept while the computer was offline and delivers late are never
 * typed: a tap is answered before its write, and Telegram refuses answers to old queries; a
 * message older than a minute gets a reply saying it was not typed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../support/wait.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import { botMessage, typed, CHAT, pairPhone, setup, teardown, USER } from './phone-harness.js';

afterEach(teardown);

describe('late taps and messages', () => {
  it(
    'writes nothing for a tap Telegram says is too old; a fresh tap still answers',
    { timeout: 20_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      const session = h.host.add(makeSession('s1', 'alpha'));
      h.phone.promptOpened(h.host.open(makePrompt('p1', 's1')), session);
      const message = await botMessage(h, (m) => m.buttons.length > 0);
      const late = h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0', 5000, { ageMs: 60_000 });
      await expect(late).rejects.toThrow(/too old/);
      await sleep(300);
      expect(h.host.writes).toEqual([]);
      expect(h.logs.join('\n')).toMatch(/after its answer window/);

      const fresh = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:2');
      expect(fresh.text).toMatch(/^Sent: No/);
      await waitFor(() => h.host.writes.length === 1, 'the write', 5000);
      expect(h.host.writes[0]).toMatchObject({ kind: 'answer', data: '3', promptId: 'p1' });
    },
  );

  it('writes nothing for a late keypad tap', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    h.host.add(makeSession('s1', 'alpha'));
    h.tg.userSends(CHAT, USER, '/keys');
    const keypad = await botMessage(h, (m) => /Keys for alpha/.test(m.text));
    const y = keypad.buttons.flat().find((b) => b.text === 'y')!;
    await expect(
      h.tg.userTaps(CHAT, USER, keypad.messageId, y.data!, 5000, { ageMs: 30_000 }),
    ).rejects.toThrow(/too old/);
    await sleep(300);
    expect(h.host.writes).toEqual([]);
  });

  it('does not type a message that arrived minutes late, and says so', { timeout: 20_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const session = h.host.add(makeSession('s1', 'alpha'));
    h.phone.promptOpened(
      h.host.open(makePrompt('p1', 's1', { kind: 'input', body: '', options: [] })),
      session,
    );
    await botMessage(h, (m) => /alpha is waiting/.test(m.text));
    const sent = h.tg.userSends(CHAT, USER, 'yes, delete it', { ageMs: 3 * 60_000 });
    const reply = await botMessage(h, (m) => /late/.test(m.text));
    expect(reply.text).toMatch(/arrived 3 min late .* was not typed/);
    expect(reply.replyToMessageId).toBe(sent.messageId);
    await typed(h, h.tg.userSends(CHAT, USER, 'now'));
    expect(h.host.writes.map((w) => w.data)).toEqual(['now']);
  });
});
