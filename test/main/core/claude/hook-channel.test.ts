import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HookReceiver, MAX_SOCKET_PATH_BYTES } from '../../../../main/core/claude/hook-receiver.js';
import type { HookEvent } from '../../../../main/core/claude/hook-event.js';

const HELPER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../main/core/claude/hook-helper.cjs',
);

/** Runs the helper like Claude Code would: event JSON on stdin. */
function runHelper(
  env: Record<string, string>,
  stdin: string | Buffer,
): Promise<{ code: number | null; stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HELPER], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => resolve({ code, stdout, ms: Date.now() - started }));
    child.stdin.end(stdin);
  });
}

const sampleEvent = {
  hook_event_name: 'PermissionRequest',
  session_id: 'c0ffee',
  cwd: '/tmp/x',
  tool_name: 'Bash',
  tool_input: { command: 'echo hi > out.txt', description: 'Write hi' },
  permission_suggestions: [{ type: 'addRules' }],
};

describe('hook receiver and helper', () => {
  let dataDir: string;
  let receiver: HookReceiver;
  let warnings: string[];
  let events: [string, HookEvent][];

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-hooks-'));
    warnings = [];
    events = [];
    receiver = new HookReceiver({ dataDir, warn: (m) => warnings.push(m) });
    await receiver.start();
    receiver.onEvent((sid, e) => events.push([sid, e]));
  });

  afterEach(async () => {
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('listens on <dataDir>/hooks.sock with mode 0600', () => {
    expect(receiver.socketPath).toBe(path.join(dataDir, 'hooks.sock'));
    expect(fs.statSync(receiver.socketPath!).mode & 0o777).toBe(0o600);
  });

  it('delivers an event sent by the helper, with unknown keys kept, and the helper prints nothing', async () => {
    const { env } = receiver.register('tab-1');
    const r = await runHelper({ ...env }, JSON.stringify(sampleEvent));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    await waitFor(() => events.length === 1);
    const [sid, event] = events[0]!;
    expect(sid).toBe('tab-1');
    expect(event).toMatchObject({
      hook_event_name: 'PermissionRequest',
      session_id: 'c0ffee',
      tool_name: 'Bash',
    });
    expect(event.tool_input).toEqual({ command: 'echo hi > out.txt', description: 'Write hi' });
    expect(event.permission_suggestions).toEqual([{ type: 'addRules' }]);
  });

  it('drops events with a wrong secret or an unregistered session, and never logs the secret', async () => {
    const { env, secret } = receiver.register('tab-1');
    await runHelper(
      { ...env, AGENT_PAGER_HOOK_SECRET: 'x'.repeat(secret.length) },
      JSON.stringify(sampleEvent),
    );
    await runHelper({ ...env, AGENT_PAGER_HOOK_SECRET: 'short' }, JSON.stringify(sampleEvent));
    await runHelper({ ...env, AGENT_PAGER_SESSION_ID: 'tab-2' }, JSON.stringify(sampleEvent));
    receiver.unregister('tab-1');
    await runHelper(env as unknown as Record<string, string>, JSON.stringify(sampleEvent));
    await waitFor(() => warnings.length >= 4);
    expect(events).toEqual([]);
    expect(warnings.join('\n')).not.toContain(secret);
  });

  it('drops an event that fails validation', async () => {
    const { env } = receiver.register('tab-1');
    await runHelper({ ...env }, JSON.stringify({ session_id: 'c0ffee', tool_name: 'Bash' }));
    await waitFor(() => warnings.length >= 1);
    expect(events).toEqual([]);
    expect(warnings[0]).toMatch(/invalid event/);
  });

  it('drops a connection whose line exceeds the cap', async () => {
    receiver.register('tab-1');
    const sock = net.createConnection(receiver.socketPath!);
    sock.on('error', () => undefined);
    const closed = new Promise((r) => sock.on('close', r));
    sock.write('x'.repeat(4 * 1024 * 1024));
    await closed;
    expect(warnings.some((w) => /too long/.test(w))).toBe(true);
    expect(events).toEqual([]);
  });

  it('the helper exits 0 quickly and silently without an app, with bad input, too much input, or no env', async () => {
    const { env } = receiver.register('tab-1');
    const cases = [
      runHelper(
        { ...env, AGENT_PAGER_HOOK_SOCKET: path.join(dataDir, 'nothing-here.sock') },
        JSON.stringify(sampleEvent),
      ),
      runHelper({ ...env }, 'not json {'),
      runHelper({ ...env }, Buffer.alloc(2 * 1024 * 1024, 0x61)),
      runHelper({}, JSON.stringify(sampleEvent)),
    ];
    for (const r of await Promise.all(cases)) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.ms).toBeLessThan(2500);
    }
    expect(events).toEqual([]);
  });

  it('the helper exits within about a second when stdin never ends', async () => {
    const { env } = receiver.register('tab-1');
    const started = Date.now();
    const child = spawn(process.execPath, [HELPER], { env: { ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('{"hook_event_name":');
    const code = await new Promise((r) => child.on('close', r));
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('hook receiver socket path', () => {
  it('falls back to a short private temp path when the data dir path is too long', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-long-'));
    const dataDir = path.join(base, 'a'.repeat(60), 'b'.repeat(60));
    const r = new HookReceiver({ dataDir, warn: () => undefined });
    try {
      const p = await r.start();
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_SOCKET_PATH_BYTES);
      expect(p.startsWith(dataDir)).toBe(false);
      expect(fs.statSync(path.dirname(p)).mode & 0o777).toBe(0o700);
    } finally {
      await r.close();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('removes a stale socket file, and refuses to start beside a live instance', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-stale-'));
    fs.writeFileSync(path.join(dataDir, 'hooks.sock'), 'stale');
    const first = new HookReceiver({ dataDir, warn: () => undefined });
    const second = new HookReceiver({ dataDir, warn: () => undefined });
    try {
      await first.start();
      expect(fs.statSync(path.join(dataDir, 'hooks.sock')).isSocket()).toBe(true);
      await expect(second.start()).rejects.toThrow(/already listening/);
    } finally {
      await first.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
