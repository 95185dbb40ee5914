/**
 * Fuzzing the real bot in the real core: 10,000 random updates (fixed seed) — every update kind,
 * other chats and users, forged ids, forged and oversized callback data, malformed bodies, and
 * replays of the owner's own taps and messages — reach a paired core whose session is a real PTY
 * that records every byte it receives. Afterwards: not one byte reached the PTY, the audit log
 * has no line, and the owner is still served (their next message is typed and audited).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneState, SessionInfo } from '../../../../contract/bridge.js';
import { createCore } from '../../../../main/core/app.js';
import type { Core } from '../../../../main/core/app-types.js';
import { dataKey, KEYPAD } from '../../../../main/core/telegram/keyboards.js';
import { FakeTelegramBotApi } from '../../../fakes/telegram-bot-api.js';
import { testCoreOptions } from '../../../support/core-options.js';
import { sleep, waitFor } from '../../../support/wait.js';

const OWNER = { id: 5150, first_name: 'Owner', username: 'owner' };
const UPDATES = 10_000;

/** mulberry32: a small seeded PRNG (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dataDir: string;
let core: Core | null = null;
let tg: FakeTelegramBotApi;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-fuzz-'));
  tg = new FakeTelegramBotApi();
  await tg.start();
});

afterEach(async () => {
  await core?.dispose();
  core = null;
  await tg.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Random updates that must not make the app write anything (see the module doc). */
