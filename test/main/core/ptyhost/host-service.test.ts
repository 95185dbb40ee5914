/**
 * The PTY host's service over a real Unix socket, in-process, with real bash sessions: what a
 * broken or hostile client gets (no hello, another protocol, unknown requests, bad params, junk
 * lines), and flow control across the extra hop: an app that stops acknowledging holds the PTY
 * paused, and an app that goes away releases it.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameConnection } from '../../../../main/core/ptyhost/framing.js';
import { PtyHostService } from '../../../../main/core/ptyhost/host-service.js';
import { PTY_PROTOCOL_VERSION, type HostFrame } from '../../../../main/core/ptyhost/protocol.js';
import { waitFor } from '../../../support/wait.js';

const HOOK_RUNNER = {
  command: process.execPath,
  env: {},
  helperPath: path.resolve('main/core/claude/hook-helper.cjs'),
};

let dir: string;
let service: PtyHostService;
let server: net.Server;
let socketPath: string;
const conns: FrameConnection[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-hostsvc-'));
  service = await PtyHostService.create({
    dataDir: dir,
    sessionsFile: path.join(dir, 'sessions.json'),
    hookRunner: HOOK_RUNNER,
    userShell: '/bin/bash',
    appRoot: process.cwd(),
    log: () => {},
  });
  socketPath = path.join(dir, 's.sock');
  server = net.createServer((s) => service.accept(s));
  await new Promise<void>((r) => server.listen(socketPath, r));
});

afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await service.shutdown();
  await new Promise<void>((r) => server.close(() => r()));
  await fs.rm(dir, { recursive: true, force: true });
});

/** A raw client: sends frames, collects results and events. */
async function client() {
  const socket = net.createConnection(socketPath);
  await new Promise((r) => socket.once('connect', r));
  const conn = new FrameConnection(socket);
  conns.push(conn);
  const frames: HostFrame[] = [];
  let closedWith: string | null = null;
  conn.onFrame((f) => frames.push(f));
  conn.onClose((reason) => (closedWith = reason));
  let next = 1;
  const request = async (
    name: string,
    params: unknown,
  ): Promise<{ ok: boolean; result?: unknown; error?: string }> => {
    const id = next++;
    conn.send({ t: 'req', id, name, params });
    const res = await waitFor(
      () => frames.find((f) => f.t === 'res' && f.id === id),
      `response to ${name}`,
      10_000,
    );
    return res as { ok: boolean; result?: unknown; error?: string };
  };
  const hello = () =>
    request('hello', { protocol: PTY_PROTOCOL_VERSION, hookRunner: HOOK_RUNNER, idleSeconds: 3 });
  return { conn, socket, frames, request, hello, closed: () => closedWith };
}

