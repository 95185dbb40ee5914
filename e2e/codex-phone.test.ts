/**
 * End to end with the real Codex CLI (0.169.0): the headless host, Chromium, `codex` in a real
 * PTY talking to a fake Responses API that asks to run commands with escalation, and a fake
 * Telegram Bot API playing the phone.
 *
 * A user starts a Codex session from the page and gives it tasks; each approval reaches the phone
 * with its command and Codex's own three options; "Yes" runs the command (the file appears), the
 * message is edited and a stale tap writes nothing; "don't ask again" stores Codex's rule; "No"
 * cancels (no file). Each finished turn pages "is waiting" once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeResponsesApi,
  execCall,
  hasCallOutput,
  lastUserText,
} from '../test/fakes/openai-responses-api.js';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { CODEX_BIN } from '../test/support/agent-bins.js';
import { makeCodexEnv, type AgentEnv } from '../test/support/codex-env.js';
import { launchBrowser, terminalText, waitForTerminal } from './support/browser.js';
import { createSession, focusTerminal } from './support/app.js';
import type { RunningHost } from './support/host.js';
import {
  auditEntries,
  buttonData,
  pairPhone,
  startPhoneHost,
  waitForFile,
  type PhoneHost,
} from './support/phone.js';

const USER = { id: 515151, first_name: 'Cody', username: 'cody_phone' };
const CHAT = USER.id;

const api = new FakeResponsesApi({
  script: (req) => {
    if (hasCallOutput(req)) return { kind: 'text', text: 'Done.' };
    const m = /please write (\w+)/.exec(lastUserText(req));
    if (m) return execCall(`echo ${m[1]} > ${m[1]}.txt`, `Write ${m[1]} to ${m[1]}.txt`);
    return { kind: 'text', text: 'Noted.' };
  },
});
const telegram = new FakeTelegramBotApi();
let env: AgentEnv;
let host: RunningHost;
let browser: Browser;
let page: Page;
let phone: PhoneHost;
let userNotifyLog: string;

const byId = (id: number) => telegram.messagesIn(CHAT).find((m) => m.messageId === id)!;
const waitingMessages = () =>
  telegram
    .messagesIn(CHAT)
    .filter((m) => m.fromBot && /is waiting/.test(m.text) && m.text.includes('codex-e2e'));

/**
 * Sends a task and waits for its approval message on the phone. Codex takes keys that arrive
 * within a few ms of each other for a paste, and an Enter right after a paste for a newline, so
 * Enter comes half a second after the text, as a person would press it.
 */
