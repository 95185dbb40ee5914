/**
 * Captures screen fixtures of the Codex CLI and the Gemini CLI for the prompt recognisers: the
 * real CLIs from test/agents, driven offline by the fake APIs in test/fakes/. Each screen is the
 * `@xterm/headless` model's plain text plus the cursor, saved as
 * `test/fixtures/screens/<codex|gemini>/<name>.json` (the format of scripts/capture-screens.ts).
 *
 * Run: `npx tsx scripts/capture-agent-screens.ts` (takes ~40 s). Re-run after upgrading a CLI in
 * test/agents and review the diff: the recogniser tests read these files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { FakeResponsesApi, execCall, hasCallOutput } from '../test/fakes/openai-responses-api.js';
import { FakeGeminiApi, lastIsFunctionResponse, type GeminiReply } from '../test/fakes/gemini-api.js';
import { CODEX_BIN, CODEX_VERSION, GEMINI_BIN, GEMINI_VERSION } from '../test/support/agent-bins.js';
import { CODEX_ARGS, makeCodexEnv } from '../test/support/codex-env.js';
import { makeGeminiEnv } from '../test/support/gemini-env.js';
import { spawnScreen, type PtyScreen } from '../test/support/pty-screen.js';
import type { ScreenText } from '../main/core/prompts/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'screens');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const has = (s: ScreenText, text: string): boolean => s.lines.some((l) => l.includes(text));

/** Waits until no output arrived for `quietMs` (bounded by `maxMs`). */
async function settle(p: PtyScreen, quietMs = 700, maxMs = 5000): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() - p.lastOutputAt() < quietMs && Date.now() < end) await sleep(50);
}

/** Saves the current screen with its cursor, after the program has gone quiet. */
async function save(
  p: PtyScreen,
  dir: string,
  name: string,
  program: string,
  description: string,
  quiet = true,
): Promise<void> {
  if (quiet) await settle(p);
  const screen = await p.screen();
  await fs.mkdir(path.join(OUT, dir), { recursive: true });
  const text = JSON.stringify({ description, program, screen });
  await fs.writeFile(path.join(OUT, dir, `${name}.json`), await prettier.format(text, { parser: 'json' }));
  console.log(`saved ${dir}/${name}.json`);
}

/** Types a task and submits it with a separate Enter, as a user would. */
async function submit(p: PtyScreen, text: string): Promise<void> {
  p.write(text);
  await sleep(200);
  p.write('\r');
}

async function captureCodex(): Promise<void> {
  const PATCH =
    "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: hello.txt\n+hello\n+world\n*** End Patch\nEOF\n";
  let next = execCall('echo hello > out.txt', 'Do you want to write hello to out.txt?');
  const api = new FakeResponsesApi({
    script: (req) => (hasCallOutput(req) ? { kind: 'text', text: 'Done.' } : next),
  });
  const { url } = await api.start();
  const env = await makeCodexEnv({ baseUrl: url });
  const p = spawnScreen({ file: CODEX_BIN, args: CODEX_ARGS, cwd: env.cwd, env: env.env });
  const program = `codex ${CODEX_VERSION}`;
  try {
    await p.waitForScreen((s) => has(s, '? for shortcuts'), 20_000);
    await save(p, 'codex', 'idle', program, 'composer after start, nothing typed (placeholder)');
    p.write('Create out.txt containing hello');
    await p.waitForScreen((s) => has(s, '› Create out.txt'), 5000);
    await save(p, 'codex', 'typed', program, 'a task typed into the composer, not submitted');
    api.turnDelayMs = 3000;
    p.write('\r');
    await p.waitForScreen((s) => has(s, 'esc to interrupt)'), 10_000);
    await sleep(300);
    await save(p, 'codex', 'busy', program, 'working on the turn (Working … esc to interrupt)', false);
    await p.waitForScreen((s) => has(s, 'Would you like to run'), 15_000);
    api.turnDelayMs = 0;
    await save(p, 'codex', 'permission-exec', program, 'approval to run echo hello > out.txt, with Reason');
    p.write('y');
    await p.waitForScreen((s) => has(s, 'Worked for') && has(s, '? for shortcuts'), 15_000);
    await save(p, 'codex', 'after-yes', program, 'after y: the command ran, turn finished, composer idle');

    next = { kind: 'call', name: 'exec_command', arguments: { cmd: PATCH } };
    await submit(p, 'Add hello.txt');
    await p.waitForScreen((s) => has(s, 'Would you like to make the following edits?'), 15_000);
    await save(p, 'codex', 'permission-edit', program, 'approval to apply a patch adding hello.txt');
    p.write('\x1b');
    await p.waitForScreen((s) => has(s, 'Conversation interrupted') && has(s, '? for shortcuts'), 15_000);
    await save(
      p,
      'codex',
      'after-esc',
      program,
      'after Esc at the edit approval: interrupted, composer idle',
    );

    next = execCall('touch second.txt');
    await submit(p, 'touch second.txt');
    await p.waitForScreen((s) => has(s, 'Would you like to run') && has(s, 'touch second.txt'), 15_000);
    await save(
      p,
      'codex',
      'permission-exec-no-reason',
      program,
      'approval to run touch second.txt, no Reason',
    );
    p.write('\x1b[B');
    await p.waitForScreen((s) => s.lines.some((l) => /^\s*› 2\./u.test(l)), 5000);
    await save(p, 'codex', 'permission-exec-option2', program, 'the same approval after Down: › on option 2');
  } finally {
    await p.kill(['\x03', '\x03']);
    await api.close();
    await env.cleanup();
  }
}

