import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheck, scriptContext } from '../../../main/headless/doctor.js';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-doctor-cli-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('npm run doctor', () => {
  it('reads the pairing, the token and "start at login" from the headless data folder', async () => {
    const phone = {
      paired: { chatId: 7, userId: 7, username: 'ann', firstName: 'Ann', botId: 1 },
      paused: false,
    };
    await fs.writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ phone, settings: { startAtLogin: true } }),
    );
    await fs.writeFile(path.join(dir, 'telegram-token.txt'), '123:abc\n', { mode: 0o600 });
    const ctx = scriptContext(dir, { PATH: '/usr/bin' });
    expect(ctx.paired).toEqual({ chatId: 7, username: 'ann' });
    expect(ctx.token).toBe('123:abc');
    expect(ctx.startAtLogin).toBe(true);
    expect(ctx.polling).toBeNull();
    expect(scriptContext(dir, { PATH: '/usr/bin', AGENT_PAGER_BOT_TOKEN: '9:env' }).token).toBe('9:env');
  });

  it('treats a hand-broken settings file as not paired', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), '{"phone": {"paired": "yes"}');
    expect(scriptContext(dir, {}).paired).toBeNull();
  });

  it('prints one line per check, the fix indented below', () => {
    expect(formatCheck({ name: 'Data folder', status: 'ok', detail: 'fine', fix: null })).toBe(
      '✔ Data folder: fine',
    );
    expect(
      formatCheck({ name: 'Telegram bot', status: 'problem', detail: 'no token', fix: 'Paste it.' }),
    ).toBe('✘ Telegram bot: no token\n    → Paste it.');
  });
});
