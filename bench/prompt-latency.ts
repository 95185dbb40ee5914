/**
 * Prompt → phone, tap → PTY and text reply → PTY, with every real process: the headless host
 * (`npm run serve`), the real `claude` CLI against the fake Messages API, the fake Bot API as the
 * phone. Turns are driven from the phone: a reply to the "is waiting" message asks Claude to run
 * a Bash command; its permission prompt is answered with a tap; the turn ends and the next
 * "is waiting" message comes. So the chat also gets waiting messages, edits and reactions while
 * prompts are measured.
 *
 * Times (one machine, one clock):
 * - first frame: when this client (attached to the session over the bridge, like the page,
 *   mirroring it in `@xterm/headless`) first has the menu on its screen;
 * - at the phone: when the prompt's `sendMessage` arrived at the fake Bot API;
 * - in the PTY: the host's audit log entry, written right after the PTY write;
 * - baseline: a loop reading the same mirrored screen every 2 s, as a polling pager does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import xtermHeadless from '@xterm/headless';
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../test/fakes/anthropic-api.js';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { CLAUDE_BIN, makeClaudeEnv } from '../test/support/claude-env.js';
import { startHost } from '../e2e/support/host.js';
import type { PhoneState, SessionInfo, SessionSnapshot } from '../contract/bridge.js';
import { connectBridge } from './support/bridge-client.js';
import { summary, type Figure } from './support/stats.js';

const { Terminal } = xtermHeadless;
const USER = { id: 515151, first_name: 'Bench', username: 'bench_phone' };
const CHAT = USER.id;
/** A polling pager's period, in ms (the baseline). */
export const POLL_PERIOD_MS = 2000;

function lastUserText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

