/**
 * End to end with the real Gemini CLI (0.61.0): the headless host, Chromium, `gemini` in a real
 * PTY talking to a fake Gemini API that asks to run shell commands, and a fake Telegram Bot API
 * playing the phone.
 *
 * A user starts a Gemini CLI session from the page and gives it tasks; each confirmation reaches
 * the phone with its command and the CLI's three options; "Allow once" runs the command (the file
 * appears), the message is edited and a stale tap writes nothing; "Allow for this session" runs
 * it and a later identical command runs without asking; "No" cancels (no file). Each finished
 * turn pages "is waiting" once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGeminiApi, lastIsFunctionResponse, lastUserText } from '../test/fakes/gemini-api.js';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { GEMINI_BIN } from '../test/support/agent-bins.js';
import type { AgentEnv } from '../test/support/codex-env.js';
import { makeGeminiEnv } from '../test/support/gemini-env.js';
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

const USER = { id: 616161, first_name: 'Gemma', username: 'gemma_phone' };
const CHAT = USER.id;

const api = new FakeGeminiApi({
  script: (req) => {
    if (lastIsFunctionResponse(req)) return { kind: 'text', text: 'Done.' };
    const m = /please write (\w+)/.exec(lastUserText(req));
    if (m) return { kind: 'call', name: 'run_shell_command', args: { command: commandFor(m[1]!) } };
    return { kind: 'text', text: 'Noted.' };
  },
});
const telegram = new FakeTelegramBotApi();

/**
 * The command asked for a task word. "Allow for this session" allows the command's root (`echo`)
 * for the rest of the session, so the task that is declined uses another program.
 */
function commandFor(word: string): string {
  return word === 'never' ? 'touch never.txt' : `echo ${word} > ${word}.txt`;
}
let env: AgentEnv;
let host: RunningHost;
let browser: Browser;
let page: Page;
let phone: PhoneHost;

const byId = (id: number) => telegram.messagesIn(CHAT).find((m) => m.messageId === id)!;
const waitingMessages = () =>
  telegram
    .messagesIn(CHAT)
    .filter((m) => m.fromBot && /is waiting/.test(m.text) && m.text.includes('gemini-e2e'));

/**
 * Types a task and submits it. The CLI takes an Enter read within 30 ms of other keys for a
 * pasted newline (KeypressContext.tsx, FAST_RETURN_TIMEOUT), so Enter is pressed only once the
 * text is drawn in the input box, as a person would.
 */
async function submitTask(text: string): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.type(text, { delay: 5 });
  await waitForTerminal(page, ` > ${text}`, 30_000);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Sends a task and waits for its confirmation message on the phone. */
async function approvalFor(word: string) {
  await submitTask(`please write ${word}`);
  return telegram
    .waitForMessage(
      (msg) => msg.fromBot && msg.buttons.length > 0 && msg.text.includes(commandFor(word)),
      30_000,
    )
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nlast screen:\n${await terminalText(page)}`);
    });
}

beforeAll(async () => {
  const { url } = await api.start();
  env = await makeGeminiEnv({ baseUrl: url });
  phone = await startPhoneHost(telegram, { env: env.env, bins: { gemini: GEMINI_BIN } });
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
  expect(code).toBe(0);
});

describe('answering Gemini CLI confirmations from the phone', () => {
  it('starts Gemini CLI from the New session dialog', async () => {
    await createSession(page, { preset: 'Gemini CLI', cwd: env.cwd, name: 'gemini-e2e' });
    await waitForTerminal(page, 'Type your message', 30_000);
  });

  it('relays the shell confirmation with its command and buttons; "Allow once" runs it once', async () => {
    const prompt = await approvalFor('hello');
    expect(prompt.text).toContain('gemini-e2e');
    const labels = prompt.buttons.flat().map((b) => b.text);
    expect(labels.slice(0, 3)).toEqual([
      '1. Allow once',
      '2. Allow for this session',
      '3. No, suggest changes',
    ]);
    expect(labels).toContain('Esc');

    const yes = buttonData(prompt, /Allow once/)!;
    const answer = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(answer.text ?? '').not.toMatch(/no longer open/i);
    expect((await waitForFile(path.join(env.cwd, 'hello.txt'))).trim()).toBe('hello');
    await telegram.waitFor(
      () => (/answered from phone/.test(byId(prompt.messageId).text) ? true : null),
      10_000,
    );
    expect(byId(prompt.messageId).buttons).toEqual([]);
    const writes = (await auditEntries(host.dataDir)).filter((e) => e.via === 'option');
    expect(writes.map((e) => e.sent)).toEqual(['1']);

    const again = await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
    expect(again.text).toMatch(/no longer open/i);
    await page.waitForTimeout(300);
    expect((await auditEntries(host.dataDir)).filter((e) => e.via === 'option')).toHaveLength(1);
  });

  it('pages "is waiting" once when the turn has finished', async () => {
    await waitForTerminal(page, /✦ Done\./, 30_000);
    await telegram.waitFor(() => (waitingMessages().length > 0 ? true : null), 15_000);
    await page.waitForTimeout(1500);
    expect(waitingMessages()).toHaveLength(1);
    expect(waitingMessages()[0]!.text).toContain('Done.');
  });

  it('"Allow for this session" runs the command and the same command later runs without asking', async () => {
    const prompt = await approvalFor('always');
    await telegram.userTaps(
      CHAT,
      USER,
      prompt.messageId,
      buttonData(prompt, /Allow for this session/)!,
      10_000,
    );
    expect((await waitForFile(path.join(env.cwd, 'always.txt'))).trim()).toBe('always');
    await fs.rm(path.join(env.cwd, 'always.txt'));
    const seen = telegram.messagesIn(CHAT).length;
    await waitForTerminal(page, /✦ Done\.[\s\S]*✦ Done\./, 30_000);
    await submitTask('please write always');
    const again = await waitForFile(path.join(env.cwd, 'always.txt'), 45_000).catch(async (err: Error) => {
      throw new Error(`${err.message}\nlast screen:\n${await terminalText(page)}`);
    });
    expect(again.trim()).toBe('always');
    // The turn ends before the next task is typed (typed while busy, it would be queued instead):
    // the tool's result went back to the API and the CLI no longer shows "esc to cancel".
    await telegram.waitFor(
      () => (api.turns.filter(lastIsFunctionResponse).length >= 2 ? true : null),
      45_000,
    );
    await expect
      .poll(async () => !/esc to cancel/.test(await terminalText(page)), { timeout: 30_000 })
      .toBe(true);
    const asked = telegram
      .messagesIn(CHAT)
      .slice(seen)
      .filter((m) => m.fromBot && buttonData(m, /Allow once/) !== null);
    expect(asked).toEqual([]);
  });

  it('"No" declines: the command does not run and the CLI cancels the request', async () => {
    const prompt = await approvalFor('never');
    await telegram.userTaps(CHAT, USER, prompt.messageId, buttonData(prompt, /^3\. No/)!, 10_000);
    await waitForTerminal(page, /Request cancelled/, 15_000);
    await expect(fs.stat(path.join(env.cwd, 'never.txt'))).rejects.toThrow();
    const sent = (await auditEntries(host.dataDir)).filter((e) => e.via === 'option').map((e) => e.sent);
    expect(sent).toEqual(['1', '2', '\x1b']);
  });
});
