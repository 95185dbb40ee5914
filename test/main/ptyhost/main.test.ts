/**
 * The PTY host process itself (main/ptyhost/main.ts from source, through tsx): one per data dir
 * (a second one exits at once), its socket is private (0600), it exits by itself when no app
 * connects and nothing runs, and an app (the core's client) that starts it finds the sessions it
 * left running when it connects again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/app.js';
import type { Core } from '../../../main/core/app-types.js';
import { ptyHostPaths } from '../../../main/core/ptyhost/paths.js';
import type { SessionInfo } from '../../../contract/bridge.js';
import { testCoreOptions, testPtyHost } from '../../support/core-options.js';
import { processAlive } from '../../support/process.js';
import { waitFor } from '../../support/wait.js';

let dir: string;
const cores: Core[] = [];
const pids: number[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-ptyhost-'));
});

afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose({ stopAgents: true }).catch(() => {});
  for (const pid of pids.splice(0)) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  await fs.rm(dir, { recursive: true, force: true });
});

/** Runs the PTY host for `dir` directly; resolves with its exit code. */
function runHost(env: Record<string, string> = {}): { pid: number; exited: Promise<number | null> } {
  const launch = testPtyHost();
  const child = spawn(launch.command, [...launch.args, '--data-dir', dir], {
    stdio: 'ignore',
    env: {
      ...process.env,
      AGENT_PAGER_HOOK_RUNNER: JSON.stringify(testCoreOptions(dir).hookRunner),
      ...env,
    },
  });
  pids.push(child.pid!);
  return { pid: child.pid!, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

describe('the PTY host process', () => {
  it('listens on a 0600 socket, holds the lock, and exits by itself when idle', async () => {
    const host = runHost({ AGENT_PAGER_PTYHOST_IDLE_MS: '10000' });
    const paths = ptyHostPaths(dir);
    await waitFor(() => fs.stat(paths.socket).catch(() => null), 'the socket', 20_000);
    expect((await fs.stat(paths.socket)).mode & 0o777).toBe(0o600);
    expect(Number(await fs.readFile(paths.lock, 'utf8'))).toBe(host.pid);
    // A second PTY host for the same data dir leaves at once, without touching the first.
    expect(await runHost().exited).toBe(0);
    expect(processAlive(host.pid)).toBe(true);
    expect(await host.exited).toBe(0);
    await expect(fs.stat(paths.socket)).rejects.toThrow();
    await expect(fs.stat(paths.lock)).rejects.toThrow();
  }, 60_000);

  it('an app that leaves without stopping agents finds them running when it comes back', async () => {
    const first = await createCore(testCoreOptions(dir));
    cores.push(first);
    const conn = first.connect({ send: () => {} });
    const info = (await conn.handle('session.create', {
      spec: { name: 'kept', agent: 'custom', command: 'bash --norc --noprofile -i', cwd: dir },
      cols: 80,
      rows: 24,
    })) as SessionInfo;
    await conn.handle('session.write', { id: info.id, data: 'echo "kept-$((20+22))"\r' });
    await waitFor(
      async () =>
        ((await first.request('session.attach', { id: info.id })) as { data: string }).data.includes(
          'kept-42',
        ),
      'the echo on the first screen',
      15_000,
    );
    const hostPid = first.ptyHostPid();
    cores.pop();
    await first.dispose({ stopAgents: false });
    expect(processAlive(hostPid)).toBe(true);

    const second = await createCore(testCoreOptions(dir));
    cores.push(second);
    expect(second.ptyHostPid()).toBe(hostPid);
    expect(second.snapshot().sessions).toEqual([expect.objectContaining({ id: info.id, state: 'running' })]);
    const snap = (await second.request('session.attach', { id: info.id })) as { data: string };
    expect(snap.data).toContain('kept-42');
    cores.pop();
    await second.dispose({ stopAgents: true });
    await waitFor(() => !processAlive(hostPid), 'the PTY host to exit after stopping its sessions', 10_000);
  }, 60_000);

  it('an app whose PTY host is killed starts a new one, and the sessions come back stopped by a restart', async () => {
    const core = await createCore(testCoreOptions(dir));
    cores.push(core);
    const events: Array<{ event: string; payload: unknown }> = [];
    const conn = core.connect({ send: (event, payload) => void events.push({ event, payload }) });
    const info = (await conn.handle('session.create', {
      spec: { name: 'victim', agent: 'custom', command: 'bash --norc --noprofile -i', cwd: dir },
      cols: 80,
      rows: 24,
    })) as SessionInfo;
    const first = core.ptyHostPid();
    process.kill(first, 'SIGKILL');
    await waitFor(
      () => core.snapshot().sessions.find((s) => s.id === info.id && s.stoppedByRestart),
      'the session to show stopped by a restart',
      30_000,
    );
    expect(core.ptyHostPid()).not.toBe(first);
    pids.push(core.ptyHostPid());
    expect(
      events.some((e) => e.event === 'session.state' && (e.payload as SessionInfo).stoppedByRestart),
    ).toBe(true);
    const resumed = (await conn.handle('session.resume', { id: info.id })) as SessionInfo;
    expect(resumed).toMatchObject({ state: 'running', stoppedByRestart: false });
  }, 60_000);
});
