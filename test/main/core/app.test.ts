import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapStore, testCoreOptions } from '../../support/core-options.js';
import { createCore } from '../../../main/core/app.js';
import { ptyHostPaths } from '../../../main/core/ptyhost/paths.js';
import type { ClientConnection, Core } from '../../../main/core/app-types.js';
import type { EventName, EventPayloads, SessionInfo } from '../../../contract/bridge.js';
import { sleep, waitFor } from '../../support/wait.js';
import { processAlive } from '../../support/process.js';

interface Recorded {
  event: EventName;
  payload: unknown;
}

let dataDir: string;
let core: Core | null = null;
const pids: number[] = [];

async function startCore(): Promise<Core> {
  core = await createCore(testCoreOptions(dataDir));
  return core;
}

/** Connects a client that records every event it is sent. */
function connect(c: Core): {
  conn: ClientConnection;
  events: Recorded[];
  of: <E extends EventName>(e: E) => EventPayloads[E][];
} {
  const events: Recorded[] = [];
  const conn = c.connect({ send: (event, payload) => void events.push({ event, payload }) });
  const of = <E extends EventName>(e: E) =>
    events.filter((r) => r.event === e).map((r) => r.payload as EventPayloads[E]);
  return { conn, events, of };
}

/** Creates a bash session (no rc files) through the bridge. */
async function createBash(conn: ClientConnection): Promise<SessionInfo> {
  return (await conn.handle('session.create', {
    spec: { name: '', agent: 'custom', command: 'bash --norc --noprofile -i', cwd: dataDir },
    cols: 80,
    rows: 24,
  })) as SessionInfo;
}

/** Everything sent to the client for a session so far. */
const output = (events: Recorded[], id: string) =>
  events
    .filter((r) => r.event === 'session.data' && (r.payload as { id: string }).id === id)
    .map((r) => (r.payload as { data: string }).data)
    .join('');

/** Attaches, waits for the shell prompt, and returns the pid of the shell. */
async function shellPid(conn: ClientConnection, events: Recorded[], id: string): Promise<number> {
  conn.handle('session.write', { id, data: 'echo "pid=$$"\r' });
  const pid = Number(await waitFor(() => /pid=(\d+)/.exec(output(events, id))?.[1], 'shell pid', 10_000));
  pids.push(pid);
  return pid;
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'core-'));
});

