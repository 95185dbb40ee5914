/**
 * End to end, the phone as a remote: the real headless host (`npm run serve`), the real `claude`
 * CLI in a real PTY against a fake Messages API, a real shell, and the fake Telegram Bot API as
 * the phone — no browser: everything below happens from the chat alone.
 *
 * The chat starts a Claude Code session with `/new` (agent and folder buttons), follows a turn in
 * one live status message (the tool Claude ran, then its answer, with Reply / Screen), queues
 * three texts while Claude is busy and sees them submitted as three turns in order, cancels
 * queued text, follows a shell's turn from its screen, gets on `/resume` the prompt raised while
 * paused and answers it, gets an answer for a sticker and a voice note, and ends sessions with
 * `/close` after confirming.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../test/fakes/anthropic-api.js';
import { FakeTelegramBotApi, type FakeMessage } from '../test/fakes/telegram-bot-api.js';
import { CLAUDE_BIN, makeClaudeEnv, type ClaudeEnv } from '../test/support/claude-env.js';
import { startHost, type RunningHost } from './support/host.js';

const USER = { id: 515151, first_name: 'Alice', username: 'alice_remote' };
const CHAT = USER.id;

/** Text of the last user message of a turn request (what was typed into Claude Code). */
function lastUserText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

let claudeEnv: ClaudeEnv;
const api = new FakeAnthropicApi({
  script: (req) => {
    if (hasToolResult(req)) return { kind: 'text', text: 'The notes say: remote works.' };
    const text = lastUserText(req);
    if (text.includes('read the notes'))
      return { kind: 'tool_use', name: 'Read', input: { file_path: path.join(claudeEnv.cwd, 'notes.txt') } };
    if (text.includes('write hello'))
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: 'echo hello > out.txt', description: 'Write hello to out.txt' },
      };
    return { kind: 'text', text: `Answered: ${text.slice(0, 40)}` };
  },
});
const telegram = new FakeTelegramBotApi();
let host: RunningHost;
let binDir: string;

const byId = (id: number) => telegram.messagesIn(CHAT).find((m) => m.messageId === id)!;
const lastId = () => telegram.messagesIn(CHAT).at(-1)?.messageId ?? 0;
const labels = (m: FakeMessage) => m.buttons.flat().map((b) => b.text);
const buttonData = (m: FakeMessage, label: RegExp) =>
  m.buttons.flat().find((b) => label.test(b.text))?.data ?? null;
const botAfter = (id: number, pattern: RegExp, timeoutMs = 30_000) =>
  telegram.waitForMessage((m) => m.fromBot && m.messageId > id && pattern.test(m.text), timeoutMs);
const send = (text: string, replyTo?: number) =>
  telegram.userSends(CHAT, USER, text, replyTo === undefined ? {} : { replyTo });
const tap = async (m: FakeMessage, label: RegExp) => {
  const data = buttonData(m, label);
  expect(data, `button ${label} on: ${m.text} ${JSON.stringify(labels(m))}`).not.toBeNull();
  return telegram.userTaps(CHAT, USER, m.messageId, data!, 10_000);
};
/** Turn requests whose typed text (last user message) contains `text`. */
const turnsWith = (text: string) =>
  api.turns.filter((t) => !hasToolResult(t) && lastUserText(t).includes(text));

