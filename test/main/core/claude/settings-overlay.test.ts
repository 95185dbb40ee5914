import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  hookCommand,
  shellQuote,
  writeSettingsOverlay,
} from '../../../../main/core/claude/settings-overlay.js';
import { HookReceiver } from '../../../../main/core/claude/hook-receiver.js';
import type { HookEvent } from '../../../../main/core/claude/hook-event.js';

const HELPER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../main/core/claude/hook-helper.cjs',
);

describe('settings overlay', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes a 0600 file with a hook for each of the six events, matcher "*" where the event takes one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-overlay-'));
    dirs.push(dir);
    const file = await writeSettingsOverlay(dir, {
      command: '/usr/bin/node',
      env: {},
      helperPath: '/opt/app/hook-helper.cjs',
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(json.hooks)).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PermissionRequest',
      'PostToolUse',
      'Notification',
      'Stop',
    ]);
    expect(json.hooks.PreToolUse[0].matcher).toBe('*');
    expect(json.hooks.PermissionRequest[0].matcher).toBe('*');
    expect(json.hooks.PostToolUse[0].matcher).toBe('*');
    expect(json.hooks.Stop[0].matcher).toBeUndefined();
    expect(json.hooks.Stop[0].hooks[0]).toEqual({
      type: 'command',
      command: "'/usr/bin/node' '/opt/app/hook-helper.cjs'",
      timeout: 10,
    });
  });

  it('quotes for sh -c: a helper path with spaces and quotes and an env value still run', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-quote-'));
    dirs.push(root);
    const odd = path.join(root, `it's "odd" $HOME dir`);
    fs.mkdirSync(odd);
    const helper = path.join(odd, 'hook-helper.cjs');
    fs.copyFileSync(HELPER, helper);
    const receiver = new HookReceiver({ dataDir: path.join(root, 'data'), warn: () => undefined });
    await receiver.start();
    try {
      const got: HookEvent[] = [];
      receiver.onEvent((_s, e) => got.push(e));
      const { env } = receiver.register('tab-9');
      const command = hookCommand({
        command: process.execPath,
        env: { AP_TEST_FLAG: "a b'c" },
        helperPath: helper,
      });
      const code = await new Promise((resolve) => {
        const child = spawn('/bin/sh', ['-c', command], {
          env: { ...env, PATH: process.env.PATH ?? '' },
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        child.on('close', resolve);
        child.stdin.end(
          JSON.stringify({ hook_event_name: 'Stop', session_id: 'abc', last_assistant_message: 'hi' }),
        );
      });
      expect(code).toBe(0);
      const end = Date.now() + 3000;
      while (got.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(got[0]).toMatchObject({ hook_event_name: 'Stop', last_assistant_message: 'hi' });
    } finally {
      await receiver.close();
    }
  });

  it('shellQuote survives a round trip through sh', async () => {
    const word = `a'b"c $x \\ \`y\``;
    const out = await new Promise<string>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `printf %s ${shellQuote(word)}`]);
      let s = '';
      child.stdout.on('data', (d: Buffer) => (s += d.toString()));
      child.on('close', () => resolve(s));
    });
    expect(out).toBe(word);
  });

  it('rejects an env name that is not a shell variable name', () => {
    expect(() => hookCommand({ command: 'x', env: { 'A;rm -rf /': '1' }, helperPath: 'h' })).toThrow(
      /invalid environment variable name/,
    );
  });
});