function fuzzUpdates(sessionKey: string, promptMessageId: number): Record<string, unknown>[] {
  const rand = prng(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (n: number) => Math.floor(rand() * n);
  const text = (): string =>
    pick([
      () =>
        `/start ${Array.from({ length: 32 }, () => pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789_-'])).join('')}`,
      () =>
        pick([
          '/start',
          '/sessions',
          '/screen',
          '/keys',
          '/pause',
          '/resume',
          '/unpair',
          '/help',
          '/compact',
        ]),
      () => 'y',
      () => '1',
      () => 'rm -rf ~ && echo pwned',
      () => 'x'.repeat(int(5000)),
      () => String.fromCharCode(...Array.from({ length: 40 }, () => int(0x10000))),
    ])();
  const now = Math.floor(Date.now() / 1000);
  const stranger = () => ({ id: 100_000 + int(5000), is_bot: rand() < 0.1, first_name: 'Eve' });
  const data = (): unknown =>
    pick([
      () => `a:${pick([sessionKey, 'p1', 'x'.repeat(40)])}:${int(12)}`,
      () => `e:${pick([sessionKey, 'p1'])}`,
      () => `k:${sessionKey}:${pick(KEYPAD).name}`,
      () => `p:${sessionKey}`,
      () => `s:${sessionKey}`,
      () => 'k:'.padEnd(int(4096), 'k'),
      () => '\u0000\uffff',
      () => int(100),
      () => undefined,
    ])();
  const chatFor = (from: { id: number }) =>
    pick([
      { id: OWNER.id, type: 'private', first_name: 'Owner' },
      { id: from.id, type: 'private', first_name: 'Eve' },
      { id: -1000 - int(100), type: 'supergroup', title: 'Group' },
      { id: -100_200, type: 'channel', title: 'Channel' },
    ]);
  const message = (from: Record<string, unknown>, chat: unknown, date = now) => ({
    message_id: int(1_000_000),
    from,
    chat,
    date,
    text: text(),
  });
  const owner = { ...OWNER, is_bot: false };
  const kinds: (() => Record<string, unknown>)[] = [
    // Strangers, in their chats, in the owner's chat (forged "from"), in groups and channels.
    () => {
      const from = stranger();
      return { message: message(from, chatFor(from)) };
    },
    () => {
      const from = stranger();
      return { edited_message: { ...message(from, chatFor(from)), edit_date: now } };
    },
    () => ({
      channel_post: {
        message_id: int(1000),
        chat: { id: -100_200, type: 'channel', title: 'C' },
        date: now,
        text: text(),
      },
    }),
    () => {
      const from = stranger();
      const chat = chatFor(from);
      return {
        callback_query: {
          id: `q${int(1e9)}`,
          from,
          chat_instance: 'ci',
          message: { message_id: promptMessageId, chat, date: now, text: 'prompt' },
          data: data(),
        },
      };
    },
    // The owner's user in another chat (a group they are in): not the paired chat.
    () => ({ message: message(owner, { id: -1000 - int(100), type: 'group', title: 'Team' }) }),
    () => ({
      callback_query: {
        id: `q${int(1e9)}`,
        from: owner,
        chat_instance: 'ci',
        message: {
          message_id: promptMessageId,
          chat: { id: -1001, type: 'group', title: 'Team' },
          date: now,
          text: 'p',
        },
        data: `k:${sessionKey}:y`,
      },
    }),
    // Replays of the owner's own messages and taps, delivered long after (see replay below).
    () => ({
      callback_query: {
        id: `q${int(1e9)}`,
        from: owner,
        chat_instance: 'ci',
        message: {
          message_id: promptMessageId,
          chat: { id: OWNER.id, type: 'private' },
          date: now,
          text: 'p',
        },
        data: data(),
      },
    }),
    () => ({
      message: message(
        owner,
        { id: OWNER.id, type: 'private', first_name: 'Owner' },
        now - 120 - int(86_400),
      ),
    }),
    () => ({
      message: {
        ...message(owner, { id: OWNER.id, type: 'private', first_name: 'Owner' }),
        forward_origin: { type: 'user', sender_user: stranger(), date: now },
      },
    }),
    // Other update kinds a bot may get, with or without a chat.
    () => ({ inline_query: { id: `i${int(1e6)}`, from: stranger(), query: text(), offset: '' } }),
    () => ({ chosen_inline_result: { result_id: 'r', from: stranger(), query: 'q' } }),
    () => ({ shipping_query: { id: 's', from: stranger(), invoice_payload: 'x', shipping_address: {} } }),
    () => ({
      pre_checkout_query: {
        id: 'pc',
        from: stranger(),
        currency: 'EUR',
        total_amount: 1,
        invoice_payload: 'x',
      },
    }),
    () => ({ poll: { id: 'poll', question: 'q', options: [], total_voter_count: 0, is_closed: false } }),
    () => ({ poll_answer: { poll_id: 'poll', user: stranger(), option_ids: [0] } }),
    () => ({ my_chat_member: { chat: { id: -5, type: 'group', title: 'g' }, from: stranger(), date: now } }),
    () => ({
      chat_join_request: { chat: { id: -5, type: 'supergroup', title: 'g' }, from: stranger(), date: now },
    }),
    () => ({ message_reaction: { chat: { id: OWNER.id, type: 'private' }, message_id: 1, date: now } }),
    // Malformed bodies.
    () => ({ message: 'not an object' }),
    () => ({ message: { message_id: 1, date: now, text: '/start x' } }),
    () => ({ callback_query: { id: 'broken', data: `k:${sessionKey}:y` } }),
    () => ({
      message: {
        message_id: 2,
        from: owner,
        chat: { id: String(OWNER.id), type: 'private' },
        date: now,
        text: 'y',
      },
    }),
  ];
  const updates: Record<string, unknown>[] = [];
  for (let i = 0; i < UPDATES; i++) updates.push(pick(kinds)());
  return updates;
}

describe('Telegram fuzz (seed 0x5eed)', () => {
  it(
    '10,000 random updates: no PTY write, no audit line, the owner still served',
    { timeout: 120_000 },
    async () => {
      core = await createCore(testCoreOptions(dataDir, { telegramApiRoot: tg.apiRoot }));
      const states: PhoneState[] = [];
      const conn = core.connect({
        send: (event, payload) => void (event === 'phone.state' && states.push(payload as PhoneState)),
      });
      const token = (await conn.handle('phone.setToken', { token: tg.token })) as PhoneState;
      expect(token.token).toBe('valid');
      const offer = (await conn.handle('pairing.begin', {})) as PhoneState;
      tg.userSends(OWNER.id, OWNER, `/start ${new URL(offer.pairing!.deepLink).searchParams.get('start')}`);
      await tg.waitForMessage(
        (m) => m.chatId === OWNER.id && m.fromBot && /Paired with/.test(m.text),
        10_000,
      );

      // A session whose program records every byte it receives (raw mode, no echo).
      const input = path.join(dataDir, 'pty-input.bin');
      const session = (await conn.handle('session.create', {
        spec: {
          name: 'victim',
          agent: 'custom',
          command: `bash --norc --noprofile -c 'stty raw -echo; exec cat > ${input}'`,
          cwd: dataDir,
        },
        cols: 80,
        rows: 24,
      })) as SessionInfo;
      await waitFor(() => fs.existsSync(input), 'the recorder to start', 10_000);
      tg.userSends(OWNER.id, OWNER, '/keys');
      const keypad = await tg.waitForMessage(
        (m) => m.chatId === OWNER.id && /Keys for victim/.test(m.text),
        10_000,
      );

      const updates = fuzzUpdates(dataKey(session.id), keypad.messageId);
      let replayed = 0;
      for (const update of updates) {
        const query = update.callback_query as
          { from?: { id?: number }; message?: { chat?: { id?: number } } } | undefined;
        // The owner's taps in the paired chat are replays: Telegram refuses to answer them (too old).
        const ownersTap = query?.from?.id === OWNER.id && query.message?.chat?.id === OWNER.id;
        if (ownersTap) replayed += 1;
        tg.injectUpdate(update, { answerable: !ownersTap });
      }
      // Replays of keypad taps on the real keypad message, from the owner in the paired chat.
      for (let i = 0; i < 200; i++) {
        replayed += 1;
        tg.injectUpdate(
          {
            callback_query: {
              id: `replay${i}`,
              from: { ...OWNER, is_bot: false },
              chat_instance: 'ci',
              message: {
                message_id: keypad.messageId,
                chat: { id: OWNER.id, type: 'private' },
                date: Math.floor(Date.now() / 1000),
                text: 'keys',
              },
              data: `k:${dataKey(session.id)}:${KEYPAD[i % KEYPAD.length]!.name}`,
            },
          },
          { answerable: false },
        );
      }
      const lastId = tg.injectUpdate({
        message: { message_id: 1, date: 0, chat: { id: -1, type: 'group', title: 'end' }, text: 'end' },
      });
      // Every update was fetched once polling asked for an offset past the last one.
      await waitFor(
        () => tg.callsOf('getUpdates').some((c) => Number(c.params.offset) > lastId),
        'all updates consumed',
        90_000,
        50,
      );
      await sleep(500);
      expect(replayed).toBeGreaterThan(300);
      expect(fs.readFileSync(input).length).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'audit.jsonl'))).toBe(false);
      expect(core.snapshot().phone.paired?.chatId).toBe(OWNER.id);

      tg.userSends(OWNER.id, OWNER, 'still here', { replyTo: keypad.messageId });
      await waitFor(
        () => fs.readFileSync(input, 'utf8') === 'still here\r',
        'the owner’s text in the PTY',
        10_000,
      );
      const audit = fs.readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8').trim().split('\n');
      expect(audit.map((l) => JSON.parse(l).sent)).toEqual(['still here', '\r']);
      conn.close();
    },
  );
});
