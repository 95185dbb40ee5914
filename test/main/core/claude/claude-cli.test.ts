/**
 * Integration with the real Claude Code CLI (pinned in test/agents) in a real PTY, against the
 * fake Messages API, in a temp HOME: the screen model shows its UI, the recognisers and tracker
 * follow a permission prompt from open to answered, and the hook overlay delivers events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAnthropicApi, bashThenText } from '../../../fakes/anthropic-api.js';
import { CLAUDE_BIN, makeClaudeEnv, type ClaudeEnv } from '../../../support/claude-env.js';
import { spawnScreen, type PtyScreen } from '../../../support/pty-screen.js';
import { PromptTracker } from '../../../../main/core/prompts/tracker.js';
import type { PromptInfo } from '../../../../contract/bridge.js';
import type { PromptCloseReason, ScreenText } from '../../../../main/core/prompts/types.js';
import { HookReceiver } from '../../../../main/core/claude/hook-receiver.js';
import { writeSettingsOverlay } from '../../../../main/core/claude/settings-overlay.js';
import type { HookEvent } from '../../../../main/core/claude/hook-event.js';

const HELPER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../main/core/claude/hook-helper.cjs',
);
const has = (s: ScreenText, text: string): boolean => s.lines.some((l) => l.includes(text));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Everything a test started; torn down in afterEach whatever happened. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startClaude(
  api: FakeAnthropicApi,
  args: string[] = [],
  env?: (e: ClaudeEnv) => Record<string, string>,
): Promise<{ p: PtyScreen; env: ClaudeEnv }> {
  const server = await api.start();
  cleanups.push(server.close);
  const claudeEnv = await makeClaudeEnv({ baseUrl: server.url });
  cleanups.push(claudeEnv.cleanup);
  const p = spawnScreen({
    file: CLAUDE_BIN,
    args,
    cwd: claudeEnv.cwd,
    env: { ...claudeEnv.env, ...(env?.(claudeEnv) ?? {}) },
  });
  cleanups.push(() => p.kill(['\x03', '\x03']));
  return { p, env: claudeEnv };
}

/** Submits a task the way a person does: the text, then Enter as a separate write ≥ 30 ms later. */
async function submit(p: PtyScreen, text: string): Promise<void> {
  p.write(text);
  await p.waitForScreen((s) => has(s, text), 5000);
  await sleep(50);
  p.write('\r');
}

/** Feeds the tracker the way a session does: after output settles, with the quiet time. */
function follow(p: PtyScreen, tracker: PromptTracker): () => void {
  let stopped = false;
  void (async () => {
    while (!stopped && !p.exit()) {
      const screen = await p.screen();
      const quietMs = Date.now() - p.lastOutputAt();
      if (!stopped) tracker.update(screen, { agent: 'claude', quietMs, idleThresholdMs: 2000 }, Date.now());
      await sleep(100);
    }
  })();
  return () => {
    stopped = true;
  };
}

