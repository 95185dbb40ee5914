import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAgents,
  checkDataDir,
  checkHookChannel,
  checkNodePty,
  checkTelegram,
  type DoctorContext,
} from '../../../../main/core/doctor/checks.js';
import { FakeTelegramBotApi } from '../../../fakes/telegram-bot-api.js';
import { AGENTS_BIN_DIR } from '../../../support/agent-bins.js';

let dir: string;
const telegram = new FakeTelegramBotApi();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-doctor-'));
  await telegram.start();
});

afterAll(async () => {
  await telegram.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const ctx = (over: Partial<DoctorContext>): DoctorContext => ({
  dataDir: dir,
  appRoot: process.cwd(),
  env: { PATH: '/usr/bin:/bin' },
  token: telegram.token,
  telegramApiRoot: telegram.apiRoot,
  paired: { chatId: 42, username: 'ann' },
  polling: null,
  hookSocket: null,
  startAtLogin: false,
  host: 'script',
  ...over,
});

describe('setup checks', () => {
  it('node-pty loads and runs a process', async () => {
    expect((await checkNodePty()).status).toBe('ok');
  });

  it('lists each agent with its version, and how to install a missing one', async () => {
    const found = await checkAgents({ PATH: `${AGENTS_BIN_DIR}:/usr/bin:/bin` });
    expect(found.map((c) => [c.name, c.status])).toEqual([
      ['Agent: claude', 'ok'],
      ['Agent: codex', 'ok'],
      ['Agent: gemini', 'ok'],
    ]);
    expect(found[1]!.detail).toContain('0.169.0');
    const none = await checkAgents({ PATH: '/nonexistent' });
    expect(none.every((c) => c.status === 'problem')).toBe(true);
    expect(none[2]!.fix).toContain('npm i -g @google/gemini-cli');
  });

  it('the data folder: private and writable is ok; open to others is a problem with a chmod fix', async () => {
    const data = path.join(dir, 'data');
    expect((await checkDataDir(data)).detail).toMatch(/will be created/);
    await fs.mkdir(data, { mode: 0o700 });
    expect((await checkDataDir(data)).status).toBe('ok');
    await fs.chmod(data, 0o755);
    const open = await checkDataDir(data);
    expect(open.status).toBe('problem');
    expect(open.fix).toBe(`chmod 700 '${data}'`);
    expect(await fs.readdir(data)).toEqual([]);
  });

  it('the bot: a valid token and a paired chat are ok; a wrong token or no pairing say what to do', async () => {
    const good = await checkTelegram(ctx({}));
    expect(good.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(good[0]!.detail).toContain(`@${telegram.bot.username}`);
    const bad = await checkTelegram(ctx({ token: '123:wrong' }));
    expect(bad[0]).toMatchObject({ status: 'problem' });
    expect(bad[0]!.fix).toMatch(/BotFather/);
    const unpaired = await checkTelegram(ctx({ paired: null }));
    expect(unpaired.at(-1)).toMatchObject({ name: 'Phone pairing', status: 'problem' });
    expect((await checkTelegram(ctx({ token: null })))[0]!.status).toBe('problem');
  });

  it('the bot: another poller shows as a conflict, from outside and from the running app', async () => {
    telegram.simulateOtherPoller(true);
    try {
      const outside = await checkTelegram(ctx({}));
      expect(outside[1]).toMatchObject({ name: 'Telegram polling', status: 'warn' });
      expect(outside[1]!.detail).toMatch(/409/);
    } finally {
      telegram.simulateOtherPoller(false);
    }
    const inApp = await checkTelegram(ctx({ polling: 'conflict' }));
    expect(inApp[1]).toMatchObject({ status: 'problem' });
  });

  it('the hook channel: a listening socket is ok, a dead one is a problem', async () => {
    const sock = path.join(dir, 'hooks.sock');
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(sock, r));
    expect((await checkHookChannel(sock)).status).toBe('ok');
    await new Promise<void>((r) => server.close(() => r()));
    await fs.writeFile(sock, '');
    expect((await checkHookChannel(sock)).status).toBe('problem');
    expect((await checkHookChannel(null)).status).toBe('warn');
  });
});
