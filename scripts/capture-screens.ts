/**
 * Captures screen fixtures for the prompt recognisers from the real programs on this machine:
 * the installed Claude Code CLI (driven offline by the fake Messages API), bash, and python3.
 * Each screen is the `@xterm/headless` model's plain text plus the cursor, saved as
 * `test/fixtures/screens/<program>/<name>.json` ({@link ScreenFixture}).
 *
 * Run: `npx tsx scripts/capture-screens.ts` (takes ~30 s). Re-run after upgrading Claude Code and
 * review the diff: the recogniser tests read these files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { FakeAnthropicApi, bashThenText } from '../test/fakes/anthropic-api.js';
import { CLAUDE_BIN, CLAUDE_VERSION, makeClaudeEnv } from '../test/support/claude-env.js';
import { spawnScreen, type PtyScreen } from '../test/support/pty-screen.js';
import type { ScreenText } from '../main/core/prompts/types.js';

/** The file format of a captured screen. */
export interface ScreenFixture {
  /** What was on screen, in words. */
  description: string;
  /** Program and version it came from, e.g. "claude 2.1.197" or "bash 5.2.15". */
  program: string;
  screen: ScreenText;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'screens');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const has = (s: ScreenText, text: string): boolean => s.lines.some((l) => l.includes(text));

/** Waits until no output arrived for `quietMs` (bounded by `maxMs`). */
async function settle(p: PtyScreen, quietMs = 700, maxMs = 5000): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() - p.lastOutputAt() < quietMs && Date.now() < end) await sleep(50);
}

async function save(
  dir: string,
  name: string,
  program: string,
  description: string,
  screen: ScreenText,
): Promise<void> {
  await fs.mkdir(path.join(OUT, dir), { recursive: true });
  const fixture: ScreenFixture = { description, program, screen };
  await fs.writeFile(
    path.join(OUT, dir, `${name}.json`),
    await prettier.format(JSON.stringify(fixture), { parser: 'json' }),
  );
  console.log(`saved ${dir}/${name}.json`);
}

async function captureClaude(): Promise<void> {
  const api = new FakeAnthropicApi({
    script: bashThenText('echo hello > out.txt', 'Write hello to out.txt'),
  });
  const server = await api.start();
  const env = await makeClaudeEnv({ baseUrl: server.url });
  const p = spawnScreen({ file: CLAUDE_BIN, args: [], cwd: env.cwd, env: env.env });
  const program = `claude ${CLAUDE_VERSION}`;
  try {
    await p.waitForScreen((s) => has(s, '? for shortcuts'), 20_000);
    await settle(p);
    await save('claude', 'idle', program, 'input box after start, nothing typed', await p.screen());

    p.write('please write hello to out.txt');
    await p.waitForScreen((s) => has(s, '❯\u00a0please write hello'), 5000);
    await settle(p);
    await save(
      'claude',
      'typed',
      program,
      'a task typed into the input box, not submitted',
      await p.screen(),
    );

    api.turnDelayMs = 4000;
    await sleep(50);
    p.write('\r');
    await p.waitForScreen((s) => has(s, 'esc to interrupt'), 10_000);
    await sleep(600);
    await save(
      'claude',
      'busy',
      program,
      'working on the turn (spinner, esc to interrupt)',
      await p.screen(),
    );

    await p.waitForScreen((s) => has(s, 'Do you want to proceed?'), 15_000);
    api.turnDelayMs = 0;
    await settle(p);
    await save(
      'claude',
      'permission',
      program,
      'permission prompt for Bash echo hello > out.txt',
      await p.screen(),
    );

    p.write('1');
    await p.waitForScreen((s) => has(s, 'Done.') && has(s, '? for shortcuts'), 15_000);
    await settle(p);
    await save(
      'claude',
      'after-yes',
      program,
      'after pressing 1: command ran, turn finished, idle box',
      await p.screen(),
    );

    api.script = bashThenText('echo again > again.txt', 'Write again to again.txt');
    p.write('now write again');
    await sleep(100);
    p.write('\r');
    await p.waitForScreen((s) => has(s, 'Do you want to proceed?') && has(s, 'echo again'), 15_000);
    await settle(p);
    await save(
      'claude',
      'permission-second',
      program,
      'second permission prompt (echo again > again.txt)',
      await p.screen(),
    );
    p.write('\x1b');
    await p.waitForScreen((s) => has(s, 'Interrupted') && has(s, '? for shortcuts'), 15_000);
    await settle(p);
    await save(
      'claude',
      'after-esc',
      program,
      'after pressing Esc at the permission prompt: interrupted, idle box',
      await p.screen(),
    );
  } finally {
    await p.kill(['\x03', '\x03']);
    await server.close();
    await env.cleanup();
  }
}

async function captureShell(): Promise<void> {
  const cwd = await fs.mkdtemp(path.join((await import('node:os')).tmpdir(), 'ap-capture-'));
  const p = spawnScreen({
    file: '/bin/bash',
    args: ['--norc', '--noprofile', '-i'],
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: cwd,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      PS1: 'dev@box:~/project$ ',
    },
  });
  const program = 'bash 5.2';
  const atEnd = (s: ScreenText, suffix: string): boolean =>
    (s.lines[s.cursorRow] ?? '').trimEnd().endsWith(suffix.trimEnd());
  try {
    await p.waitForScreen((s) => atEnd(s, '$'), 5000);
    p.write('echo ready\r');
    await p.waitForScreen((s) => has(s, 'ready') && atEnd(s, '$'), 5000);
    await settle(p, 500);
    await save(
      'shell',
      'bash-idle',
      program,
      'bash prompt after a command, waiting for input',
      await p.screen(),
    );

    p.write('read -p "Continue? [y/N] " ans\r');
    await p.waitForScreen((s) => atEnd(s, '[y/N]'), 5000);
    await settle(p, 500);
    await save(
      'shell',
      'read-yes-no',
      program,
      'read -p "Continue? [y/N] " waiting for an answer',
      await p.screen(),
    );
    p.write('n\r');
    await p.waitForScreen((s) => atEnd(s, '$'), 5000);

    p.write('clear; select fruit in apple banana cherry; do echo "picked $fruit"; break; done\r');
    await p.waitForScreen((s) => atEnd(s, '#?'), 5000);
    await settle(p, 500);
    await save(
      'shell',
      'bash-select',
      program,
      'bash select menu with three choices and the #? prompt',
      await p.screen(),
    );
    p.write('2\r');
    await p.waitForScreen((s) => has(s, 'picked banana') && atEnd(s, '$'), 5000);

    p.write(`python3 -c 'name = input("Your name: "); print("hi", name)'\r`);
    await p.waitForScreen((s) => atEnd(s, 'Your name:'), 10_000);
    await settle(p, 500);
    await save(
      'shell',
      'python-input',
      'python 3',
      'python input("Your name: ") waiting for a line',
      await p.screen(),
    );
    p.write('Ann\r');
    await p.waitForScreen((s) => has(s, 'hi Ann') && atEnd(s, '$'), 5000);

    p.write('sleep 30\r');
    await sleep(800);
    await save(
      'shell',
      'bash-running',
      program,
      'bash running sleep 30: no prompt at the cursor',
      await p.screen(),
    );
  } finally {
    await p.kill(['\x03', 'exit\r']);
    await fs.rm(cwd, { recursive: true, force: true });
  }
}

await captureShell();
await captureClaude();