/** Asks `/screen <name>` until the screen shows `pattern`. */
async function waitForScreen(name: string, pattern: RegExp, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asked = send(`/screen ${name}`);
    const shot = await botAfter(asked.messageId, /🖥/, 15_000);
    if (pattern.test(shot.text)) return shot.text;
    if (Date.now() > deadline) throw new Error(`screen of ${name} never showed ${pattern}:\n${shot.text}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Starts a session with /new from the chat; resolves with the confirmation message. */
async function startFromPhone(agentLabel: RegExp): Promise<FakeMessage> {
  const asked = send('/new');
  const menu = await botAfter(asked.messageId, /Start which agent/);
  expect(labels(menu)).toEqual(expect.arrayContaining(['Claude Code', 'Shell']));
  await tap(menu, agentLabel);
  const folders = await telegram.waitFor(
    () => (/in which folder/.test(byId(menu.messageId).text) ? byId(menu.messageId) : null),
    15_000,
  );
  expect(folders.text).toContain(claudeEnv.cwd);
  await tap(folders, /project$/);
  return botAfter(menu.messageId, /▶️ Started/);
}

beforeAll(async () => {
  const { url } = await api.start();
  await telegram.start();
  claudeEnv = await makeClaudeEnv({ baseUrl: url });
  await fs.writeFile(path.join(claudeEnv.cwd, 'notes.txt'), 'remote works\n');
  binDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-bin-'));
  await fs.symlink(CLAUDE_BIN, path.join(binDir, 'claude'));
  // A computer already paired with this chat, whose Settings list the project folder for /new.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-data-'));
  await fs.writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      settings: { phoneFolders: [claudeEnv.cwd] },
      phone: {
        paired: {
          chatId: CHAT,
          userId: USER.id,
          username: USER.username,
          firstName: USER.first_name,
          botId: telegram.bot.id,
        },
        paused: false,
      },
    }),
  );
  host = await startHost({
    dataDir,
    env: {
      ...claudeEnv.env,
      PATH: `${binDir}:${claudeEnv.env.PATH}`,
      SHELL: '/bin/bash',
      AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
      AGENT_PAGER_BOT_TOKEN: telegram.token,
    },
  });
}, 120_000);

afterAll(async () => {
  const code = await host?.stop();
  await telegram.close();
  await api.close();
  await claudeEnv?.cleanup();
  if (binDir) await fs.rm(binDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the phone as a remote', () => {
  describe('feature 3: new work from the phone', () => {
    it('/new offers the installed agents and the listed folder, starts Claude Code and confirms with its name', async () => {
      const started = await startFromPhone(/^Claude Code$/);
      expect(started.text).toMatch(/Started project \(Claude Code\)/);
      await waitForScreen('project', /\? for shortcuts/);
    }, 90_000);
  });

  describe('feature 1: live progress', () => {
    it('one status message per turn: the tool Claude runs, then its answer with Reply and Screen', async () => {
      const before = lastId();
      send('please read the notes');
      // Under load the turn may be over before its (low-priority) status message goes out.
      const status = await botAfter(before, /^(⏳|💬) project is (working|waiting)/);
      const done = await telegram.waitFor(() => {
        const m = byId(status.messageId);
        return /is waiting · turn took \d+s/.test(m.text) && /remote works/.test(m.text) ? m : null;
      }, 40_000);
      expect(done.text).toMatch(/✓ Read: .*notes\.txt/);
      expect(labels(done)).toEqual(['Reply', 'Screen']);
      // The finished turn is told once: no separate "is waiting" message after the status message.
      await new Promise((r) => setTimeout(r, 2000));
      const later = telegram.messagesIn(CHAT).filter((m) => m.fromBot && m.messageId > status.messageId);
      expect(later.filter((m) => /is waiting/.test(m.text))).toEqual([]);
      const reply = await tap(done, /^Reply$/);
      expect(reply.text).toMatch(/goes to project/);
    }, 90_000);

    it('/progress off: the next turn gets no status message but its "is waiting" message; /progress on', async () => {
      let asked = send('/progress off');
      await botAfter(asked.messageId, /Live progress is off/);
      const before = lastId();
      send('say something short');
      const waiting = await botAfter(before, /project is waiting/);
      expect(waiting.text).not.toMatch(/turn took/);
      const fromBot = telegram.messagesIn(CHAT).filter((m) => m.fromBot && m.messageId > before);
      expect(fromBot.filter((m) => m.text.startsWith('⏳'))).toEqual([]);
      asked = send('/progress on');
      await botAfter(asked.messageId, /Live progress is on/);
    }, 60_000);
  });

  describe('feature 2: a queue while busy', () => {
    it('texts sent while Claude is busy are queued and submitted as three turns, in order', async () => {
      api.holdTurns();
      const before = lastId();
      send('a long task');
      const status = await botAfter(before, /project is working/);
      await telegram.waitFor(() => (turnsWith('a long task').length > 0 ? true : null), 30_000);
      send('queued one');
      send('queued two');
      send('queued three');
      const shown = await telegram.waitFor(() => {
        const m = byId(status.messageId);
        return /queued \(3\)/.test(m.text) ? m : null;
      }, 15_000);
      expect(labels(shown)).toContain('Cancel queued (3)');
      api.releaseTurns();
      await telegram.waitFor(() => (turnsWith('queued three').length > 0 ? true : null), 60_000);
      const typed = api.turns.filter((t) => !hasToolResult(t)).map(lastUserText);
      const at = (text: string) => typed.findIndex((t) => t.includes(text));
      expect(at('a long task')).toBeLessThan(at('queued one'));
      expect(at('queued one')).toBeLessThan(at('queued two'));
      expect(at('queued two')).toBeLessThan(at('queued three'));
      // Three turns: each queued text is the whole of its own turn's prompt.
      for (const text of ['queued one', 'queued two', 'queued three']) {
        const [turn] = turnsWith(text);
        expect(lastUserText(turn!).trim()).toBe(text);
      }
      // The long task's status message was edited in place from "working" to its end.
      const ended = await telegram.waitFor(() => {
        const m = byId(status.messageId);
        return /is waiting · turn took/.test(m.text) ? m : null;
      }, 30_000);
      expect(ended.edits).toBeGreaterThan(0);
      expect(ended.text).toContain('Answered: a long task');
    }, 120_000);

    it('/queue lists the waiting texts and Cancel drops them: they are never typed', async () => {
      // The queue of the previous test has drained: its last text's turn has ended.
      await telegram.waitForMessage(
        (m) =>
          m.fromBot && /is waiting · turn took/.test(m.text) && m.text.includes('Answered: queued three'),
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      // Claude stays busy until the texts are queued, listed and cancelled.
      api.holdTurns();
      const before = lastId();
      send('another long task');
      const status = await botAfter(before, /project is working/);
      await telegram.waitFor(() => (turnsWith('another long task').length > 0 ? true : null), 30_000);
      send('never typed');
      send('also never');
      await telegram.waitFor(() => (/queued \(2\)/.test(byId(status.messageId).text) ? true : null), 15_000);
      const asked = send('/queue');
      const list = await botAfter(asked.messageId, /project/);
      expect(list.text).toMatch(/1\. never typed\n2\. also never/);
      const answer = await tap(byId(status.messageId), /^Cancel queued/);
      expect(answer.text).toMatch(/Dropped 2/);
      api.releaseTurns();
      await telegram.waitFor(() => (/is waiting/.test(byId(status.messageId).text) ? true : null), 30_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(turnsWith('never typed')).toEqual([]);
      expect(turnsWith('also never')).toEqual([]);
    }, 90_000);
  });

  describe('feature 1: live progress of an agent without hooks', () => {
    it('a shell turn is followed from its screen', async () => {
      const started = await startFromPhone(/^Shell$/);
      expect(started.text).toMatch(/Started project 2 \(Shell\)/);
      const before = lastId();
      send('sleep 2; echo shell-finished');
      const status = await botAfter(before, /project 2 is working/);
      const done = await telegram.waitFor(() => {
        const m = byId(status.messageId);
        return /is waiting/.test(m.text) ? m : null;
      }, 30_000);
      expect(done.text).toMatch(/shell-finished/);
    }, 90_000);
  });

  describe('feature 8: nothing silent', () => {
    it('/resume sums up the prompt raised while paused and offers it with buttons; it answers in the terminal', async () => {
      let asked = send('/pause');
      await botAfter(asked.messageId, /paused/);
      // Plain text would go to the shell (started last): reply to Claude's confirmation instead.
      const claude = telegram
        .messagesIn(CHAT)
        .find((m) => m.fromBot && /Started project \(Claude Code\)/.test(m.text))!;
      asked = send('please write hello to out.txt', claude.messageId);
      await telegram.waitFor(() => (asked.reactions.includes('✍') ? true : null), 15_000);
      await waitForScreen('project', /Do you want to proceed\?/);
      await new Promise((r) => setTimeout(r, 1500)); // the screen is read 120 ms after output, later under load
      // Paused: no prompt message (a /screen picture of it is not one) and no status message.
      const promptMessages = () =>
        telegram
          .messagesIn(CHAT)
          .filter((m) => m.fromBot && !m.text.startsWith('🖥') && m.text.includes('echo hello > out.txt'));
      expect(promptMessages()).toEqual([]);
      expect(
        telegram
          .messagesIn(CHAT)
          .filter((m) => m.fromBot && m.messageId > asked.messageId && m.text.startsWith('⏳')),
      ).toEqual([]);
      asked = send('/resume');
      const summary = await botAfter(asked.messageId, /While paused, 1 prompt was raised/);
      expect(summary.text).toMatch(/project — .*\(still open/);
      const prompt = await telegram.waitForMessage(
        (m) =>
          m.fromBot &&
          m.messageId > summary.messageId &&
          m.buttons.length > 0 &&
          m.text.includes('echo hello > out.txt'),
        15_000,
      );
      expect(labels(prompt).some((l) => /Yes/.test(l))).toBe(true);
      await tap(prompt, /^1\b|Yes/);
      const deadline = Date.now() + 20_000;
      while (!(await fs.readFile(path.join(claudeEnv.cwd, 'out.txt'), 'utf8').catch(() => ''))) {
        if (Date.now() > deadline) throw new Error('out.txt never appeared');
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 120_000);

    it('a sticker and a voice note get a short answer, not silence', async () => {
      const sticker = telegram.userSendsMedia(CHAT, USER, 'sticker');
      await botAfter(sticker.messageId, /stickers and other media are not typed/);
      const voice = telegram.userSendsMedia(CHAT, USER, 'voice');
      await botAfter(voice.messageId, /Voice messages are not supported yet/);
    }, 30_000);
  });

  describe('feature 3: ending a session from the phone', () => {
    it('/close asks first; Keep keeps the session, Close ends it', async () => {
      let asked = send('/close project');
      let confirm = await botAfter(asked.messageId, /Close project\?/);
      await tap(confirm, /Keep it/);
      await telegram.waitFor(() => (/Kept/.test(byId(confirm.messageId).text) ? true : null), 10_000);
      asked = send('/close project');
      confirm = await botAfter(asked.messageId, /Close project\?/);
      await tap(confirm, /Close it/);
      await telegram.waitFor(
        () => (/Closed project/.test(byId(confirm.messageId).text) ? true : null),
        15_000,
      );
      asked = send('/sessions');
      const list = await botAfter(asked.messageId, /project/);
      expect(list.text).toMatch(/• project 2 \(/);
      expect(list.text).not.toMatch(/• project \(/);
    }, 60_000);
  });
});
