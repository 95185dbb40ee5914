/**
 * Phone-side steps shared by the agent end-to-end tests: pairing the fake Telegram user from the
 * page's deep link, reading bot messages, and the audit log of what reached a PTY.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeMessage, FakeTelegramBotApi } from '../../test/fakes/telegram-bot-api.js';

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

/** Waits until `file` exists and returns its text. @throws Error after `timeoutMs`. */
export async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text !== null) return text;
    if (Date.now() > deadline) throw new Error(`${file} never appeared`);
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
