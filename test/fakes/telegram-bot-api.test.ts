/**
 * The fake Bot API refuses what Telegram refuses, so tests against it catch what real users would
 * hit. Driven with grammY's own Api client over HTTP.
 */
import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from './telegram-bot-api.js';

const CHAT = 42;
let tg: FakeTelegramBotApi;
let api: Api;

beforeEach(async () => {
  tg = new FakeTelegramBotApi({ callbackAnswerWindowMs: 300 });
  await tg.start();
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
  tg.userSends(CHAT, CHAT, 'hi');
});

afterEach(async () => {
  await tg.close();
});

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return `${(error as GrammyError).error_code} ${(error as GrammyError).description}`;
}

describe('fake Bot API strictness', () => {
  it('refuses lone surrogates, over-long and empty text, bad HTML', async () => {
    expect(await refusal(api.sendMessage(CHAT, 'a\uD83D'))).toMatch(/^400 .*UTF-8/);
    expect(await refusal(api.sendMessage(CHAT, 'x'.repeat(4097)))).toMatch(/^400 .*too long/);
    const ok = await api.sendMessage(CHAT, `<b>${'x'.repeat(4090)}</b>`, { parse_mode: 'HTML' });
    expect(ok.entities).toEqual([{ type: 'bold', offset: 0, length: 4090 }]);
    expect(await refusal(api.sendMessage(CHAT, '<b> </b>', { parse_mode: 'HTML' }))).toMatch(/^400 .*empty/);
    expect(await refusal(api.sendMessage(CHAT, '<x>hi</x>', { parse_mode: 'HTML' }))).toMatch(
      /parse entities/,
    );
    expect(
      await refusal(api.sendMessage(CHAT, 'hi', { entities: [{ type: 'bold', offset: 1, length: 5 }] })),
    ).toMatch(/parse entities/);
  });

  it('answers 403 while the user blocks the bot, and accepts again once they write', async () => {
    tg.userBlocksBot(CHAT);
    expect(await refusal(api.sendMessage(CHAT, 'hello'))).toBe('403 Forbidden: bot was blocked by the user');
    tg.userSends(CHAT, CHAT, '/start');
    await expect(api.sendMessage(CHAT, 'hello')).resolves.toMatchObject({ text: 'hello' });
    expect(await refusal(api.sendMessage(999, 'hello'))).toBe('400 Bad Request: chat not found');
  });

  it('refuses callback answers over 200 chars, twice, or after the answer window', async () => {
    const sent = await api.sendMessage(CHAT, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    const first = tg.userTaps(CHAT, CHAT, sent.message_id, 'a');
    const update = (await api.getUpdates({ offset: 0, timeout: 0 })).find((u) => u.callback_query);
    const id = update!.callback_query!.id;
    expect(await refusal(api.answerCallbackQuery(id, { text: 'x'.repeat(201) }))).toBe(
      '400 Bad Request: MESSAGE_TOO_LONG',
    );
    await api.answerCallbackQuery(id, { text: 'ok' });
    await expect(first).resolves.toEqual({ text: 'ok', showAlert: false });
    expect(await refusal(api.answerCallbackQuery(id))).toMatch(/^400 .*query is too old/);

    const late = tg.userTaps(CHAT, CHAT, sent.message_id, 'a', 2000, { ageMs: 1000 });
    late.catch(() => undefined);
    const lateId = (await api.getUpdates({ offset: update!.update_id + 1, timeout: 0 }))[0]!.callback_query!
      .id;
    expect(await refusal(api.answerCallbackQuery(lateId))).toMatch(/query is too old/);
    await expect(late).rejects.toThrow(/too old/);
  });

  it('stores the message and then answers 502 (the duplicate case)', async () => {
    tg.failNext('sendMessage', { status: 502, afterStore: true });
    expect(await refusal(api.sendMessage(CHAT, 'once'))).toMatch(/^502/);
    expect(tg.botMessages(CHAT).map((m) => m.text)).toEqual(['once']);
  });

  it('honours allowed_updates and sends forwards, quotes, media, edits and inaccessible messages', async () => {
    const first = await api.getUpdates({ offset: 0, timeout: 0, allowed_updates: ['message'] });
    const bot = await api.sendMessage(CHAT, 'run git status?');
    tg.userSends(CHAT, CHAT, 'fwd', { forwardedFrom: { id: 9, first_name: 'Mallory' } });
    tg.userSends(CHAT, CHAT, 'yes', { replyTo: bot.message_id, quote: 'git status' });
    tg.userSendsMedia(CHAT, CHAT, 'photo', { caption: 'look' });
    tg.userSendsMedia(CHAT, CHAT, 'voice');
    tg.userSendsMedia(CHAT, CHAT, 'sticker');
    tg.userSendsMedia(CHAT, CHAT, 'document');
    tg.userEdits(CHAT, CHAT, 1, 'hi again');
    void tg.userTaps(CHAT, CHAT, bot.message_id, 'x', 500, { inaccessible: true }).catch(() => undefined);
    const offset = first.at(-1)!.update_id + 1;
    const onlyMessages = await api.getUpdates({ offset, timeout: 0 });
    expect(onlyMessages.every((u) => u.message)).toBe(true);
    expect(onlyMessages).toHaveLength(6);
    const [fwd, quote, photo, voice, sticker, doc] = onlyMessages.map((u) => u.message!);
    expect(fwd!.forward_origin).toMatchObject({ type: 'user', sender_user: { id: 9 } });
    expect(quote!.reply_to_message?.message_id).toBe(bot.message_id);
    expect(quote!.quote).toMatchObject({ text: 'git status', position: 4 });
    expect(photo!.photo).toHaveLength(1);
    expect(photo!.caption).toBe('look');
    expect(photo!.text).toBeUndefined();
    expect(voice!.voice).toBeDefined();
    expect(sticker!.sticker).toBeDefined();
    expect(doc!.document).toBeDefined();
    const all = await api.getUpdates({
      offset,
      timeout: 0,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    });
    expect(all.find((u) => u.edited_message)?.edited_message?.text).toBe('hi again');
    expect(all.find((u) => u.callback_query)?.callback_query?.message).toMatchObject({
      date: 0,
      message_id: bot.message_id,
    });
  });
});
