import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { ConnectionStatus, RendererBridge } from '../../../../renderer/src/bridge/connection.js';
import { createWsClient } from '../../../../renderer/src/bridge/ws-client.js';

interface Server {
  wss: WebSocketServer;
  url: string;
  sockets: ServerSocket[];
  /** Every request frame received, in order. */
  requests: Array<{ id: number; name: string; params: unknown }>;
}

/** A bridge server on 127.0.0.1 that answers `sessions.list` with [] and echoes `session.write` as data. */
async function startServer(port = 0): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (!address || typeof address === 'string') throw new Error('unexpected address');
  const server: Server = {
    wss,
    url: `ws://127.0.0.1:${address.port}/bridge?token=t`,
    sockets: [],
    requests: [],
  };
  wss.on('connection', (socket) => {
    server.sockets.push(socket);
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { id: number; name: string; params: { data?: string } };
      server.requests.push(frame);
      if (frame.name === 'session.create') {
        socket.send(JSON.stringify({ t: 'res', id: frame.id, ok: false, error: 'command not found: nope' }));
        return;
      }
      if (frame.name === 'session.write') {
        socket.send(
          JSON.stringify({ t: 'evt', name: 'session.data', payload: { id: 's1', data: frame.params.data } }),
        );
        socket.send('garbage that is not a frame');
      }
      socket.send(
        JSON.stringify({
          t: 'res',
          id: frame.id,
          ok: true,
          result: frame.name === 'sessions.list' ? [] : null,
        }),
      );
    });
  });
  return server;
}

async function stopServer(server: Server): Promise<void> {
  for (const s of server.sockets) s.terminate();
  await new Promise<void>((resolve) => server.wss.close(() => resolve()));
}

function waitForStatus(client: RendererBridge, wanted: ConnectionStatus, timeoutMs = 5000): Promise<void> {
  if (client.status() === wanted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`status stayed ${client.status()}`)), timeoutMs);
    const off = client.onStatus((s) => {
      if (s === wanted) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('WebSocket bridge client', () => {
  it('answers requests, delivers events, surfaces server errors and ignores bad frames', async () => {
    const server = await startServer();
    cleanups.push(() => stopServer(server));
    const client = createWsClient({ url: server.url });
    cleanups.push(async () => client.close());

    // Sent before the socket is open: queued, then delivered.
    await expect(client.request('sessions.list', {})).resolves.toEqual([]);
    expect(client.status()).toBe('open');

    const received: string[] = [];
    const off = client.on('session.data', ({ data }) => received.push(data));
    await client.request('session.write', { id: 's1', data: 'hello' });
    expect(received).toEqual(['hello']);
    off();
    await client.request('session.write', { id: 's1', data: 'again' });
    expect(received).toEqual(['hello']);

    await expect(
      client.request('session.create', {
        spec: { agent: 'custom', command: 'nope', cwd: '/tmp' },
        cols: 80,
        rows: 24,
      }),
    ).rejects.toThrow('command not found: nope');
  });

  it('reports the drop, refuses typing while down, and reconnects to a restarted host', async () => {
    let server = await startServer();
    const port = Number(new URL(server.url).port);
    const client = createWsClient({ url: server.url });
    cleanups.push(async () => client.close());
    const statuses: ConnectionStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    await waitForStatus(client, 'open');

    await stopServer(server);
    await waitForStatus(client, 'reconnecting');
    await expect(client.request('session.write', { id: 's1', data: 'x' })).rejects.toThrow(/Not connected/);
    const queued = client.request('sessions.list', {});

    server = await startServer(port);
    cleanups.push(() => stopServer(server));
    await waitForStatus(client, 'open', 10_000);
    await expect(queued).resolves.toEqual([]);
    expect(server.requests.map((r) => r.name)).toEqual(['sessions.list']);
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
  }, 20_000);

  it('stops for good when closed: no reconnect attempts reach a server', async () => {
    const server = await startServer();
    cleanups.push(() => stopServer(server));
    const client = createWsClient({ url: server.url });
    await waitForStatus(client, 'open');
    client.close();
    for (const s of server.sockets) s.terminate();
    const connectionsBefore = server.sockets.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(server.sockets.length).toBe(connectionsBefore);
  });
});