describe('PtyHostService: what a client gets', () => {
  it('refuses everything before hello, another protocol, unknown requests and invalid params', async () => {
    const c = await client();
    expect(await c.request('session.create', {})).toMatchObject({
      ok: false,
      error: 'the first request must be hello',
    });
    const other = await c.request('hello', { protocol: 999, hookRunner: HOOK_RUNNER, idleSeconds: 3 });
    expect(other.ok).toBe(false);
    expect(other.error).toMatch(/protocol/);
    expect(await c.hello()).toMatchObject({
      ok: true,
      result: { protocol: PTY_PROTOCOL_VERSION, sessions: [] },
    });
    expect(await c.request('session.explode', {})).toMatchObject({
      ok: false,
      error: 'unknown request: session.explode',
    });
    const bad = await c.request('session.resize', { id: 'x', cols: 0, rows: 5 });
    expect(bad.error).toMatch(/^invalid params for session.resize/);
    expect(await c.request('session.attach', { id: 'nope', attachId: 1 })).toMatchObject({
      ok: false,
      error: 'That session no longer exists.',
    });
  });

  it('closes a connection that sends a line that is not a frame; other clients are unaffected', async () => {
    const good = await client();
    await good.hello();
    const bad = await client();
    bad.socket.write('{"not":"a frame"}\n');
    await waitFor(() => bad.closed(), 'the bad connection to close');
    const junk = await client();
    junk.socket.write('this is not json\n');
    await waitFor(() => junk.closed(), 'the junk connection to close');
    expect(await good.request('configure', { idleSeconds: 5 })).toMatchObject({ ok: true, result: null });
  });

  it('an app that stops acknowledging pauses the PTY; one that goes away releases it', async () => {
    const app = await client();
    await app.hello();
    const created = await app.request('session.create', {
      spec: {
        name: 'flood',
        agent: 'custom',
        command: 'bash --norc --noprofile -c "sleep 0.3; yes"',
        cwd: dir,
      },
      cols: 80,
      rows: 24,
    });
    const id = (created.result as { id: string }).id;
    expect(await app.request('session.attach', { id, attachId: 7 })).toMatchObject({ ok: true });
    const session = service.sessions.get(id)!;
    await waitFor(() => session.paused, 'the PTY to pause with no acks', 10_000);
    const chars = () =>
      app.frames
        .filter((f) => f.t === 'evt' && f.name === 'session.data')
        .reduce((n, f) => n + ((f as { payload: { data: string } }).payload.data.length ?? 0), 0);
    const atPause = chars();
    // Bounded: what crossed to the app is the high watermark plus at most a batch or two.
    expect(atPause).toBeLessThan(100_000 + 3 * 64 * 1024);
    // Acknowledging everything resumes it.
    await app.request('session.ack', { attachId: 7, chars: atPause });
    await waitFor(() => chars() > atPause, 'more output after the ack', 10_000);
    await waitFor(() => session.paused, 'paused again', 10_000);
    // The app goes away without acking: the PTY must not stay held.
    app.conn.close();
    await waitFor(() => !session.paused, 'the PTY to resume once the app is gone', 10_000);
  });

  it('a shutdown gives up the socket before any app hears the close, and turns newcomers away', async () => {
    // The app's next start must reach a fresh PTY host, never this exiting one: a restart right
    // after "Quit and stop agents" once connected here and then lost its host (ECONNRESET).
    const order: string[] = [];
    const ownDir = path.join(dir, 'own');
    await fs.mkdir(ownDir, { mode: 0o700 });
    const own = await PtyHostService.create({
      dataDir: ownDir,
      sessionsFile: path.join(ownDir, 'sessions.json'),
      hookRunner: HOOK_RUNNER,
      userShell: '/bin/bash',
      appRoot: process.cwd(),
      log: () => {},
      onStopping: () => order.push('released'),
    });
    const ownSocket = path.join(ownDir, 's.sock');
    const ownServer = net.createServer((s) => own.accept(s));
    await new Promise<void>((r) => ownServer.listen(ownSocket, r));
    try {
      const connectOwn = async () => {
        const socket = net.createConnection(ownSocket);
        await new Promise((r) => socket.once('connect', r));
        const conn = new FrameConnection(socket);
        conns.push(conn);
        let closed = false;
        conn.onClose(() => (closed = true));
        return { conn, closed: () => closed };
      };
      const app = await connectOwn();
      app.conn.send({
        t: 'req',
        id: 1,
        name: 'hello',
        params: { protocol: PTY_PROTOCOL_VERSION, hookRunner: HOOK_RUNNER, idleSeconds: 3 },
      });
      app.conn.send({
        t: 'req',
        id: 2,
        name: 'session.create',
        params: {
          spec: { name: '', agent: 'custom', command: 'bash --norc --noprofile -i', cwd: dir },
          cols: 80,
          rows: 24,
        },
      });
      await waitFor(() => own.sessions.ids().length === 1, 'the session to start', 10_000);
      app.conn.onClose(() => order.push('app heard the close'));
      const stopping = own.shutdown();
      const late = await connectOwn();
      await waitFor(() => late.closed(), 'the newcomer to be turned away', 10_000);
      await stopping;
      await waitFor(() => app.closed(), 'the app to hear the close', 10_000);
      expect(order).toEqual(['released', 'app heard the close']);
    } finally {
      await own.shutdown();
      await new Promise<void>((r) => ownServer.close(() => r()));
    }
  });
});