describe('real Claude Code CLI in a PTY', () => {
  it('(a) renders its input box in the screen model', async () => {
    const { p } = await startClaude(new FakeAnthropicApi());
    const s = await p.waitForScreen((x) => has(x, '? for shortcuts'), 25_000);
    expect(s.lines.some((l) => l.startsWith('❯'))).toBe(true);
    expect(s.lines.filter((l) => /^─{20,}$/.test(l.trim()))).toHaveLength(2);
  }, 40_000);

  it('(b) a Bash permission prompt is recognised, answering "1" runs the command and closes the prompt', async () => {
    const api = new FakeAnthropicApi({
      script: bashThenText('echo hello > out.txt', 'Write hello to out.txt'),
    });
    const { p, env } = await startClaude(api);
    const tracker = new PromptTracker({ sessionId: 'tab-1' });
    const opened: PromptInfo[] = [];
    const closed: [PromptInfo, PromptCloseReason][] = [];
    tracker.onOpened((x) => opened.push(x));
    tracker.onClosed((x, r) => closed.push([x, r]));
    await p.waitForScreen((s) => has(s, '? for shortcuts'), 25_000);
    const stop = follow(p, tracker);
    cleanups.push(async () => stop());
    await submit(p, 'please write hello to out.txt');

    const end = Date.now() + 20_000;
    while (tracker.current()?.kind !== 'permission' && Date.now() < end) await sleep(50);
    const prompt = tracker.current();
    expect(prompt).toMatchObject({ kind: 'permission', title: 'Bash command' });
    expect(prompt!.body).toContain('echo hello > out.txt');
    expect(prompt!.options.map((o) => o.keys)).toEqual(['1', '2', '3']);
    expect(prompt!.options[0]!.label).toBe('Yes');
    expect(prompt!.options[2]!.label).toBe('No');
    expect(fs.existsSync(path.join(env.cwd, 'out.txt'))).toBe(false);

    p.write(prompt!.options[0]!.keys);
    tracker.markAnswered(prompt!.id, 'phone', Date.now());
    await p.waitForScreen((s) => has(s, 'Done.') && has(s, '? for shortcuts'), 20_000);
    expect(fs.readFileSync(path.join(env.cwd, 'out.txt'), 'utf8')).toBe('hello\n');
    expect(closed.find(([x]) => x.id === prompt!.id)?.[1]).toBe('answered-from-phone');
    // The turn then finished: the tracker opens a "finished" prompt with the reply.
    const end2 = Date.now() + 5000;
    while (tracker.current()?.kind !== 'finished' && Date.now() < end2) await sleep(50);
    expect(tracker.current()).toMatchObject({ kind: 'finished', body: 'Done.' });
    // The request after the approval carried the command's result.
    expect(api.turns.at(-1)?.messages.at(-1)?.content).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'tool_result' })]),
    );
  }, 45_000);

  it('(c) with the settings overlay, PermissionRequest and Stop hooks reach the receiver; user hooks still run', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-data-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const receiver = new HookReceiver({ dataDir, warn: () => undefined });
    await receiver.start();
    cleanups.push(() => receiver.close());
    const events: [string, HookEvent][] = [];
    receiver.onEvent((sid, e) => events.push([sid, e]));
    const { env: hookEnv } = receiver.register('tab-7');
    const overlay = await writeSettingsOverlay(dataDir, {
      command: process.execPath,
      env: {},
      helperPath: HELPER,
    });

    const api = new FakeAnthropicApi({
      script: bashThenText('echo hello > out.txt', 'Write hello to out.txt'),
    });
    const { p, env } = await startClaude(api, ['--settings', overlay], (e) => {
      // The user's own settings layer: a Stop hook that leaves a mark in HOME.
      fs.mkdirSync(path.join(e.home, '.claude'), { recursive: true });
      const userSettings = {
        hooks: { Stop: [{ hooks: [{ type: 'command', command: 'touch "$HOME/user-stop-hook-ran"' }] }] },
      };
      fs.writeFileSync(path.join(e.home, '.claude', 'settings.json'), JSON.stringify(userSettings));
      return { ...hookEnv };
    });
    const tracker = new PromptTracker({ sessionId: 'tab-7' });
    receiver.onEvent((_sid, e) => tracker.applyHook(e, Date.now()));
    await p.waitForScreen((s) => has(s, '? for shortcuts'), 25_000);
    const stop = follow(p, tracker);
    cleanups.push(async () => stop());
    await submit(p, 'please write hello to out.txt');

    await p.waitForScreen((s) => has(s, 'Do you want to proceed?'), 20_000);
    const end = Date.now() + 10_000;
    while (!events.some(([, e]) => e.hook_event_name === 'PermissionRequest') && Date.now() < end)
      await sleep(50);
    const permission = events.find(([, e]) => e.hook_event_name === 'PermissionRequest');
    expect(permission?.[0]).toBe('tab-7');
    expect(permission?.[1].tool_name).toBe('Bash');
    expect(permission?.[1].tool_input).toMatchObject({
      command: 'echo hello > out.txt',
      description: 'Write hello to out.txt',
    });
    // The tracker used the hook to name the command in the title.
    const end1 = Date.now() + 5000;
    while (tracker.current()?.title !== 'Bash: echo hello > out.txt' && Date.now() < end1) await sleep(50);
    expect(tracker.current()?.title).toBe('Bash: echo hello > out.txt');

    p.write('1');
    const end2 = Date.now() + 20_000;
    while (!events.some(([, e]) => e.hook_event_name === 'Stop') && Date.now() < end2) await sleep(50);
    const stopEvent = events.find(([, e]) => e.hook_event_name === 'Stop');
    expect(stopEvent?.[0]).toBe('tab-7');
    expect(stopEvent?.[1].last_assistant_message).toBe('Done.');
    const claudeSession = permission![1].session_id;
    expect(events.every(([sid, e]) => sid === 'tab-7' && e.session_id === claudeSession)).toBe(true);
    const names = events.map(([, e]) => e.hook_event_name);
    expect(names).toEqual(
      expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'Stop']),
    );
    const end3 = Date.now() + 5000;
    while (!fs.existsSync(path.join(env.home, 'user-stop-hook-ran')) && Date.now() < end3) await sleep(50);
    expect(fs.existsSync(path.join(env.home, 'user-stop-hook-ran'))).toBe(true);
  }, 45_000);

  it('(d) with the hook channel down, Claude never blocks and the screen still raises the prompt', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-data-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const receiver = new HookReceiver({ dataDir, warn: () => undefined });
    await receiver.start();
    const { env: hookEnv } = receiver.register('tab-9');
    const overlay = await writeSettingsOverlay(dataDir, {
      command: process.execPath,
      env: {},
      helperPath: HELPER,
    });
    // The app's end of the channel goes away (crashed, or closed) while the session keeps the
    // overlay and the env pointing at it: every hook the helper runs finds no socket.
    await receiver.close();

    const api = new FakeAnthropicApi({
      script: bashThenText('echo hello > out.txt', 'Write hello to out.txt'),
    });
    const { p, env } = await startClaude(api, ['--settings', overlay], () => ({ ...hookEnv }));
    const tracker = new PromptTracker({ sessionId: 'tab-9' });
    await p.waitForScreen((s) => has(s, '? for shortcuts'), 25_000);
    const stop = follow(p, tracker);
    cleanups.push(async () => stop());
    await submit(p, 'please write hello to out.txt');

    const end = Date.now() + 20_000;
    while (tracker.current()?.kind !== 'permission' && Date.now() < end) await sleep(50);
    expect(tracker.current()).toMatchObject({ kind: 'permission', title: 'Bash command' });
    p.write('1');
    await p.waitForScreen((s) => has(s, 'Done.') && has(s, '? for shortcuts'), 20_000);
    expect(fs.readFileSync(path.join(env.cwd, 'out.txt'), 'utf8')).toBe('hello\n');
  }, 60_000);
});
