/**
 * Faults of the program inside a session, with real PTYs: a child that dies, ignores SIGHUP, or
 * floods output while exiting; a session whose folder is deleted; and secrets that must not
 * reach it through the environment (issue 8).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionManager, type StoredSession } from '../../../../main/core/sessions/session-manager.js';
import { waitFor } from '../../../support/wait.js';
import { processAlive } from '../../../support/process.js';

const managers: SessionManager[] = [];
const pids: number[] = [];
let dir: string;

function manager(extraEnv: Record<string, string> = {}): SessionManager {
  let saved: StoredSession[] = [];
  const m = new SessionManager({
    store: { load: () => saved, save: (list) => (saved = structuredClone(list)) },
    userShell: '/bin/bash',
    appRoot: process.cwd(),
    baseEnv: { ...process.env, PS1: 'READY$ ', ENV: '', BASH_ENV: '', ...extraEnv },
  });
  managers.push(m);
  return m;
}

const spec = (command: string, cwd = dir) => ({ name: '', agent: 'custom' as const, command, cwd });
const bash = 'bash --norc --noprofile -i';
const screen = (m: SessionManager, id: string) => m.get(id)!.screen.plainText();

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'session-faults-'));
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.disposeAll()));
  for (const pid of pids.splice(0)) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('session faults (real PTYs)', () => {
  it('shows no AGENT_PAGER_* secret to the program, so `env` in a session cannot leak the bot token', async () => {
    const m = manager({
      AGENT_PAGER_BOT_TOKEN: '123456:bot-token-secret',
      AGENT_PAGER_ACCESS_TOKEN: 'access-token-secret',
      AGENT_PAGER_TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    });
    const id = await m.create(spec(bash), 120, 24);
    pids.push(m.get(id)!.pid!);
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
    m.get(id)!.write('env | grep -ci agent_pager; echo END-$((1+1))\r');
    await waitFor(() => screen(m, id).includes('END-2'), 'env listed');
    expect(screen(m, id)).not.toMatch(/secret|127\.0\.0\.1:9/);
    expect(screen(m, id)).toMatch(/^0$/m);
  });

  it('shows a child killed from outside as exited by SIGKILL, and restarts it', async () => {
    const m = manager();
    const id = await m.create(spec(bash), 80, 24);
    const pid = m.get(id)!.pid!;
    pids.push(pid);
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
    process.kill(pid, 'SIGKILL');
    await waitFor(() => m.info(id)!.state === 'exited', 'exit noticed');
    expect(m.info(id)!.exit).toEqual({ code: null, signal: 'SIGKILL' });
    await m.restart(id);
    pids.push(m.get(id)!.pid!);
    expect(m.info(id)!.state).toBe('running');
  });

  it('ends a child that ignores SIGHUP with SIGKILL after the grace period', async () => {
    const m = manager();
    const id = await m.create(
      spec(`bash --norc --noprofile -c "trap '' HUP; echo IGNORING; while :; do sleep 0.05; done"`),
      80,
      24,
    );
    const session = m.get(id)!;
    const pid = session.pid!;
    pids.push(pid);
    await waitFor(() => screen(m, id).includes('IGNORING'), 'trap installed');
    const started = Date.now();
    await session.kill(300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(processAlive(pid)).toBe(false);
    expect(session.exit).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('still ends a child that floods output while exiting, even with a view that never acknowledges', async () => {
    const m = manager();
    // On SIGHUP it writes 20 MB before exiting; the attached view below holds flow control paused.
    const flood = `bash --norc --noprofile -c "trap 'head -c 20000000 /dev/zero | tr \\"\\\\0\\" x; exit 0' HUP; echo ARMED; while :; do sleep 0.05; done"`;
    const id = await m.create(spec(flood), 80, 24);
    const session = m.get(id)!;
    pids.push(session.pid!);
    await waitFor(() => screen(m, id).includes('ARMED'), 'trap installed');
    let received = 0;
    const view = session.attach((data) => (received += data.length));
    await view.snapshot;
    const started = Date.now();
    await session.kill(1000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(session.running).toBe(false);
    expect(session.exit).not.toBeNull();
    expect(received).toBeGreaterThan(0);
    view.detach();
  });

  it('keeps a session whose folder is deleted under it running, and explains the folder on restart', async () => {
    const sub = path.join(dir, 'project');
    mkdirSync(sub);
    const m = manager();
    const id = await m.create(spec(bash, sub), 80, 24);
    pids.push(m.get(id)!.pid!);
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
    rmSync(sub, { recursive: true });
    m.get(id)!.write('ls; echo STILL-$((2*3))\r');
    await waitFor(() => screen(m, id).includes('STILL-6'), 'shell still answers');
    expect(m.info(id)!.state).toBe('running');
    await m.kill(id);
    await m.restart(id);
    expect(m.info(id)).toMatchObject({ state: 'exited', error: `The folder ${sub} does not exist.` });
  });
});
