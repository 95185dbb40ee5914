/**
 * Prompt → phone, tap → PTY and text reply → PTY, with every real process: the headless host
 * (`npm run serve`), a real agent CLI against its fake model API (one {@link AgentDriver} per
 * agent: bench/agents/), the fake Bot API as the phone. Turns are driven from the phone: a reply
 * to the turn's "is waiting" status message asks the agent to run a shell command; its approval
 * prompt is answered with a tap; the turn ends and the next "is waiting" message comes. So the
 * chat also gets waiting messages, edits and reactions while prompts are measured.
 *
 * Times (one machine, one clock):
 * - first frame: when this client (attached to the session over the bridge, like the page,
 *   mirroring it in `@xterm/headless`) first has the prompt on its screen;
 * - at the phone: when the prompt's `sendMessage` arrived at the fake Bot API;
 * - in the PTY: the host's audit log entry, written right after the PTY write;
 * - baseline: a loop reading the same mirrored screen every 2 s, as a polling pager does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import xtermHeadless from '@xterm/headless';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.js';
import { startHost, type RunningHost } from '../e2e/support/host.js';
import type { PhoneState, SessionInfo, SessionSnapshot } from '../contract/bridge.js';
import { claudeDriver } from './agents/claude.js';
import { codexDriver } from './agents/codex.js';
import type { AgentDriver, AgentSetup } from './agents/driver.js';
import { geminiDriver } from './agents/gemini.js';
import { connectBridge } from './support/bridge-client.js';
import { summary, type Figure } from './support/stats.js';

const { Terminal } = xtermHeadless;
const USER = { id: 515151, first_name: 'Bench', username: 'bench_phone' };
const CHAT = USER.id;
/** A polling pager's period, in ms (the baseline). */
export const POLL_PERIOD_MS = 2000;
/** Every agent the benchmark drives: Claude (hook-assisted), then the screen-only ones. */
export const DRIVERS: readonly AgentDriver[] = [claudeDriver, codexDriver, geminiDriver];
/** A turn's status message (not a prompt message): "<name> is working · 3s", "… is waiting · …". */
const STATUS = / is (working|waiting) · /;

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

interface AuditEntry {
  time: string;
  via: string;
  sent: string;
}

