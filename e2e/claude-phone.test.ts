/**
 * End to end, the whole product on one machine: the real headless host (`npm run serve`),
 * Debian's Chromium, the real `claude` CLI in a real PTY talking to a fake Messages API that asks
 * to run Bash commands, and a fake Telegram Bot API playing the phone.
 *
 * A user pairs the phone from the page, starts a Claude Code session, gives it a task, answers the
 * permission prompt from the phone (the command really runs), sees a second tap refused, answers
 * another prompt at the desk (the phone's message says so), and replies to the "waiting" message
 * with text that Claude Code really receives as the next prompt.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../test/fakes/anthropic-api.js';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { CLAUDE_BIN, makeClaudeEnv, type ClaudeEnv } from '../test/support/claude-env.js';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal, typeLine } from './support/app.js';
import { ROOT, type RunningHost } from './support/host.js';
import { auditEntries, buttonData, startPhoneHost, waitForFile, type PhoneHost } from './support/phone.js';

const USER = { id: 424242, first_name: 'Alice', username: 'alice_phone' };
const CHAT = USER.id;

/** Text of the last user message of a turn request (what was typed into Claude Code). */
function lastUserText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

const api = new FakeAnthropicApi({
  script: (req) => {
    if (hasToolResult(req)) return { kind: 'text', text: 'Done.' };
    const text = lastUserText(req);
    if (text.includes('write hello')) {
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: 'echo hello > out.txt', description: 'Write hello to out.txt' },
      };
    }
    if (text.includes('write desk')) {
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: 'echo desk > desk.txt', description: 'Write desk to desk.txt' },
      };
    }
    return { kind: 'text', text: 'Noted.' };
  },
});
const telegram = new FakeTelegramBotApi();
let claudeEnv: ClaudeEnv;
let host: RunningHost;
let browser: Browser;
let page: Page;
let phone: PhoneHost;

const botMessages = () => telegram.messagesIn(CHAT).filter((m) => m.fromBot);
const byId = (id: number) => telegram.messagesIn(CHAT).find((m) => m.messageId === id)!;
const auditLog = () => auditEntries(host.dataDir);

