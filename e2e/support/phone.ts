/**
 * Phone-side steps shared by the agent end-to-end tests: a host whose phone is the fake Bot API,
 * pairing the fake Telegram user (from the page's deep link or over the bridge), reading bot
 * messages, and the audit log of what reached a PTY.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeMessage, FakeTelegramBotApi } from '../../test/fakes/telegram-bot-api.js';
import type { TestBridge } from './bridge.js';
import { startHost, type RunningHost } from './host.js';

/** A Telegram user as the fake Bot API takes it. */
export interface PhoneUser {
  id: number;
  first_name: string;
  username: string;
}

/** Opens the Phone panel, pairs `user` through the deep link's token, and closes the panel. */
export async function pairPhone(page: Page, telegram: FakeTelegramBotApi, user: PhoneUser): Promise<void> {
  await page.getByRole('button', { name: 'Phone', exact: true }).click();
  const panel = page.getByRole('dialog');
  await panel.getByText(`@${telegram.bot.username}`).first().waitFor({ timeout: 15_000 });
  await panel.getByRole('button', { name: 'Pair phone' }).click();
  const href = await panel.getByRole('link', { name: 'Open in Telegram Desktop' }).getAttribute('href');
  const token = /[?&]start=([A-Za-z0-9_-]+)/.exec(href ?? '')?.[1];
  if (!token) throw new Error(`no pairing token in ${href}`);
  telegram.userSends(user.id, user, `/start ${token}`);
  await panel.getByText(`Paired with @${user.username}`).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
}

/** The callback data of the first button whose label matches, or null. */
export function buttonData(m: FakeMessage, label: RegExp): string | null {
  return m.buttons.flat().find((b) => label.test(b.text))?.data ?? null;
}

/**
 * Waits until `file` exists with some text, and returns the text. A command's `> file` creates it
 * empty and writes a moment later, so an empty file counts as not there yet.
 * @throws Error after `timeoutMs`.
 */
export async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text) return text;
    if (Date.now() > deadline) throw new Error(`${file} never appeared (or stayed empty)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The host's audit log entries (`<dataDir>/audit.jsonl`), oldest first. */
export async function auditEntries(dataDir: string): Promise<Array<Record<string, unknown>>> {
  const text = await fs.readFile(path.join(dataDir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A headless host whose phone is the fake Bot API, with agent CLIs on its PATH. */
export interface PhoneHost {
  host: RunningHost;
  /** Stops the host, closes the fake Bot API, removes the bin folder; resolves with the host's exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the fake Bot API and a headless host using it (its token preset, as
 * `AGENT_PAGER_BOT_TOKEN` does for a user), with each of `bins` (command name → executable)
 * linked into a folder put first on the sessions' PATH, the way a user's install puts the CLI
 * there (`npm run` would otherwise leave the project's own `node_modules/.bin` out).
 * @param env the agent's environment (HOME, its API's base URL…), merged over the host's.
 */
export async function startPhoneHost(
  telegram: FakeTelegramBotApi,
  options: { env: Record<string, string>; bins?: Record<string, string>; dataDir?: string },
): Promise<PhoneHost> {
  await telegram.start();
  const binDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-bin-'));
  for (const [name, target] of Object.entries(options.bins ?? {}))
    await fs.symlink(target, path.join(binDir, name));
  const inherited = options.env.PATH ?? process.env.PATH ?? '/usr/bin:/bin';
  const host = await startHost({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    env: {
      SHELL: '/bin/bash',
      ...options.env,
      PATH: `${binDir}:${inherited}`,
      AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
      AGENT_PAGER_BOT_TOKEN: telegram.token,
    },
  }).catch(async (error: unknown) => {
    await telegram.close();
    await fs.rm(binDir, { recursive: true, force: true });
    throw error;
  });
  return {
    host,
    async stop() {
      const code = await host.stop();
      await telegram.close();
      await fs.rm(binDir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * Pairs `user` through the bridge requests the page makes (`phone.state` until the bot is known,
 * then `pairing.begin`), sending the deep link's `/start <token>` from the user's chat.
 * @throws Error when the bot's name does not show within 10 s.
 */
export async function pairOverBridge(
  bridge: TestBridge,
  telegram: FakeTelegramBotApi,
  user: PhoneUser,
): Promise<void> {
  let state = await bridge.request('phone.state', {});
  for (let i = 0; i < 100 && !state.botUsername; i++) {
    await new Promise((r) => setTimeout(r, 100));
    state = await bridge.request('phone.state', {});
  }
  if (!state.botUsername) throw new Error(`the bot never came up: ${JSON.stringify(state)}`);
  state = await bridge.request('pairing.begin', {});
  const token = /start=([A-Za-z0-9_-]+)/.exec(state.pairing?.deepLink ?? '')?.[1];
  if (!token) throw new Error(`no pairing token in ${state.pairing?.deepLink}`);
  telegram.userSends(user.id, user, `/start ${token}`);
  await telegram.waitForMessage((m) => m.fromBot && /Paired with/.test(m.text), 10_000);
}
