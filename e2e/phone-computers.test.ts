/**
 * End to end, several computers in one chat (issue 12, feature 7): two real headless hosts (two
 * data dirs), each with its own bot on the same fake Telegram Bot API, pair with one group through
 * the `startgroup` deep link. A shell question (`read -p`) on each computer reaches the group
 * headed by that computer's name; another member of the group is refused and nothing of theirs
 * reaches a PTY; the owner's reply types into the right computer only; a private pairing shows no
 * name under "auto"; and a second poller on one computer's token shows the plain 409 warning.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneState } from '../contract/bridge.js';
import { FakeTelegramBotApi, type FakeBot, type FakeMessage } from '../test/fakes/telegram-bot-api.js';
import { connectBridge, type TestBridge } from './support/bridge.js';
import { startHost, type RunningHost } from './support/host.js';
import { auditEntries } from './support/phone.js';

const BOT_A: FakeBot = {
  token: '5550001111:AAAlphaTokenForTestsOnly_abcdefghijk',
  id: 5550001111,
  username: 'alpha_pager_bot',
  firstName: 'Alpha Pager',
};
const BOT_B: FakeBot = {
  token: '5550002222:AABetaTokenForTestsOnly_abcdefghijkl',
  id: 5550002222,
  username: 'beta_pager_bot',
  firstName: 'Beta Pager',
};
const OWNER = { id: 616161, first_name: 'Alice', username: 'alice_two' };
const MEMBER = { id: 626262, first_name: 'Bob', username: 'bob_member' };
const GROUP = { id: -1001234567, type: 'supergroup' as const, title: 'Two desks' };

interface Computer {
  name: string;
  bot: FakeBot;
  host: RunningHost;
  bridge: TestBridge;
  sessionId: string;
}

const telegram = new FakeTelegramBotApi({ bots: [BOT_A, BOT_B] });
let cwd: string;
const computers: Computer[] = [];

const groupMessages = (bot: FakeBot) => telegram.botMessages(GROUP.id).filter((m) => m.fromId === bot.id);
const fromBotAfter = (bot: FakeBot, chatId: number, id: number, pattern: RegExp, timeoutMs = 20_000) =>
  telegram.waitForMessage(
    (m) =>
      m.chatId === chatId && m.fromBot && m.fromId === bot.id && m.messageId > id && pattern.test(m.text),
    timeoutMs,
  );
const lastId = (chatId: number) => telegram.messagesIn(chatId).at(-1)?.messageId ?? 0;

/** Polls the host's phone state until `predicate` holds. */
async function phoneState(c: Computer, predicate: (s: PhoneState) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await c.bridge.request('phone.state', {});
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`phone state never matched: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startComputer(name: string, bot: FakeBot): Promise<Computer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-data-'));
  await fs.writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ settings: { computerName: name } }),
  );
  const host = await startHost({
    dataDir,
    env: {
      SHELL: '/bin/bash',
      AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
      AGENT_PAGER_BOT_TOKEN: bot.token,
    },
  });
  const bridge = await connectBridge(host);
  const computer: Computer = { name, bot, host, bridge, sessionId: '' };
  await phoneState(computer, (s) => s.token === 'valid' && s.polling === 'running');
  const created = await bridge.request('session.create', {
    spec: { name: 'deploy', agent: 'shell', command: '', cwd },
    cols: 100,
    rows: 30,
  });
  computer.sessionId = created.id;
  return computer;
}

beforeAll(async () => {
  await telegram.start();
  cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-desks-'));
  computers.push(await startComputer('alpha-desk', BOT_A), await startComputer('beta-desk', BOT_B));
}, 120_000);

afterAll(async () => {
  const codes: (number | null)[] = [];
  for (const c of computers) {
    c.bridge.close();
    codes.push(await c.host.stop());
  }
  await telegram.close();
  if (cwd) await fs.rm(cwd, { recursive: true, force: true });
  expect(codes.every((code) => code === 0)).toBe(true);
});

describe('several computers, one chat', () => {
  const questions = new Map<string, FakeMessage>();

  it('both computers pair with one group through the startgroup link', async () => {
    for (const c of computers) {
      const offer = await c.bridge.request('pairing.begin', {});
      const link = new URL(offer.pairing!.groupLink);
      expect(link.host).toBe('t.me');
      expect(link.pathname).toBe(`/${c.bot.username}`);
      telegram.userAddsBotToGroup(GROUP, OWNER, c.bot, link.searchParams.get('startgroup')!);
      const greeting = await fromBotAfter(c.bot, GROUP.id, 0, /This group is paired with/);
      expect(greeting.text.split('\n')[0]).toBe(`🖥 ${c.name}`);
      const state = await phoneState(c, (s) => s.paired?.chatId === GROUP.id);
      expect(state.paired).toMatchObject({ userId: OWNER.id, chatType: 'supergroup', title: 'Two desks' });
    }
  }, 60_000);

  it("each computer's shell question reaches the group headed by its own name", async () => {
    for (const c of computers) {
      await c.bridge.request('session.write', {
        id: c.sessionId,
        data: `read -p "Deploy ${c.name}? [y/N] " answer; echo "got:$answer"\r`,
      });
    }
    for (const c of computers) {
      const question = await fromBotAfter(c.bot, GROUP.id, 0, new RegExp(`Deploy ${c.name}\\?`), 30_000);
      expect(question.text.split('\n')[0]).toBe(`🖥 ${c.name}`);
      questions.set(c.name, question);
    }
    // Nothing either computer sent to the group lacks its name.
    for (const c of computers) {
      expect(groupMessages(c.bot).filter((m) => !m.text.startsWith(`🖥 ${c.name}\n`))).toEqual([]);
    }
  }, 60_000);

  it('another member is refused: their tap and reply reach no PTY', async () => {
    const [alpha] = computers;
    const question = questions.get(alpha!.name)!;
    const data = question.buttons.flat().find((b) => b.data)?.data;
    expect(data, JSON.stringify(question.buttons)).toBeTruthy();
    const tap = await telegram.userTaps(GROUP, MEMBER, question.messageId, data!, 10_000);
    expect(tap.text).toMatch(/Only @alice_two, who paired this computer with the group, can use it here/);
    const reply = telegram.userSends(GROUP, MEMBER, 'y', { replyTo: question.messageId });
    const refusal = await fromBotAfter(alpha!.bot, GROUP.id, reply.messageId, /Only @alice_two/);
    expect(refusal.text.split('\n')[0]).toBe(`🖥 ${alpha!.name}`);
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of computers) expect(await auditEntries(c.host.dataDir)).toEqual([]);
  }, 30_000);

  it("the owner's reply types into that computer's shell only", async () => {
    const [alpha, beta] = computers;
    const question = questions.get(alpha!.name)!;
    telegram.userSends(GROUP, OWNER, 'y', { replyTo: question.messageId });
    const deadline = Date.now() + 20_000;
    while (!(await auditEntries(alpha!.host.dataDir)).some((e) => e.sent === 'y')) {
      if (Date.now() > deadline) throw new Error('the reply never reached alpha');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await auditEntries(beta!.host.dataDir)).toEqual([]);
    // A command naming beta's bot is answered by beta alone, with its name.
    const asked = telegram.userSends(GROUP, OWNER, `/sessions@${BOT_B.username}`);
    const list = await fromBotAfter(BOT_B, GROUP.id, asked.messageId, /Pick one for its keypad/);
    expect(list.text.split('\n')[0]).toBe('🖥 beta-desk');
    await new Promise((r) => setTimeout(r, 1000));
    // Alpha's bot answers no command naming beta's (its status message for the reply's turn is fine).
    const alphaLists = groupMessages(BOT_A).filter(
      (m) => m.messageId > asked.messageId && /Pick one for its keypad/.test(m.text),
    );
    expect(alphaLists).toEqual([]);
  }, 40_000);

  it('a new name in Settings shows on the next message, without pairing again', async () => {
    const alpha = computers[0]!;
    await expect(
      alpha.bridge.request('settings.update', { patch: { computerName: 'bad\nname' } }),
    ).rejects.toThrow();
    await alpha.bridge.request('settings.update', { patch: { computerName: '  alpha <renamed>  ' } });
    const asked = telegram.userSends(GROUP, OWNER, `/sessions@${BOT_A.username}`);
    const list = await fromBotAfter(BOT_A, GROUP.id, asked.messageId, /Pick one for its keypad/);
    expect(list.text.split('\n')[0]).toBe('🖥 alpha <renamed>');
    alpha.name = 'alpha <renamed>';
  }, 30_000);

  it('a private pairing shows no name under "auto"', async () => {
    const beta = computers[1]!;
    const offer = await beta.bridge.request('pairing.begin', {});
    const token = new URL(offer.pairing!.deepLink).searchParams.get('start')!;
    const before = lastId(OWNER.id);
    telegram.userSends(OWNER.id, OWNER, `/start ${token}`, { to: BOT_B });
    const greeting = await fromBotAfter(BOT_B, OWNER.id, before, /Paired with/);
    expect(greeting.text).toMatch(/^✅ Paired with beta-desk\./);
    const asked = telegram.userSends(OWNER.id, OWNER, '/sessions', { to: BOT_B });
    const list = await fromBotAfter(BOT_B, OWNER.id, asked.messageId, /Pick one for its keypad/);
    expect(list.text).not.toContain('🖥');
    await phoneState(beta, (s) => s.paired?.chatType === 'private');
  }, 30_000);

  it('a second poller on the same bot token shows the plain conflict warning', async () => {
    const alpha = computers[0]!;
    // Another program long-polls alpha's token: Telegram ends the older getUpdates with 409.
    const controller = new AbortController();
    const other = (async () => {
      while (!controller.signal.aborted) {
        await fetch(`${telegram.apiRoot}/bot${BOT_A.token}/getUpdates?timeout=2`, {
          signal: controller.signal,
        }).catch(() => undefined);
      }
    })();
    try {
      const state = await phoneState(alpha, (s) => s.polling === 'conflict', 30_000);
      expect(state.error).toMatch(
        /Another computer .* is using this bot token .*Each computer needs its own bot/,
      );
      expect(state.token).toBe('valid');
    } finally {
      controller.abort();
      await other;
    }
  }, 40_000);
});