afterEach(async () => {
  await core?.dispose();
  core = null;
  for (const pid of pids.splice(0)) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createCore in-process with a real bash session', () => {
  it('creates, attaches, streams output, accepts acks, lists and reports exit', async () => {
    const c = await startCore();
    const { conn, events, of } = connect(c);
    const info = await createBash(conn);
    expect(info).toMatchObject({
      name: path.basename(dataDir),
      agent: 'custom',
      cwd: dataDir,
      state: 'running',
    });
    expect(await conn.handle('sessions.list', {})).toEqual([
      expect.objectContaining({ id: info.id, state: 'running' }),
    ]);
    expect(c.snapshot().sessions.map((s) => s.id)).toEqual([info.id]);

    const snapshot = (await conn.handle('session.attach', { id: info.id })) as {
      data: string;
      cols: number;
      rows: number;
    };
    expect(snapshot).toMatchObject({ cols: 80, rows: 24 });
    expect(typeof snapshot.data).toBe('string');

    await conn.handle('session.write', { id: info.id, data: 'echo "sum=$((40+2))"\r' });
    await waitFor(() => output(events, info.id).includes('sum=42'), 'echo output in session.data', 10_000);
    const chars = of('session.data').reduce((n, d) => n + d.data.length, 0);
    await expect(conn.handle('session.ack', { id: info.id, chars })).resolves.toBeNull();

    await conn.handle('session.write', { id: info.id, data: 'exit 4\r' });
    const exited = await waitFor(
      () => of('session.state').find((s) => s.id === info.id && s.state === 'exited'),
      'session.state exited',
      10_000,
    );
    expect(exited.exit).toEqual({ code: 4, signal: null });
    expect(await conn.handle('sessions.list', {})).toEqual([
      expect.objectContaining({ id: info.id, state: 'exited' }),
    ]);
  });

  it('rejects unknown requests and invalid params with a readable error', async () => {
    const c = await startCore();
    const { conn } = connect(c);
    await expect(conn.handle('session.explode', {})).rejects.toThrow('unknown request: session.explode');
    await expect(
      conn.handle('session.create', {
        spec: { name: '', agent: 'custom', command: 'bash', cwd: dataDir },
        cols: 0,
        rows: 24,
      }),
    ).rejects.toThrow(/invalid params for session.create/);
    await expect(conn.handle('session.write', { id: 'x' })).rejects.toThrow(
      /invalid params for session.write/,
    );
    await expect(conn.handle('settings.update', { patch: { idleSeconds: 1 } })).rejects.toThrow(
      /invalid params/,
    );
    await expect(conn.handle('session.attach', { id: 'nope' })).rejects.toThrow(
      'That session no longer exists.',
    );
    await expect(
      conn.handle('session.create', {
        spec: { name: '', agent: 'custom', command: 'bash', cwd: path.join(dataDir, 'missing') },
        cols: 80,
        rows: 24,
      }),
    ).rejects.toThrow('does not exist');
    expect(await conn.handle('sessions.list', {})).toEqual([]);
  });

  it('settings.update emits settings.changed to clients', async () => {
    const c = await startCore();
    const { conn, of } = connect(c);
    const next = await conn.handle('settings.update', { patch: { notifyMode: 'away', idleSeconds: 7 } });
    expect(next).toMatchObject({ notifyMode: 'away', idleSeconds: 7 });
    expect(of('settings.changed')).toEqual([next]);
    expect(await conn.handle('settings.get', {})).toEqual(next);
  });

  it('renames and reorders tabs for every client and keeps both in the saved list', async () => {
    const settings = mapStore();
    const c = (core = await createCore(testCoreOptions(dataDir, { settings })));
    const a = connect(c);
    const b = connect(c);
    const one = await createBash(a.conn);
    const two = await createBash(a.conn);
    const renamed = (await a.conn.handle('session.rename', { id: one.id, name: '  api  ' })) as SessionInfo;
    expect(renamed.name).toBe('api');
    expect(b.of('session.state').at(-1)).toMatchObject({ id: one.id, name: 'api' });
    await expect(a.conn.handle('session.rename', { id: one.id, name: '   ' })).rejects.toThrow(
      /invalid params/,
    );

    await a.conn.handle('sessions.reorder', { ids: [two.id, 'gone', two.id] });
    expect(b.of('sessions.reordered')).toEqual([{ ids: [two.id, one.id] }]);
    const list = (await a.conn.handle('sessions.list', {})) as SessionInfo[];
    expect(list.map((s) => s.id)).toEqual([two.id, one.id]);

    // A restarted app shows the saved order and names. The stopped PTY host gave up its socket
    // before the app heard it close, so the next start cannot reach the exiting one.
    await c.dispose();
    expect(existsSync(ptyHostPaths(dataDir).socket)).toBe(false);
    const again = connect((core = await createCore(testCoreOptions(dataDir, { settings }))));
    const restored = (await again.conn.handle('sessions.list', {})) as SessionInfo[];
    expect(restored.map((s) => [s.id, s.name])).toEqual([
      [two.id, two.name],
      [one.id, 'api'],
    ]);
  });

  it('tells every client the PTY size after a resize, so other views can show it', async () => {
    const c = await startCore();
    const a = connect(c);
    const b = connect(c);
    const s = await createBash(a.conn);
    await a.conn.handle('session.resize', { id: s.id, cols: 100, rows: 30 });
    expect(b.of('session.resized')).toEqual([{ id: s.id, cols: 100, rows: 30 }]);
    expect(a.of('session.resized')).toEqual([{ id: s.id, cols: 100, rows: 30 }]);
  });

  it('phone.state has no token, and a malformed token gives a readable error, never the token', async () => {
    const c = await startCore();
    const { conn, events } = connect(c);
    expect(await conn.handle('phone.state', {})).toMatchObject({
      token: 'none',
      polling: 'stopped',
      paired: null,
    });
    const bad = 'not-a-bot-token-but-secret-ish-0123456789';
    const state = (await conn.handle('phone.setToken', { token: bad })) as {
      token: string;
      error: string | null;
    };
    expect(state.token).toBe('invalid');
    expect(state.error).toMatch(/does not look like a bot token/);
    const after = await conn.handle('phone.state', {});
    expect(JSON.stringify(after)).not.toContain(bad);
    expect(JSON.stringify(events)).not.toContain(bad);
    expect(JSON.stringify(c.snapshot())).not.toContain(bad);
  });

  it('raises an input prompt once typed-at bash goes quiet, but not for a fresh shell', async () => {
    const c = await startCore();
    const { conn, events, of } = connect(c);
    await conn.handle('settings.update', { patch: { idleSeconds: 2 } });
    const info = await createBash(conn);
    const snap = (await conn.handle('session.attach', { id: info.id })) as { data: string };
    // A fresh shell sitting at its prompt is not "waiting for you": nothing was typed yet.
    // The prompt may already be in the snapshot (serialized with cursor sequences after it).
    const plain = () => stripVTControlCharacters(snap.data + output(events, info.id));
    await waitFor(() => /[$#] /.test(plain()), 'bash prompt', 10_000);
    await sleep(3000);
    expect(of('session.state').some((s) => s.id === info.id && s.state === 'needs-attention')).toBe(false);
    expect(((await conn.handle('sessions.list', {})) as SessionInfo[])[0]!.state).toBe('running');

    const typedAt = Date.now();
    await conn.handle('session.write', { id: info.id, data: 'echo typed\r' });
    const needs = await waitFor(
      () => of('session.state').find((s) => s.id === info.id && s.state === 'needs-attention'),
      'needs-attention',
      10_000,
    );
    expect(Date.now() - typedAt).toBeGreaterThanOrEqual(1900);
    expect(needs.prompt).toMatchObject({ kind: 'input', sessionId: info.id });
    const listed = ((await conn.handle('sessions.list', {})) as SessionInfo[])[0]!;
    expect(listed.state).toBe('needs-attention');
    expect(listed.prompt?.kind).toBe('input');
  });

  it('dispose() kills every PTY', async () => {
    const c = await startCore();
    const { conn, events } = connect(c);
    const a = await createBash(conn);
    const b = await createBash(conn);
    await conn.handle('session.attach', { id: a.id });
    await conn.handle('session.attach', { id: b.id });
    const pa = await shellPid(conn, events, a.id);
    const pb = await shellPid(conn, events, b.id);
    expect(processAlive(pa) && processAlive(pb)).toBe(true);
    await c.dispose();
    core = null;
    expect(processAlive(pa)).toBe(false);
    expect(processAlive(pb)).toBe(false);
  });
});
