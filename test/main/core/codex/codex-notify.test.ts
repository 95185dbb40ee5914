/**
 * The notify helper as Codex runs it: a real child process, a real Unix socket standing in for
 * the app's hook channel, and a real "user notify" program that records its argument.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../support/wait.js';

const HELPER = path.resolve('main/core/codex/codex-notify.cjs');
let dir: string;
let server: net.Server;
const lines: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-notify-'));
  server = net.createServer((s) => {
    let buf = '';
    s.on('data', (d) => (buf += d.toString()));
    s.on('end', () => lines.push(buf));
  });
  await new Promise<void>((r) => server.listen(path.join(dir, 'hooks.sock'), r));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await fs.rm(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [HELPER, ...args], {
      env: {
        PATH: process.env.PATH,
        AGENT_PAGER_HOOK_SOCKET: path.join(dir, 'hooks.sock'),
        AGENT_PAGER_SESSION_ID: 's1',
        AGENT_PAGER_HOOK_SECRET: 'sekrit',
      },
      timeout: 5000,
    });
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

const turn = (input: string, last: string) =>
  JSON.stringify({
    type: 'agent-turn-complete',
    'thread-id': 't-1',
    'turn-id': 'u-1',
    cwd: '/w',
    'input-messages': [input],
    'last-assistant-message': last,
  });

describe('the Codex notify helper', () => {
  it("reports a finished turn as a Stop event and still runs the user's notify with the same JSON", async () => {
    const record = path.join(dir, 'user-notify.txt');
    const json = turn('write hello', 'Done, wrote out.txt.');
    const code = await run(['/bin/sh', '-c', `printf '%s' "$1" > '${record}'`, 'sh', json]);
    expect(code).toBe(0);
    await waitFor(() => lines.length > 0, 'the event on the socket', 3000);
    const sent = JSON.parse(lines[0]!) as {
      sessionId: string;
      secret: string;
      event: Record<string, unknown>;
    };
    expect(sent).toMatchObject({ sessionId: 's1', secret: 'sekrit' });
    expect(sent.event).toMatchObject({
      hook_event_name: 'Stop',
      session_id: 't-1',
      last_assistant_message: 'Done, wrote out.txt.',
    });
    expect(
      await waitFor(() => fs.readFile(record, 'utf8').catch(() => null), "the user's notify", 3000),
    ).toBe(json);
  });

  it("does not report Codex's task-title request, bad JSON or other types, and always exits 0", async () => {
    lines.length = 0;
    expect(
      await run([turn('Generate a concise, single-line task title of at most 36 characters', 'Fix it')]),
    ).toBe(0);
    expect(await run(['{not json'])).toBe(0);
    expect(await run([JSON.stringify({ type: 'something-else' })])).toBe(0);
    expect(await run([])).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(lines).toEqual([]);
  });
});