async function auditLog(host: RunningHost): Promise<AuditEntry[]> {
  return (await fs.readFile(path.join(host.dataDir, 'audit.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
}

/** Starts the agent's environment, the fake Bot API and the host (the agent linked into PATH). */
async function startAll(
  driver: AgentDriver,
): Promise<{ setup: AgentSetup; telegram: FakeTelegramBotApi; host: RunningHost; close(): Promise<void> }> {
  const setup = await driver.start();
  const telegram = new FakeTelegramBotApi();
  const binDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-bench-bin-'));
  const released = async (): Promise<void> => {
    await telegram.close();
    await setup.close();
    await fs.rm(binDir, { recursive: true, force: true });
  };
  try {
    await telegram.start();
    await fs.symlink(setup.bin, path.join(binDir, driver.agent));
    const host = await startHost({
      env: {
        ...setup.env,
        PATH: `${binDir}:${setup.env.PATH}`,
        AGENT_PAGER_TELEGRAM_API_ROOT: telegram.apiRoot,
        AGENT_PAGER_BOT_TOKEN: telegram.token,
      },
    });
    return {
      setup,
      telegram,
      host,
      async close() {
        await host.stop();
        await released();
      },
    };
  } catch (error) {
    await released();
    throw error;
  }
}

/**
 * Runs `turns` phone-driven turns of one agent and returns its figures: first frame →
 * `sendMessage` (with the polling baseline), tap → PTY, reply → PTY.
 * @throws when a turn's prompt does not reach the phone whole (one message, every option), or a
 *   step times out.
 */
export async function agentTurns(driver: AgentDriver, turns: number): Promise<Figure[]> {
  const { setup, telegram, host, close } = await startAll(driver);
  const bridge = await connectBridge(host.origin, host.token).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const mirror = new Terminal({ cols: 120, rows: 40, allowProposedApi: true });
  let polling: NodeJS.Timeout | null = null;
  const tag = driver.label;
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
      spec: { name: `bench-${driver.agent}`, agent: driver.agent, command: '', cwd: setup.cwd },
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
    // Seen on this client's screen: turn number → epoch ms when its prompt first showed.
    const firstFrame = new Map<number, number>();
    const polled = new Map<number, number>();
    bridge.on('session.data', (payload) => {
      const { id, data } = payload as { id: string; data: string };
      if (id !== session.id) return;
      mirror.write(data, () => {
        const turn = driver.promptTurn(screenText());
        if (turn !== null && !firstFrame.has(turn)) firstFrame.set(turn, Date.now());
        bridge.request('session.ack', { id, chars: data.length }).catch(() => undefined);
      });
    });
    const snapshot = await bridge.request<SessionSnapshot>('session.attach', { id: session.id });
    mirror.write(snapshot.data);
    polling = setInterval(() => {
      const turn = driver.promptTurn(screenText());
      if (turn !== null && !polled.has(turn)) polled.set(turn, Date.now());
    }, POLL_PERIOD_MS);
    await until(() => (screenText().includes(driver.ready) ? true : null), 60_000, `${tag} to start`);

    // The first turn is typed at the desk; later ones come from the phone. Enter follows once the
    // text is drawn, half a second later: Codex and Gemini CLI take a quick Enter for a pasted
    // newline (as the phone's replies do, SUBMIT_DELAY_MS).
    await bridge.request('session.write', { id: session.id, data: 'turn 1' });
    await until(() => (screenText().includes('turn 1') ? true : null), 10_000, 'the typed task');
    await new Promise((r) => setTimeout(r, 500));
    await bridge.request('session.write', { id: session.id, data: '\r' });

    const promptMs: number[] = [];
    const pollMs: number[] = [];
    const tapMs: number[] = [];
    const replyMs: number[] = [];
    let lastWaitingId = 0;
    for (let turn = 1; turn <= turns; turn++) {
      const prompt = await telegram
        .waitForMessage(
          (m) =>
            m.fromBot && m.buttons.length > 0 && m.text.includes(`turn-${turn}.txt`) && !STATUS.test(m.text),
          60_000,
        )
        .catch((error: Error) => {
          throw new Error(`${tag} turn ${turn}: ${error.message}\nscreen:\n${screenText()}`);
        });
      const frameAt = await until(() => firstFrame.get(turn) ?? null, 5000, `${tag} turn ${turn} on screen`);
      promptMs.push(prompt.at - frameAt);
      // The polling baseline sees the same prompt (it stays until the tap below).
      const polledAt = await until(() => polled.get(turn) ?? null, POLL_PERIOD_MS + 500, 'the polling loop');
      pollMs.push(polledAt - frameAt);
      const buttons = prompt.buttons.flat();
      const missing = driver.options.filter((o) => !buttons.some((b) => o.test(b.text)));
      if (missing.length > 0)
        throw new Error(
          `${tag} turn ${turn}: options missing (${missing.join(', ')}): ${buttons.map((b) => b.text).join(' | ')}\n${prompt.text}`,
        );
      const approve = buttons.find((b) => driver.options[0]!.test(b.text))?.data;
      if (!approve) throw new Error(`${tag} turn ${turn}: the approving button carries no data`);
      const tapAt = Date.now();
      await telegram.userTaps(CHAT, USER, prompt.messageId, approve, 10_000);
      const tapped = await until(
        async () =>
          (await auditLog(host)).find((e) => e.via === 'option' && Date.parse(e.time) >= tapAt - 5) ?? null,
        5000,
        'the tap in the audit log',
      );
      tapMs.push(Date.parse(tapped.time) - tapAt);
      if (turn === turns) break;
      // This turn's status message (the newest one: each turn starts its own) once it says the
      // turn ended. An older turn's status message can be edited after this prompt too (Claude's
      // token use arrives after its Stop hook): replying to that while the agent still works
      // would queue the reply, and measure the queue, not the reply.
      const waiting = await telegram.waitFor(() => {
        const newest = telegram
          .botMessages(CHAT)
          .filter((m) => STATUS.test(m.text))
          .at(-1);
        return newest && newest.messageId > lastWaitingId && /is waiting/.test(newest.text) ? newest : null;
      }, 60_000);
      lastWaitingId = waiting.messageId;
      const replyAt = Date.now();
      telegram.userSends(CHAT, USER, `turn ${turn + 1}`, { replyTo: waiting.messageId });
      const typed = await until(
        async () =>
          (await auditLog(host)).find((e) => e.via === 'text' && e.sent === `turn ${turn + 1}`) ?? null,
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
            !STATUS.test(m.text) &&
            (m.buttons.length > 0 || /answered/.test(m.text)),
        );
      if (sent.length !== 1) throw new Error(`${tag} turn ${turn}: ${sent.length} prompt messages`);
    }
    const pollerMean = pollMs.reduce((a, b) => a + b, 0) / Math.max(1, pollMs.length);
    const prompt = summary(promptMs);
    const how = driver.agent === 'claude' ? 'hook-assisted' : 'screen only';
    return [
      {
        name: `${tag} prompt (${how}): first frame on screen → sendMessage at the Bot API`,
        unit: 'ms',
        stat: 'p95',
        value: prompt.p95,
        distribution: prompt,
        baseline: { name: `${POLL_PERIOD_MS / 1000} s polling loop, mean`, value: Math.round(pollerMean) },
        target: { op: '<=', value: driver.targetP95Ms },
      },
      {
        name: `${tag}: tap on the phone → key written to the PTY`,
        unit: 'ms',
        stat: 'p95',
        value: summary(tapMs).p95,
        distribution: summary(tapMs),
        target: { op: '<=', value: 20 },
      },
      {
        name: `${tag}: text reply on the phone → typed into the PTY`,
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
    await close();
  }
}

/** Options of {@link promptLatency}. */
export interface PromptLatencyOptions {
  /** The agents to drive; default {@link DRIVERS}. */
  drivers?: readonly AgentDriver[];
  /**
   * Drive every agent at once, each with its own host (the smoke: quicker, but the agents share
   * the CPU, so its figures say nothing); default one after the other.
   */
  together?: boolean;
  /** Hears progress. */
  log?: (line: string) => void;
}

/**
 * Runs {@link agentTurns} for each driver and joins the figures in the drivers' order.
 * @throws the first driver's error (the others still finish and clean up).
 */
export async function promptLatency(turns: number, options: PromptLatencyOptions = {}): Promise<Figure[]> {
  const drivers = options.drivers ?? DRIVERS;
  const run = (driver: AgentDriver): Promise<Figure[]> => {
    options.log?.(`phone: ${driver.label}, ${turns} turns`);
    return agentTurns(driver, turns);
  };
  if (options.together) {
    const settled = await Promise.allSettled(drivers.map(run));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }
  const figures: Figure[] = [];
  for (const driver of drivers) figures.push(...(await run(driver)));
  return figures;
}
