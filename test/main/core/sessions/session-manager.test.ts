import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SessionManager,
  type SessionListStore,
  type StoredSession,
} from '../../../../main/core/sessions/session-manager.js';
import { LaunchError } from '../../../../main/core/sessions/presets.js';
import { waitFor } from '../../../support/wait.js';
import { processAlive } from '../../../support/process.js';

/** An in-memory session list that keeps copies, like a settings file would. */
function memoryStore(): SessionListStore & { saved: StoredSession[]; saves: number } {
  const store = {
    saved: [] as StoredSession[],
    saves: 0,
    load: () => structuredClone(store.saved),
    save: (list: StoredSession[]) => {
      store.saved = structuredClone(list);
      store.saves++;
    },
  };
  return store;
}

const managers: SessionManager[] = [];
const pids: number[] = [];
let dir: string;

function manager(store: SessionListStore): SessionManager {
  const m = new SessionManager({
    store,
    userShell: '/bin/bash',
    appRoot: process.cwd(),
    // A bash that reads no rc files and shows a known prompt.
    baseEnv: { ...process.env, PS1: 'READY$ ', ENV: '', BASH_ENV: '' },
  });
  managers.push(m);
  return m;
}

const bashSpec = (cwd: string, name = '') => ({
  name,
  agent: 'custom' as const,
  command: 'bash --norc --noprofile -i',
  cwd,
});