async function captureGemini(): Promise<void> {
  let next: GeminiReply = {
    kind: 'call',
    name: 'run_shell_command',
    args: { command: 'echo hello > out.txt' },
  };
  const api = new FakeGeminiApi({
    script: (req) => (lastIsFunctionResponse(req) ? { kind: 'text', text: 'Done.' } : next),
  });
  const { url } = await api.start();
  const env = await makeGeminiEnv({ baseUrl: url });
  const p = spawnScreen({ file: GEMINI_BIN, args: [], cwd: env.cwd, env: env.env });
  const program = `gemini ${GEMINI_VERSION}`;
  try {
    await p.waitForScreen((s) => has(s, 'Type your message'), 30_000);
    await save(p, 'gemini', 'idle', program, 'input box after start, nothing typed (placeholder)');
    p.write('Create out.txt containing hello');
    await p.waitForScreen((s) => has(s, '> Create out.txt'), 5000);
    await save(p, 'gemini', 'typed', program, 'a task typed into the input box, not submitted');
    api.turnDelayMs = 3000;
    p.write('\r');
    await p.waitForScreen((s) => has(s, 'esc to cancel'), 10_000);
    await sleep(300);
    await save(p, 'gemini', 'busy', program, 'working on the turn (Thinking… esc to cancel)', false);
    await p.waitForScreen((s) => has(s, 'Allow execution of [Shell]?'), 15_000);
    api.turnDelayMs = 0;
    await save(p, 'gemini', 'permission-shell', program, 'confirmation to run echo hello > out.txt');
    p.write('1');
    await p.waitForScreen((s) => has(s, '✦ Done.') && has(s, 'Type your message'), 15_000);
    await save(p, 'gemini', 'after-yes', program, 'after 1: the command ran, turn finished, input box idle');

    next = { kind: 'call', name: 'write_file', args: { file_path: 'hello.txt', content: 'hello\nworld\n' } };
    await submit(p, 'Write hello.txt');
    await p.waitForScreen((s) => has(s, 'Apply this change?'), 15_000);
    await save(
      p,
      'gemini',
      'permission-write',
      program,
      'confirmation to write hello.txt (Apply this change?)',
    );
    p.write('\x1b');
    await p.waitForScreen((s) => has(s, 'Request cancelled') && has(s, 'Type your message'), 15_000);
    await save(p, 'gemini', 'after-esc', program, 'after Esc at the write confirmation: cancelled, idle');

    next = { kind: 'call', name: 'web_fetch', args: { prompt: 'Summarise http://127.0.0.1:9/page' } };
    await submit(p, 'Fetch the page');
    await p.waitForScreen((s) => has(s, 'Do you want to proceed?') || has(s, 'Allow'), 15_000);
    await save(p, 'gemini', 'permission-fetch', program, 'confirmation to fetch a URL (web_fetch)');
  } finally {
    await p.kill(['\x03', '\x03']);
    await api.close();
    await env.cleanup();
  }
}

const only = process.argv[2];
if (!only || only === 'codex') await captureCodex();
if (!only || only === 'gemini') await captureGemini();
