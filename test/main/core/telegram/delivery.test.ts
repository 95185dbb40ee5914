/**
 * Messages always reach the phone, against a fake as strict as Telegram: text cut on character
 * boundaries, a plain-text resend when Telegram refuses the formatting, callback answers within
 * Telegram's 200 characters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../support/wait.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import { botMessage, CHAT, pairPhone, setup, teardown, USER } from './phone-harness.js';

afterEach(teardown);

describe('delivery', () => {
  it('delivers a prompt full of emoji, cut without splitting one', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const session = h.host.add(makeSession('s1', '🚀'.repeat(41)));
    const prompt = h.host.open(
      makePrompt('p1', 's1', {
        body: '😀'.repeat(5001),
        options: [{ label: `${'🎉'.repeat(150)}`, keys: '1' }],
      }),
    );
    h.phone.promptOpened(prompt, session);
    const message = await botMessage(h, (m) => m.buttons.length > 0);
    expect(message.text).toContain('😀😀');
    expect(message.buttons[0]![0]!.text).toMatch(/^1\. (🎉)+…$/u);
  });

  it(
    'a permission whose full command arrives while its message is on the way still gets the picture',
    { timeout: 20_000 },
    async () => {
      const h = await setup({}, { latencyMs: 400 });
      await pairPhone(h);
      const session = h.host.add(makeSession('s1', 'alpha'));
      const screenRead = h.host.open(makePrompt('p1', 's1', { body: 'echo part 1 …' }));
      h.phone.promptOpened(screenRead, session);
      // Claude's hook gives the whole command a moment later, before sendMessage has answered.
      h.phone.promptUpdated({ ...screenRead, body: `echo ${'part of a long line '.repeat(300)}` }, session);
      const message = await botMessage(h, (m) => m.buttons.length > 0);
      const picture = await botMessage(
        h,
        (m) => m.file !== undefined && m.replyToMessageId === message.messageId,
        10_000,
      );
      expect(picture.text).toMatch(/whole request/);
    },
  );

  it('resends as plain text when Telegram refuses the formatting', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const session = h.host.add(makeSession('s1', 'alpha'));
    h.tg.failNext('sendMessage', {
      status: 400,
      description: 'Bad Request: can\'t parse entities: unsupported start tag "x" at byte offset 3',
    });
    h.phone.promptOpened(h.host.open(makePrompt('p1', 's1', { body: 'rm -rf <build> && make' })), session);
    const message = await botMessage(h, (m) => m.buttons.length > 0);
    expect(message.parseMode).toBeNull();
    expect(message.text).toContain('rm -rf <build> && make');
    expect(message.buttons.flat().map((b) => b.data)).toContain('a:p1:0');
    expect(h.logs.some((l) => /sent as plain text/.test(l))).toBe(true);
  });

  it('answers a tap on a very long option within 200 characters', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const session = h.host.add(makeSession('s1', 'alpha'));
    const label = `Yes, and allow ${'x'.repeat(300)}`;
    h.phone.promptOpened(h.host.open(makePrompt('p1', 's1', { options: [{ label, keys: '1' }] })), session);
    const message = await botMessage(h, (m) => m.buttons.length > 0);
    const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
    expect(answer.text!.length).toBeLessThanOrEqual(200);
    expect(answer.text).toMatch(/^Sent: Yes, and allow x+…$/);
    await waitFor(() => h.host.writes.length === 1, 'the write', 5000);
  });
});
