/**
 * Every tap is answered, and old prompt messages stay truthful after a restart: a tap on one that
 * is no longer open removes its buttons; one still open is answered and its message keeps its
 * formatting; an inaccessible message only loses its buttons.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TAP_FAILED } from '../../../../main/core/telegram/composers/prompts.js';
import { waitFor } from '../../../support/wait.js';
import { makePrompt, makeSession } from './memory-relay-host.js';
import {
  botMessage,
  CHAT,
  pairPhone,
  restart,
  setup,
  teardown,
  USER,
  type Harness,
} from './phone-harness.js';

afterEach(teardown);

/** Opens a prompt and returns a copy of its message as first sent (the fake edits in place). */
async function promptMessage(h: Harness) {
  const session = h.host.add(makeSession('s1', 'alpha'));
  h.phone.promptOpened(h.host.open(makePrompt('p1', 's1', { body: 'rm -rf build' })), session);
  return structuredClone(await botMessage(h, (m) => m.buttons.length > 0));
}

describe('taps', () => {
  it('answers a tap even when handling it throws', { timeout: 15_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const message = await promptMessage(h);
    h.host.openPrompt = () => {
      throw new Error('host exploded');
    };
    const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
    expect(answer.text).toBe(TAP_FAILED);
    await waitFor(
      () => h.logs.some((l) => /handler failed .*host exploded/.test(l)),
      'the error logged',
      5000,
    );
  });

  it('after a restart, a tap on a prompt that closed removes its buttons', { timeout: 25_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const message = await promptMessage(h);
    h.host.close('s1');
    await restart(h);
    const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
    expect(answer.text).toBe('This prompt is no longer open.');
    await botMessage(h, (m) => m.messageId === message.messageId && m.buttons.length === 0);
    expect(h.host.writes).toEqual([]);
  });

  it('after a restart, answering a prompt keeps its message formatting', { timeout: 25_000 }, async () => {
    const h = await setup();
    await pairPhone(h);
    const message = await promptMessage(h);
    expect(message.entities.some((e) => e.type === 'pre')).toBe(true);
    await restart(h);
    const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0');
    expect(answer.text).toBe('Sent: Yes');
    const edited = await botMessage(
      h,
      (m) => m.messageId === message.messageId && /answered from phone/.test(m.text),
    );
    expect(edited.text.startsWith(message.text)).toBe(true);
    expect(edited.entities.filter((e) => e.type === 'pre')).toEqual(
      message.entities.filter((e) => e.type === 'pre'),
    );
    expect(edited.entities).toContainEqual({ type: 'bold', offset: message.text.length + 4, length: 3 });
    expect(edited.buttons).toEqual([]);
    await waitFor(() => h.host.writes.length === 1, 'the write', 5000);
  });

  it(
    'a tap on an inaccessible message answers but never replaces its text',
    { timeout: 25_000 },
    async () => {
      const h = await setup();
      await pairPhone(h);
      const message = await promptMessage(h);
      await restart(h);
      const answer = await h.tg.userTaps(CHAT, USER, message.messageId, 'a:p1:0', 5000, {
        inaccessible: true,
      });
      expect(answer.text).toBe('Sent: Yes');
      const edited = await botMessage(h, (m) => m.messageId === message.messageId && m.buttons.length === 0);
      expect(edited.text).toBe(message.text);
      await waitFor(() => h.host.writes.length === 1, 'the write', 5000);
    },
  );
});
