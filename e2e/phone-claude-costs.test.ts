/**
 * End to end with the real `claude` CLI in a real PTY (talking to the fake Messages API, which
 * reports chosen token counts), the headless host and the fake Bot API as the phone:
 * - costs out: the finished-turn message, `/sessions` and the session record (the tab's
 *   tooltip) show the tokens and the cost Claude Code wrote to its transcript;
 * - a permission prompt whose command is too long for a message comes with a picture of it.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../contract/bridge.js';
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../test/fakes/anthropic-api.js';
import { FakeTelegramBotApi, type FakeMessage } from '../test/fakes/telegram-bot-api.js';
import { CLAUDE_BIN, makeClaudeEnv, type ClaudeEnv } from '../test/support/claude-env.js';
import { connectBridge, type TestBridge } from './support/bridge.js';
import type { RunningHost } from './support/host.js';
import { pairOverBridge, startPhoneHost, type PhoneHost } from './support/phone.js';

const USER = { id: 616161, first_name: 'Cleo', username: 'cleo_phone' };
const CHAT = USER.id;
const USAGE = {
  input_tokens: 1200,
  output_tokens: 300,
  cache_creation_input_tokens: 1000,
  cache_read_input_tokens: 5000,
};
/** One command line of 100 quoted parts (some 4,700 chars): more than one Telegram message holds. */
const LONG_COMMAND = `echo ${Array.from({ length: 100 }, (_, i) => `'part ${i + 1} of a long generated line'`).join(' ')} > long.txt`;

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
    if (text.includes('long script')) {
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: LONG_COMMAND, description: 'Write a long file' },
      };
    }
    if (text.includes('count me')) return { kind: 'text', text: 'Counted.', usage: USAGE };
    return { kind: 'text', text: 'Noted.' };
  },
});
const telegram = new FakeTelegramBotApi();
let claudeEnv: ClaudeEnv;
let host: RunningHost;
let bridge: TestBridge;
let phone: PhoneHost;
let session: SessionInfo;

const bot = (pred: (m: FakeMessage) => boolean, timeoutMs = 30_000) =>
  telegram.waitForMessage((m) => m.fromBot && m.chatId === CHAT && pred(m), timeoutMs);

async function submit(text: string): Promise<void> {
  await bridge.request('session.write', { id: session.id, data: text });
  await new Promise((r) => setTimeout(r, 100));
  await bridge.request('session.write', { id: session.id, data: '\r' });
}

beforeAll(async () => {
  const { url } = await api.start();
  claudeEnv = await makeClaudeEnv({ baseUrl: url, extraEnv: { ANTHROPIC_MODEL: 'claude-sonnet-4-5' } });
  phone = await startPhoneHost(telegram, { env: claudeEnv.env, bins: { claude: CLAUDE_BIN } });
  host = phone.host;
  bridge = await connectBridge(host);
  await pairOverBridge(bridge, telegram, USER);
  session = await bridge.request('session.create', {
    spec: { name: 'costly', agent: 'claude', command: '', cwd: claudeEnv.cwd },
    cols: 120,
    rows: 80,
  });
}, 120_000);

afterAll(async () => {
  bridge?.close();
  const code = await phone?.stop();
  await api.close();
  await claudeEnv?.cleanup();
  expect(code).toBe(0);
});

describe('costs out', () => {
  it('the finished-turn message, /sessions and the session record show tokens and cost', async () => {
    // Claude Code is ready for input once its hooks ran SessionStart and the prompt box shows.
    await new Promise((r) => setTimeout(r, 8000));
    await submit('please count me');
    // The message may go out before Claude Code wrote the turn's usage; it is then edited.
    const finished = await bot((m) => /This turn: 7\.5k/.test(m.text), 60_000);
    // 1200 in + 300 out + 6000 cache; Sonnet 4.5: 1200×3 + 300×15 + 5000×0.3 + 1000×3.75 = $0.01335 per million.
    expect(finished.text).toMatch(/This turn: 7\.5k tokens \(in 1\.2k, out 300, cache 6\.0k\) · ≈ \$0\.013/);
    expect(finished.text).toMatch(/Session: [\d.]+k tokens, ≈ \$0\.0\d\d/);

    telegram.userSends(CHAT, USER, '/sessions');
    const list = await bot((m) => /costly/.test(m.text) && /Pick one/.test(m.text));
    expect(list.text).toMatch(/costly \([^)]*\) · [\d.]+k tokens · ≈ \$0\.0\d\d/);

    const [info] = (await bridge.request('sessions.list', {})).filter((s) => s.id === session.id);
    expect(info!.usage!.lastTurn).toMatchObject({
      input: 1200,
      output: 300,
      cacheRead: 5000,
      cacheWrite: 1000,
    });
    expect(info!.usage!.lastTurn!.costUsd).toBeCloseTo(0.01335, 5);
    expect(info!.usage!.model).toBe('claude-sonnet-4-5');
  }, 90_000);
});

describe('a long permission prompt comes with its picture', () => {
  it('sends the whole command as a picture in reply to the prompt', async () => {
    await submit('please run the long script');
    // The message shows what fits (the screen's lines, or the hook's command trimmed in the middle).
    const prompt = await bot((m) => m.buttons.length > 0 && /Do you want to proceed/.test(m.text), 60_000);
    const picture = await bot((m) => m.file !== undefined && m.replyToMessageId === prompt.messageId, 30_000);
    expect(picture.text).toMatch(/whole request/);
    expect(picture.text).toContain('costly');
    const png = PNG.sync.read(picture.file!.data);
    // 4,700 chars wrapped at 100 columns: some 48 rows.
    expect(png.height).toBeGreaterThan(png.width / 2);
    expect(png.width).toBeGreaterThan(1000);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length && colours.size < 10; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);
    const no = prompt.buttons.flat().find((b) => b.text === 'Esc')!.data!;
    await telegram.userTaps(CHAT, USER, prompt.messageId, no, 10_000);
  }, 90_000);
});
