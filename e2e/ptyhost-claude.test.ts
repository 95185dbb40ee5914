/**
 * End to end, Claude Code across restarts: the real headless host and PTY host, Chromium, the
 * real `claude` CLI against a fake Messages API, and a fake Telegram Bot API as the paired phone.
 *
 * A permission prompt is on the phone when the app is killed with SIGKILL; after the next start
 * nothing is sent twice and a tap on the old message still answers the prompt (a second tap is
 * refused clearly). Then the PTY host itself is killed: the tab comes back "stopped by a restart",
 * and Resume runs `claude --resume <id>`, whose next turn carries the earlier conversation.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../test/fakes/anthropic-api.js';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { CLAUDE_BIN, makeClaudeEnv, type ClaudeEnv } from '../test/support/claude-env.js';
import { launchBrowser, waitForTerminal } from './support/browser.js';
import { createSession, typeLine } from './support/app.js';
import { killPtyHost, startHost, type RunningHost } from './support/host.js';
import { waitFor } from '../test/support/wait.js';
import { buttonData, waitForFile } from './support/phone.js';

const USER = { id: 515151, first_name: 'Bea', username: 'bea_phone' };
const CHAT = USER.id;

/** Every text block of a request's messages, joined (what the conversation holds so far). */
function conversationText(req: MessagesRequest): string {
  return req.messages
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((b) => b.text ?? '')))
    .join('\n');
}

/** Text of the last user message of a turn request. */
function lastUserText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

const api = new FakeAnthropicApi({
  script: (req) => {
    if (hasToolResult(req)) return { kind: 'text', text: 'Done.' };
    if (lastUserText(req).includes('write hello')) {
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: 'echo hello > out.txt', description: 'Write hello to out.txt' },
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
let binDir: string;
let dataDir: string;

const hostEnv = () => ({
  ...claudeEnv.env,
  PATH: `${binDir}:${claudeEnv.env.PATH}`,
  SHELL: '/bin/bash',
  AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
  AGENT_PAGER_BOT_TOKEN: telegram.token,
});
const promptMessages = () =>
  telegram.messagesIn(CHAT).filter((m) => m.fromBot && m.text.includes('echo hello > out.txt'));
const byId = (id: number) => telegram.messagesIn(CHAT).find((m) => m.messageId === id)!;
/** SIGKILL to the app (not its PTY host); resolves once it is gone. */
async function killApp(): Promise<void> {
  process.kill(await host.appPid(), 'SIGKILL');
  await new Promise<void>((resolve) => {
    if (host.proc.exitCode !== null || host.proc.signalCode !== null) resolve();
    else host.proc.once('exit', () => resolve());
  });
}

beforeAll(async () => {
  const { url } = await api.start();
  await telegram.start();
  claudeEnv = await makeClaudeEnv({ baseUrl: url });
  binDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-bin-'));
  await fs.symlink(CLAUDE_BIN, path.join(binDir, 'claude'));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-data-'));
  // Already paired (pairing itself is covered by claude-phone.test.ts): the user wrote to the
  // bot back then, so Telegram lets the bot write to the chat.
  telegram.userStartedBotEarlier(CHAT);
  const paired = { chatId: CHAT, userId: USER.id, username: USER.username, firstName: USER.first_name };
  await fs.writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ phone: { paired: { ...paired, botId: telegram.bot.id }, paused: false } }),
  );
  host = await startHost({ env: hostEnv(), dataDir, stopAgentsOnExit: false });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(host.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await killPtyHost(dataDir);
  await telegram.close();
  await api.close();
  await claudeEnv?.cleanup();
  await fs.rm(binDir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('Claude Code and the phone across restarts', () => {
  it('a prompt on the phone when the app is killed: after the restart nothing is sent twice and a tap answers it', async () => {
    await createSession(page, { preset: 'Claude Code', cwd: claudeEnv.cwd, name: 'claude-resume' });
    await waitForTerminal(page, '? for shortcuts', 30_000);
    await typeLine(page, 'please write hello to out.txt');
    const prompt = await telegram.waitForMessage(
      (msg) => msg.fromBot && msg.buttons.length > 0 && msg.text.includes('echo hello > out.txt'),
      30_000,
    );
    // The app has saved that the prompt reached the chat (its message id in the settings file)
    // before it dies. Killed before that, it would send the prompt again after the restart:
    // at least once, never lost, as it should.
    await waitFor(
      async () => {
        const saved = await fs.readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '');
        return new RegExp(`"messageId":\\s*${prompt.messageId}\\b`).test(saved);
      },
      'the prompt message saved by the app',
      15_000,
    );
    await killApp();

    host = await startHost({ env: hostEnv(), dataDir, stopAgentsOnExit: false });
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'claude-resume', exact: true }).waitFor();
    await waitForTerminal(page, 'Do you want to proceed?', 15_000);
    // Give the new app time to poll and (wrongly) send the open prompt again.
    await new Promise((r) => setTimeout(r, 3000));
    expect(promptMessages()).toHaveLength(1);

    const yes = buttonData(prompt, /^1\b|Yes/)!;
    const answer = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 15_000);
    expect(answer.text ?? '').toMatch(/^Sent: /);
    expect((await waitForFile(path.join(claudeEnv.cwd, 'out.txt'))).trim()).toBe('hello');
    await telegram.waitFor(
      () => (/answered from phone/.test(byId(prompt.messageId).text) ? true : null),
      10_000,
    );
    const again = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(again.text).toMatch(/no longer open/i);
    expect(promptMessages()).toHaveLength(1);
    await waitForTerminal(page, /Done\./, 30_000);
  });

  it('after the PTY host is gone, Resume runs claude --resume <id> and the next turn carries the conversation', async () => {
    expect(await host.stop()).toBe(0);
    await killPtyHost(dataDir);
    host = await startHost({ env: hostEnv(), dataDir, stopAgentsOnExit: true });
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'claude-resume', exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: 'claude-resume' });
    await panel.getByText('stopped by a restart').waitFor();
    const resume = panel.getByRole('button', { name: 'Resume', exact: true });
    expect(await resume.getAttribute('title')).toMatch(/^claude --resume [0-9a-f-]{36}$/);
    await resume.click();
    await waitForTerminal(page, '? for shortcuts', 30_000);
    const before = api.turns.length;
    await typeLine(page, 'what did you do so far?');
    const turn = await telegram.waitFor(
      () => api.turns.slice(before).find((t) => lastUserText(t).includes('what did you do so far?')) ?? null,
      30_000,
    );
    expect(conversationText(turn)).toContain('please write hello to out.txt');
  });
});