async function approvalFor(word: string) {
  // Type into an idle composer only: while Codex works (at start-up too, under load), Enter
  // queues or steers the text instead of starting the turn this test is about.
  await waitForTerminal(page, /^(?![\s\S]*esc to interrupt)[\s\S]*\? for shortcuts/, 30_000);
  await focusTerminal(page);
  await page.keyboard.type(`please write ${word}`, { delay: 5 });
  await waitForTerminal(page, `› please write ${word}`, 10_000);
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  return telegram
    .waitForMessage(
      (msg) => msg.fromBot && msg.buttons.length > 0 && msg.text.includes(`echo ${word} > ${word}.txt`),
      30_000,
    )
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nlast screen:\n${await terminalText(page)}`);
    });
}

beforeAll(async () => {
  const { url } = await api.start();
  // The user's own Codex settings: ask on request, read-only sandbox, no background app server,
  // and their own notify program (it must keep running beside Agent Pager's).
  userNotifyLog = path.join(os.tmpdir(), `ap-e2e-user-notify-${process.pid}.log`);
  const userNotify = ['/bin/sh', '-c', `printf '%s\\n' "$1" >> '${userNotifyLog}'`, 'sh'];
  env = await makeCodexEnv({
    baseUrl: url,
    extraToml: [
      'approval_policy = "on-request"',
      'sandbox_mode = "read-only"',
      `notify = [${userNotify.map((w) => JSON.stringify(w)).join(', ')}]`,
      '',
      '[features]',
      'daemon_auto_start = false',
    ].join('\n'),
  });
  phone = await startPhoneHost(telegram, { env: env.env, bins: { codex: CODEX_BIN } });
  host = phone.host;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(host.url);
  await pairPhone(page, telegram, USER);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const code = await phone?.stop();
  await api.close();
  await env?.cleanup();
  await fs.rm(userNotifyLog, { force: true });
  expect(code).toBe(0);
});

describe('answering Codex CLI approvals from the phone', () => {
  it('the New session dialog shows which agents are installed and defaults to an installed one', async () => {
    await page.getByRole('button', { name: 'New session', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const codex = dialog.getByRole('radio', { name: /^Codex/ });
    await expect.poll(() => codex.isChecked(), { timeout: 15_000 }).toBe(true);
    await dialog.getByText('v0.169.0').waitFor({ timeout: 5000 });
    await dialog.getByText('npm i -g @anthropic-ai/claude-code').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('Settings → Check setup lists one line per check', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = page.getByRole('dialog');
    await panel.getByRole('button', { name: 'Check setup' }).click();
    const list = panel.locator('.setup-checks');
    await list.getByText(/Agent: codex/).waitFor({ timeout: 15_000 });
    const text = (await list.textContent()) ?? '';
    expect(text).toMatch(/Terminal \(node-pty\): loads/);
    expect(text).toMatch(/Telegram bot: token valid/);
    expect(text).toMatch(/Phone pairing: paired with @cody_phone/);
    expect(text).toMatch(/Claude hook channel: listening/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('starts Codex from the New session dialog', async () => {
    await createSession(page, { preset: 'Codex', cwd: env.cwd, name: 'codex-e2e' });
    await waitForTerminal(page, '? for shortcuts', 30_000);
  });

  it('relays the command approval with its command and buttons; "Yes" runs it once', async () => {
    const prompt = await approvalFor('hello');
    expect(prompt.text).toContain('codex-e2e');
    const labels = prompt.buttons.flat().map((b) => b.text);
    expect(labels[0]).toMatch(/Yes, proceed/);
    expect(labels[1]).toMatch(/don't ask again/);
    expect(labels[2]).toMatch(/^3\. No, and tell Codex/);
    expect(labels).toContain('Esc');

    const yes = buttonData(prompt, /Yes, proceed/)!;
    const answer = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(answer.text ?? '').not.toMatch(/no longer open/i);
    expect((await waitForFile(path.join(env.cwd, 'hello.txt'))).trim()).toBe('hello');
    await telegram.waitFor(
      () => (/answered from phone/.test(byId(prompt.messageId).text) ? true : null),
      10_000,
    );
    expect(byId(prompt.messageId).buttons).toEqual([]);
    const writes = (await auditEntries(host.dataDir)).filter((e) => e.via === 'option');
    expect(writes.map((e) => e.sent)).toEqual(['y']);

    const again = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(again.text).toMatch(/no longer open/i);
    await page.waitForTimeout(300);
    expect((await auditEntries(host.dataDir)).filter((e) => e.via === 'option')).toHaveLength(1);
  });

  it('pages "is waiting" once when the turn has finished', async () => {
    await waitForTerminal(page, /Worked for/, 30_000);
    await telegram.waitFor(() => (waitingMessages().length > 0 ? true : null), 15_000);
    await page.waitForTimeout(1500);
    expect(waitingMessages()).toHaveLength(1);
    expect(waitingMessages()[0]!.text).toContain('Done.');
    // The user's own notify program still ran for the turn, next to Agent Pager's.
    const notified = await waitForFile(userNotifyLog, 5000);
    expect(notified).toContain('"type":"agent-turn-complete"');
    expect(notified).toContain('"last-assistant-message":"Done."');
  });

  it('"don\'t ask again" runs the command and stores Codex\'s own rule', async () => {
    const prompt = await approvalFor('always');
    await telegram.userTaps(CHAT, USER, prompt.messageId, buttonData(prompt, /don't ask again/)!, 10_000);
    expect((await waitForFile(path.join(env.cwd, 'always.txt'))).trim()).toBe('always');
    const rules = await waitForFile(path.join(env.home, '.codex', 'rules', 'default.rules'), 10_000);
    expect(rules).toContain('echo always > always.txt');
  });

  it('"No" declines: the command does not run and Codex says so', async () => {
    await waitForTerminal(page, /Worked for[\s\S]*Worked for/, 30_000);
    const prompt = await approvalFor('never');
    await telegram.userTaps(CHAT, USER, prompt.messageId, buttonData(prompt, /^3\. No/)!, 10_000);
    await waitForTerminal(page, /You canceled the request/, 15_000);
    await expect(fs.stat(path.join(env.cwd, 'never.txt'))).rejects.toThrow();
    const sent = (await auditEntries(host.dataDir)).filter((e) => e.via === 'option').map((e) => e.sent);
    expect(sent).toEqual(['y', 'p', '\x1b']);
  });

  it('a reply to the "is waiting" message is typed into Codex and submitted', async () => {
    const waiting = waitingMessages().at(-1)!;
    const turnsBefore = api.turns.length;
    telegram.userSends(CHAT, USER, 'what changed on disk?', { replyTo: waiting.messageId });
    await telegram.waitFor(
      () =>
        api.turns.slice(turnsBefore).some((t) => lastUserText(t).includes('what changed on disk?'))
          ? true
          : null,
      30_000,
    );
    const typed = (await auditEntries(host.dataDir)).filter((e) => e.via === 'text');
    expect(typed.at(-1)?.sent).toBe('what changed on disk?');
  });
});