beforeAll(async () => {
  const { url } = await api.start();
  claudeEnv = await makeClaudeEnv({ baseUrl: url });
  phone = await startPhoneHost(telegram, { env: claudeEnv.env, bins: { claude: CLAUDE_BIN } });
  host = phone.host;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(host.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const code = await phone?.stop();
  await api.close();
  await claudeEnv?.cleanup();
  expect(code).toBe(0);
});

describe('pairing a phone and answering Claude Code from it', () => {
  it('pairs the phone from the QR code deep link shown on the page', async () => {
    await page.getByRole('button', { name: 'Phone', exact: true }).click();
    const panel = page.getByRole('dialog');
    await panel.getByText(`@${telegram.bot.username}`).first().waitFor({ timeout: 15_000 });
    await panel.getByRole('button', { name: 'Pair phone' }).click();
    const link = panel.getByRole('link', { name: 'Open in Telegram Desktop' });
    const href = (await link.getAttribute('href'))!;
    const m = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]{22,64})$/.exec(href);
    expect(m, href).not.toBeNull();
    expect(m![1]).toBe(telegram.bot.username);
    expect(
      await panel
        .getByRole('img', { name: /QR code/ })
        .locator('svg')
        .count(),
    ).toBe(1);

    telegram.userSends(CHAT, USER, `/start ${m![2]}`);
    const reply = await telegram.waitForMessage((msg) => msg.fromBot && /Paired with/.test(msg.text), 10_000);
    expect(reply.chatId).toBe(CHAT);
    await panel.getByText(`Paired with @${USER.username}`).waitFor({ timeout: 10_000 });

    // The token was single use: the same link again binds nothing.
    telegram.userSends(999, { id: 999, first_name: 'Mallory' }, `/start ${m![2]}`);
    await telegram.waitForMessage((msg) => msg.fromBot && msg.chatId === 999, 10_000);
    await page.waitForTimeout(300);
    await expect(panel.getByText(`Paired with @${USER.username}`).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('shows the Claude Code welcome screen and its input box in a tab', async () => {
    await createSession(page, { preset: 'Shell', cwd: claudeEnv.cwd, name: 'shell' });
    await typeLine(page, 'ls -la --color=always /usr/share | head -5');
    await createSession(page, { preset: 'Claude Code', cwd: claudeEnv.cwd, name: 'claude-e2e' });
    await waitForTerminal(page, 'Claude Code v', 30_000);
    await waitForTerminal(page, '? for shortcuts', 30_000);
    await waitForTerminal(page, /^❯/m);
  });

  it('relays the permission prompt; one tap answers it in the real terminal; a second tap writes nothing', async () => {
    const before = botMessages().length;
    await typeLine(page, 'please write hello to out.txt');
    const prompt = await telegram.waitForMessage(
      (msg) => msg.fromBot && msg.buttons.length > 0 && msg.text.includes('echo hello > out.txt'),
      30_000,
    );
    expect(botMessages().length).toBeGreaterThan(before);
    expect(prompt.text).toContain('claude-e2e');
    const labels = prompt.buttons.flat().map((b) => b.text);
    expect(labels.some((l) => /Yes/.test(l))).toBe(true);
    expect(labels).toContain('Esc');
    // The desk shows the same prompt: the tab needs attention and is marked as sent to the phone.
    await expect
      .poll(
        async () => {
          const id = await page
            .getByRole('tab', { name: 'claude-e2e', exact: true })
            .getAttribute('aria-describedby');
          return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
        },
        { timeout: 10_000 },
      )
      .toMatch(/sent to phone/);

    const yes = buttonData(prompt, /^1\b|Yes/)!;
    const answer = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(answer.text ?? '').not.toMatch(/no longer open/i);
    expect((await waitForFile(path.join(claudeEnv.cwd, 'out.txt'))).trim()).toBe('hello');
    await telegram.waitFor(
      () => (/answered from phone/.test(byId(prompt.messageId).text) ? true : null),
      10_000,
    );
    expect(byId(prompt.messageId).buttons).toEqual([]);

    const optionWrites = (await auditLog()).filter((e) => e.via === 'option');
    expect(optionWrites).toHaveLength(1);
    const again = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(again.text).toMatch(/no longer open/i);
    await page.waitForTimeout(300);
    expect((await auditLog()).filter((e) => e.via === 'option')).toHaveLength(1);
  });

  it('a prompt answered at the desk updates the phone message and removes its buttons', async () => {
    await waitForTerminal(page, /Done\./, 30_000);
    await typeLine(page, 'please write desk to desk.txt');
    const prompt = await telegram.waitForMessage(
      (msg) => msg.fromBot && msg.buttons.length > 0 && msg.text.includes('echo desk > desk.txt'),
      30_000,
    );
    const yes = buttonData(prompt, /Yes/)!;
    expect(yes).not.toBeNull();
    await waitForTerminal(page, 'Do you want to proceed?', 15_000);
    await fs.mkdir(path.join(ROOT, 'e2e', 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'claude-permission.png') });
    await focusTerminal(page);
    await page.keyboard.press('1');
    expect((await waitForFile(path.join(claudeEnv.cwd, 'desk.txt'))).trim()).toBe('desk');
    await telegram.waitFor(() => (/at the desk/.test(byId(prompt.messageId).text) ? true : null), 15_000);
    expect(byId(prompt.messageId).buttons).toEqual([]);
    const stale = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(stale.text).toMatch(/no longer open/i);
    expect((await auditLog()).filter((e) => e.via === 'option')).toHaveLength(1);
  });

  it('a reply to the "waiting" message is typed into the session and submitted', async () => {
    const waiting = await telegram.waitForMessage(
      (msg) => msg.fromBot && /is waiting/.test(msg.text) && msg.text.includes('claude-e2e'),
      30_000,
    );
    const turnsBefore = api.turns.length;
    const reply = telegram.userSends(CHAT, USER, 'what changed on disk?', { replyTo: waiting.messageId });
    await telegram.waitFor(
      () =>
        api.turns.slice(turnsBefore).some((t) => lastUserText(t).includes('what changed on disk?'))
          ? true
          : null,
      30_000,
    );
    await waitForTerminal(page, 'what changed on disk?', 15_000);
    const typed = (await auditLog()).filter((e) => e.via === 'text');
    expect(typed.at(-1)?.sent).toBe('what changed on disk?');
    // Confirmed quietly: a reaction on the user's message, no extra message in the chat.
    await telegram.waitFor(() => (reply.reactions.includes('✍') ? true : null), 10_000);
    expect(botMessages().some((m) => /typed into/.test(m.text))).toBe(false);
  });
});
