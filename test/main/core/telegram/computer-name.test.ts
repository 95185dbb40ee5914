import type { Transformer } from 'grammy';
import { describe, expect, it } from 'vitest';
import { computerNameSchema } from '../../../../contract/bridge.js';
import {
  computerNameTransformer,
  effectiveComputerName,
  nameShown,
  withNameLine,
} from '../../../../main/core/telegram/computer-name.js';
import { visibleLength } from '../../../../main/core/telegram/format.js';

/** Runs the transformer on one call and returns the payload that went on. */
async function through(
  transformer: Transformer,
  method: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> = {};
  const prev = (async (_m: string, p: Record<string, unknown>) => {
    seen = p;
    return { ok: true, result: true };
  }) as unknown as Parameters<Transformer>[0];
  await transformer(prev, method as never, payload as never, undefined);
  return seen;
}

describe('the computer name setting', () => {
  it('is trimmed, at most 64 chars, without control or bidi characters; empty means the host name', () => {
    expect(computerNameSchema.parse('  studio mac  ')).toBe('studio mac');
    expect(computerNameSchema.parse('')).toBe('');
    expect(computerNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
    expect(computerNameSchema.safeParse('evil\nname').success).toBe(false);
    expect(computerNameSchema.safeParse('a\u202Eb').success).toBe(false);
    expect(computerNameSchema.parse('🧑‍💻 laptop')).toBe('🧑‍💻 laptop');
  });

  it('falls back to a cleaned host name, cut to 64 chars', () => {
    expect(effectiveComputerName('desk', 'host')).toBe('desk');
    expect(effectiveComputerName('  ', 'build-01\u0007')).toBe('build-01');
    expect(effectiveComputerName('', '')).toBe('this computer');
    expect(effectiveComputerName('', 'h'.repeat(100))).toHaveLength(64);
  });

  it('is shown in groups under auto, never in a private chat under auto; always and never win', () => {
    expect(nameShown('auto', 'group')).toBe(true);
    expect(nameShown('auto', 'supergroup')).toBe(true);
    expect(nameShown('auto', 'private')).toBe(false);
    expect(nameShown('always', 'private')).toBe(true);
    expect(nameShown('never', 'group')).toBe(false);
  });
});

describe('the name line', () => {
  it('is escaped and bold in HTML, plain in plain text', () => {
    expect(withNameLine('a<b>&c', 'body', true, 4096).text).toBe('🖥 <b>a&lt;b&gt;&amp;c</b>\nbody');
    expect(withNameLine('a<b', 'body', false, 4096).text).toBe('🖥 a<b\nbody');
  });

  it('keeps the name whole and cuts the body when the message would exceed the limit', () => {
    const body = `<b>head</b>\n${'x'.repeat(5000)}`;
    const { text } = withNameLine('studio', body, true, 4096);
    expect(text.startsWith('🖥 <b>studio</b>\nhead\n')).toBe(true);
    expect(visibleLength(text)).toBeLessThanOrEqual(4096);
    expect(text.endsWith('…')).toBe(true);
    const caption = withNameLine('studio', 'y'.repeat(1024), false, 1024).text;
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption.startsWith('🖥 studio\n')).toBe(true);
  });
});

describe('computerNameTransformer', () => {
  const make = (name: string | null) =>
    computerNameTransformer({ chatId: () => -100, shownName: () => name });

  it('puts the name on texts and captions to the paired chat', async () => {
    const t = make('studio');
    const sent = await through(t, 'sendMessage', { chat_id: -100, text: 'hi', parse_mode: 'HTML' });
    expect(sent.text).toBe('🖥 <b>studio</b>\nhi');
    const edited = await through(t, 'editMessageText', { chat_id: -100, message_id: 3, text: 'x' });
    expect(edited.text).toBe('🖥 studio\nx');
    const photo = await through(t, 'sendPhoto', { chat_id: -100, caption: 'screen', parse_mode: 'HTML' });
    expect(photo.caption).toBe('🖥 <b>studio</b>\nscreen');
  });

  it('leaves other chats, other methods, explicit entities and hidden names alone', async () => {
    const t = make('studio');
    expect((await through(t, 'sendMessage', { chat_id: 5, text: 'hi' })).text).toBe('hi');
    expect(await through(t, 'answerCallbackQuery', { callback_query_id: '1', text: 'ok' })).toEqual({
      callback_query_id: '1',
      text: 'ok',
    });
    const entities = [{ type: 'bold', offset: 0, length: 2 }];
    expect((await through(t, 'sendMessage', { chat_id: -100, text: 'hi', entities })).text).toBe('hi');
    expect((await through(make(null), 'sendMessage', { chat_id: -100, text: 'hi' })).text).toBe('hi');
  });
});