const screen = (m: SessionManager, id: string) => m.get(id)!.screen.plainText();

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'session-manager-'));
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.disposeAll()));
  for (const pid of pids.splice(0)) {
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('SessionManager with real bash PTYs', () => {
  it('creates a session named after its folder, running, and saves the list', async () => {
    const store = memoryStore();
    const m = manager(store);
    const changed: string[] = [];
    m.onChanged((id) => changed.push(id));
    const id = await m.create(bashSpec(dir), 80, 24);
    pids.push(m.get(id)!.pid!);
    expect(m.ids()).toEqual([id]);
    const info = m.info(id)!;
    expect(info).toMatchObject({
      id,
      name: path.basename(dir),
      agent: 'custom',
      commandLine: 'bash --norc --noprofile -i',
      cwd: dir,
      state: 'running',
      exit: null,
      error: null,
    });
    expect(store.saved).toEqual([
      {
        id,
        name: path.basename(dir),
        agent: 'custom',
        command: 'bash --norc --noprofile -i',
        cwd: dir,
        createdAt: info.createdAt,
        conversationId: null,
        running: true,
      },
    ]);
    expect(changed).toContain(id);
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
    m.get(id)!.write('pwd\r');
    await waitFor(() => screen(m, id).includes(`\n${dir}`), 'pwd output is the session folder');
  });

  it('keeps a given name, trimmed', async () => {
    const m = manager(memoryStore());
    const id = await m.create(bashSpec(dir, '  api server '), 80, 24);
    expect(m.info(id)!.name).toBe('api server');
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
  });

  it('refuses a missing folder or command and creates and saves nothing', async () => {
    const store = memoryStore();
    const m = manager(store);
    const missing = path.join(dir, 'nope');
    await expect(m.create(bashSpec(missing), 80, 24)).rejects.toThrow(LaunchError);
    await expect(m.create(bashSpec(missing), 80, 24)).rejects.toThrow(
      `The folder ${missing} does not exist.`,
    );
    await expect(m.create({ ...bashSpec(dir), command: 'no-such-command-xyz --x' }, 80, 24)).rejects.toThrow(
      'Command not found: no-such-command-xyz',
    );
    const file = path.join(dir, 'file.txt');
    writeFileSync(file, 'x');
    await expect(m.create(bashSpec(file), 80, 24)).rejects.toThrow('is not a folder');
    await expect(m.create({ ...bashSpec(dir), command: '   ' }, 80, 24)).rejects.toThrow(LaunchError);
    expect(m.ids()).toEqual([]);
    expect(store.saves).toBe(0);
    expect(store.saved).toEqual([]);
  });

  it('restore() on a new manager shows saved sessions as exited; one restart() runs them', async () => {
    const store = memoryStore();
    const first = manager(store);
    const a = await first.create(bashSpec(dir, 'a'), 80, 24);
    const b = await first.create(bashSpec(dir, 'b'), 80, 24);
    await first.disposeAll();
    expect(store.saved.map((s) => s.id)).toEqual([a, b]);

    const second = manager(store);
    second.restore(80, 24);
    expect(second.ids()).toEqual([a, b]);
    for (const id of [a, b]) {
      expect(second.info(id)).toMatchObject({ state: 'exited', exit: null, error: null });
      expect(second.get(id)!.running).toBe(false);
    }
    await second.restart(a);
    pids.push(second.get(a)!.pid!);
    expect(second.info(a)!.state).toBe('running');
    expect(second.info(b)!.state).toBe('exited');
    await waitFor(() => screen(second, a).includes('READY$'), 'restored bash prompt');
    // A restored session's first start is not a "restart": no marker.
    expect(screen(second, a)).not.toContain('restarted');
  });

  it('sessions saved as running come back "stopped by a restart" with the resume command', async () => {
    const store = memoryStore();
    const base = { cwd: dir, command: '', createdAt: 1, running: true };
    store.save([
      { ...base, id: 'c1', name: 'claude', agent: 'claude', conversationId: '3f2a-77' },
      { ...base, id: 'x1', name: 'codex', agent: 'codex', conversationId: null },
      { ...base, ...bashSpec(dir, 'sh'), id: 's1', conversationId: null },
      { ...base, ...bashSpec(dir, 'done'), id: 'd1', conversationId: null, running: false },
    ]);
    const m = manager(store);
    m.restore(80, 24);
    expect(m.info('c1')).toMatchObject({
      state: 'exited',
      stoppedByRestart: true,
      resumeCommand: 'claude --resume 3f2a-77',
    });
    expect(m.info('x1')).toMatchObject({ stoppedByRestart: true, resumeCommand: 'codex resume --last' });
    expect(m.info('s1')).toMatchObject({ stoppedByRestart: true, resumeCommand: null });
    expect(m.info('d1')).toMatchObject({ stoppedByRestart: false });

    // Resuming a shell starts its command again in the same folder; the mark goes.
    await m.resume('s1');
    pids.push(m.get('s1')!.pid!);
    expect(m.info('s1')).toMatchObject({ state: 'running', stoppedByRestart: false });
    await waitFor(() => screen(m, 's1').includes('READY$'), 'resumed bash prompt');
    expect(store.saved.find((s) => s.id === 's1')!.running).toBe(true);
  });

  it('restart after exit runs a new process in the same session with a restarted marker', async () => {
    const store = memoryStore();
    const m = manager(store);
    const id = await m.create(bashSpec(dir), 80, 24);
    const session = m.get(id)!;
    await waitFor(() => screen(m, id).includes('READY$'), 'bash prompt');
    const firstPid = session.pid!;
    session.write('exit 3\r');
    await waitFor(() => m.info(id)!.state === 'exited', 'session exited');
    expect(m.info(id)!.exit).toEqual({ code: 3, signal: null });

    await m.restart(id);
    expect(m.ids()).toEqual([id]);
    expect(m.get(id)).toBe(session);
    const secondPid = session.pid!;
    pids.push(secondPid);
    expect(secondPid).not.toBe(firstPid);
    expect(processAlive(firstPid)).toBe(false);
    expect(m.info(id)).toMatchObject({ state: 'running', exit: null });
    await waitFor(() => screen(m, id).includes('── restarted ──'), 'restart marker');
    session.write('echo again-$((6*7))\r');
    await waitFor(() => screen(m, id).includes('again-42'), 'new process answers');
    expect(store.saved.map((s) => s.id)).toEqual([id]);
  });

  it('records a launch problem on restart instead of throwing', async () => {
    const store = memoryStore();
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    const m = manager(store);
    const id = await m.create(bashSpec(sub), 80, 24);
    await m.kill(id);
    rmSync(sub, { recursive: true });
    await m.restart(id);
    expect(m.info(id)).toMatchObject({ state: 'exited', error: `The folder ${sub} does not exist.` });
  });

  it('remove kills the process and drops the session from the saved list', async () => {
    const store = memoryStore();
    const m = manager(store);
    const removed: string[] = [];
    m.onRemoved((id) => removed.push(id));
    const keep = await m.create(bashSpec(dir, 'keep'), 80, 24);
    const drop = await m.create(bashSpec(dir, 'drop'), 80, 24);
    pids.push(m.get(keep)!.pid!);
    const pid = m.get(drop)!.pid!;
    pids.push(pid);
    expect(processAlive(pid)).toBe(true);
    await m.remove(drop);
    expect(processAlive(pid)).toBe(false);
    expect(m.ids()).toEqual([keep]);
    expect(m.get(drop)).toBeUndefined();
    expect(m.info(drop)).toBeNull();
    expect(store.saved.map((s) => s.id)).toEqual([keep]);
    expect(removed).toEqual([drop]);
  });

  it('disposeAll kills every process and keeps the saved list', async () => {
    const store = memoryStore();
    const m = manager(store);
    const ids = [await m.create(bashSpec(dir), 80, 24), await m.create(bashSpec(dir), 80, 24)];
    const procs = ids.map((id) => m.get(id)!.pid!);
    pids.push(...procs);
    // A child of the shell dies with it too (SIGHUP goes to the process group).
    m.get(ids[0]!)!.write('sleep 300 & echo child=$!\r');
    const child = Number(
      (await waitFor(() => /child=(\d+)/.exec(screen(m, ids[0]!))?.[1], 'background child pid')) as string,
    );
    pids.push(child);
    await m.disposeAll();
    for (const pid of procs) expect(processAlive(pid)).toBe(false);
    await waitFor(() => !processAlive(child), 'background job ended by the hangup');
    expect(m.ids()).toEqual([]);
    expect(store.saved.map((s) => s.id)).toEqual(ids);
  });
});