async function until<T>(
  check: () => T | null | Promise<T | null>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs `turns` phone-driven turns and returns the figures. */
export async function promptLatency(turns: number): Promise<Figure[]> {
  const api = new FakeAnthropicApi({
    script: (req) => {
      if (hasToolResult(req)) return { kind: 'text', text: 'Done.' };
      const m = /turn (\d+)/.exec(lastUserText(req));
      if (!m) return { kind: 'text', text: 'Noted.' };
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: `echo ${m[1]} > turn-${m[1]}.txt`, description: `Write turn ${m[1]}` },
      };
    },
  });
  const telegram = new FakeTelegramBotApi();
  const { url } = await api.start();
  await telegram.start();
  const claudeEnv = await makeClaudeEnv({ baseUrl: url });
  const binDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-bench-bin-'));
  await fs.symlink(CLAUDE_BIN, path.join(binDir, 'claude'));
  const released = async (): Promise<void> => {
    await telegram.close();
    await api.close();
    await claudeEnv.cleanup();
    await fs.rm(binDir, { recursive: true, force: true });
  };
  const host = await startHost({
    env: {
      ...claudeEnv.env,
      PATH: `${binDir}:${claudeEnv.env.PATH}`,
      AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
      AGENT_PAGER_BOT_TOKEN: telegram.token,
    },
  }).catch(async (error: unknown) => {
    await released();
    throw error;
  });
  const bridge = await connectBridge(host.origin, host.token).catch(async (error: unknown) => {
    await host.stop();
    await released();
    throw error;
  });
  const mirror = new Terminal({ cols: 120, rows: 40, allowProposedApi: true });
  let polling: NodeJS.Timeout | null = null;
  try {
    await until(
      async () => ((await bridge.request<PhoneState>('phone.state', {})).botUsername ? true : null),
      20_000,
      'the bot to be identified',
    );
    const offer = await bridge.request<PhoneState>('pairing.begin', {});
    const pairToken = new URL(offer.pairing!.deepLink).searchParams.get('start')!;
    telegram.userSends(CHAT, USER, `/start ${pairToken}`);
    await telegram.waitForMessage((m) => m.fromBot && /Paired with/.test(m.text), 10_000);

    const session = await bridge.request<SessionInfo>('session.create', {
      spec: { name: 'bench', agent: 'claude', command: '', cwd: claudeEnv.cwd },
      cols: 120,
      rows: 40,
    });
    const screenText = (): string => {
      const b = mirror.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < mirror.rows; y++)
        lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
      return lines.join('\n');
    };
    // Seen on this client's screen: turn number → epoch ms when its menu first showed.
    const firstFrame = new Map<number, number>();
    const polled = new Map<number, number>();
    /** The turn whose permission menu is on screen (the last command shown above the menu). */
    const menuTurn = (text: string): number | null => {
      const menu = text.lastIndexOf('Do you want to proceed?');
      if (menu < 0 || !/❯ 1\. Yes/.test(text.slice(menu))) return null;
      const commands = [...text.slice(0, menu).matchAll(/echo (\d+) > turn-\d+\.txt/g)];
      return commands.length ? Number(commands.at(-1)![1]) : null;
    };
    bridge.on('session.data', (payload) => {
      const { id, data } = payload as { id: string; data: string };
      if (id !== session.id) return;
      mirror.write(data, () => {
        const turn = menuTurn(screenText());
        if (turn !== null && !firstFrame.has(turn)) firstFrame.set(turn, Date.now());
        bridge.request('session.ack', { id, chars: data.length }).catch(() => undefined);
      });
    });
    const snapshot = await bridge.request<SessionSnapshot>('session.attach', { id: session.id });
    mirror.write(snapshot.data);
    polling = setInterval(() => {
      const turn = menuTurn(screenText());
      if (turn !== null && !polled.has(turn)) polled.set(turn, Date.now());
    }, POLL_PERIOD_MS);
    await until(() => (screenText().includes('? for shortcuts') ? true : null), 60_000, 'Claude to start');

    // The first turn is typed at the desk; later ones come from the phone.
    await bridge.request('session.write', { id: session.id, data: 'turn 1' });
    await new Promise((r) => setTimeout(r, 100));
    await bridge.request('session.write', { id: session.id, data: '\r' });

    const promptMs: number[] = [];
    const pollMs: number[] = [];
    const tapMs: number[] = [];
    const replyMs: number[] = [];
    const audit = async (): Promise<Array<{ time: string; via: string; sent: string }>> =>
      (await fs.readFile(path.join(host.dataDir, 'audit.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { time: string; via: string; sent: string });
    let lastWaitingId = 0;
    for (let turn = 1; turn <= turns; turn++) {
      const prompt = await telegram.waitForMessage(
        (m) => m.fromBot && m.buttons.length > 0 && m.text.includes(`turn-${turn}.txt`),
        60_000,
      );
      const frameAt = await until(() => firstFrame.get(turn) ?? null, 5000, `turn ${turn} on screen`);
      promptMs.push(prompt.at - frameAt);
      // The polling baseline sees the same menu (it stays until the tap below).
      const polledAt = await until(() => polled.get(turn) ?? null, POLL_PERIOD_MS + 500, 'the polling loop');
      pollMs.push(polledAt - frameAt);
      const labels = prompt.buttons.flat().map((b) => b.text);
      if (!labels.some((l) => /\bNo\b/.test(l)))
        throw new Error(`turn ${turn}: options incomplete: ${labels.join(' | ')}`);
      const yes = prompt.buttons.flat().find((b) => /Yes/.test(b.text))?.data;
      if (!yes) throw new Error(`turn ${turn}: no Yes button`);
      const tapAt = Date.now();
      await telegram.userTaps(CHAT, USER, prompt.messageId, yes, 10_000);
      const tapped = await until(
        async () =>
          (await audit()).find((e) => e.via === 'option' && Date.parse(e.time) >= tapAt - 5) ?? null,
        5000,
        'the tap in the audit log',
      );
      tapMs.push(Date.parse(tapped.time) - tapAt);
      if (turn === turns) break;
      // This turn's status message (the newest one: each turn starts its own) once it says the
      // turn ended. An older turn's status message can be edited after this prompt too (its
      // token use arrives after its Stop hook): replying to that while Claude still works would
      // queue the reply, and measure the queue, not the reply.
      const waiting = await telegram.waitFor(() => {
        const newest = telegram
          .botMessages(CHAT)
          .filter((m) => / is (working|waiting) · /.test(m.text))
          .at(-1);
        return newest && newest.messageId > lastWaitingId && /is waiting/.test(newest.text) ? newest : null;
      }, 60_000);
      lastWaitingId = waiting.messageId;
      const replyAt = Date.now();
      telegram.userSends(CHAT, USER, `turn ${turn + 1}`, { replyTo: waiting.messageId });
      const typed = await until(
        async () => (await audit()).find((e) => e.via === 'text' && e.sent === `turn ${turn + 1}`) ?? null,
        5000,
        'the reply in the audit log',
      );
      replyMs.push(Date.parse(typed.time) - replyAt);
    }
    // A prompt read too early (half drawn) would show as a second message or missing options.
    for (let turn = 1; turn <= turns; turn++) {
      const sent = telegram
        .botMessages(CHAT)
        // Prompt messages only: a turn's status message also names the command it ran.
        .filter(
          (m) =>
            m.raw.includes(`turn-${turn}.txt`) &&
            !/ is (working|waiting) · /.test(m.text) &&
            (m.buttons.length > 0 || /answered/.test(m.text)),
        );
      if (sent.length !== 1) throw new Error(`turn ${turn}: ${sent.length} prompt messages`);
    }
    const pollerMean = pollMs.reduce((a, b) => a + b, 0) / Math.max(1, pollMs.length);
    const prompt = summary(promptMs);
    return [
      {
        name: 'Claude prompt: first frame on screen → sendMessage at the Bot API',
        unit: 'ms',
        stat: 'p95',
        value: prompt.p95,
        distribution: prompt,
        baseline: { name: `${POLL_PERIOD_MS / 1000} s polling loop, mean`, value: Math.round(pollerMean) },
        target: { op: '<=', value: 250 },
      },
      {
        name: 'Tap on the phone → key written to the PTY',
        unit: 'ms',
        stat: 'p95',
        value: summary(tapMs).p95,
        distribution: summary(tapMs),
        target: { op: '<=', value: 20 },
      },
      {
        name: 'Text reply on the phone → typed into the PTY',
        unit: 'ms',
        stat: 'p95',
        value: summary(replyMs).p95,
        distribution: summary(replyMs),
        target: { op: '<=', value: 50 },
      },
    ];
  } finally {
    if (polling) clearInterval(polling);
    mirror.dispose();
    bridge.close();
    await host.stop();
    await released();
  }
}
