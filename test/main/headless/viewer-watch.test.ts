/**
 * A browser tab that does not keep up must not stall or bloat the host (issue 8, item 8): with a
 * real core, a real flooding PTY and real WebSocket clients, a viewer that never acknowledges,
 * or acknowledges without reading, is dropped, and a healthy viewer keeps receiving output.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../main/core/app.js';
import type { Core } from '../../../main/core/app-types.js';
import { startHeadlessServer, type HeadlessServer } from '../../../main/headless/server.js';
import { newAccessToken } from '../../../main/headless/access-token.js';
import {
  HARD_BUFFERED_BYTES,
  OVER_ACK_CHARS,
  SOFT_BUFFERED_BYTES,
  STUCK_DROP_MS,
  ViewerWatch,
  WATCH_INTERVAL_MS,
} from '../../../main/headless/viewer-watch.js';
import { FLOW_HIGH_WATERMARK_CHARS } from '../../../main/core/sessions/flow-control.js';
import { bridgeProtocols } from '../../../contract/ws-auth.js';
import type { SessionInfo } from '../../../contract/bridge.js';
import { testCoreOptions } from '../../support/core-options.js';
import { waitFor } from '../../support/wait.js';

interface Client {
  ws: WebSocket;
  received: number;
  /** Longest wait between two outputs after the first, in ms. */
  maxGapMs: number;
  closed: boolean;
  request(name: string, params: unknown): Promise<unknown>;
}

let dir: string;
let core: Core;
let server: HeadlessServer;
let logs: string[];
const token = newAccessToken();
const clients: Client[] = [];

async function connect(options: { ack: boolean }): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, bridgeProtocols(token));
  let nextId = 1;
  let lastData = 0;
  const waiting = new Map<number, (frame: { ok: boolean; result?: unknown; error?: string }) => void>();
  const client: Client = {
    ws,
    received: 0,
    maxGapMs: 0,
    closed: false,
    request: (name, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, (f) => (f.ok ? resolve(f.result) : reject(new Error(f.error))));
        ws.send(JSON.stringify({ t: 'req', id, name, params }));
      }),
  };
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString());
    if (frame.t === 'res') waiting.get(frame.id)?.(frame);
    else if (frame.name === 'session.data') {
      if (client.received > 0) client.maxGapMs = Math.max(client.maxGapMs, Date.now() - lastData);
      lastData = Date.now();
      client.received += frame.payload.data.length;
      if (options.ack) {
        ws.send(
          JSON.stringify({
            t: 'req',
            id: nextId++,
            name: 'session.ack',
            params: { id: frame.payload.id, chars: frame.payload.data.length },
          }),
        );
      }
    }
  });
  ws.on('close', () => (client.closed = true));
  ws.on('error', () => undefined);
  await new Promise((r) => ws.once('open', r));
  clients.push(client);
  return client;
}

/** Creates a session that floods output once it reads a line, and attaches `viewers` to it. */
async function floodingSession(owner: Client, viewers: Client[]): Promise<string> {
  const info = (await owner.request('session.create', {
    spec: { agent: 'custom', cwd: dir, command: 'bash --norc --noprofile -c "read; yes 0123456789abcdef"' },
    cols: 80,
    rows: 24,
  })) as SessionInfo;
  for (const v of viewers) await v.request('session.attach', { id: info.id });
  return info.id;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'viewer-watch-'));
  await fs.mkdir(path.join(dir, 'renderer'));
  logs = [];
  core = await createCore(testCoreOptions(dir));
  server = await startHeadlessServer({
    core,
    rendererDir: path.join(dir, 'renderer'),
    host: '127.0.0.1',
    port: 0,
    token,
    log: (m) => logs.push(m),
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.ws.resume();
    c.ws.terminate();
  }
  await server.close();
  await core.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('viewers that do not keep up', () => {
  it(
    'drops a viewer that never acknowledges; the PTY then follows the healthy viewer',
    { timeout: 30_000 },
    async () => {
      const healthy = await connect({ ack: true });
      const stuck = await connect({ ack: false });
      const id = await floodingSession(healthy, [healthy, stuck]);
      await healthy.request('session.write', { id, data: '\r' });
      // Before the fix the stuck viewer held the PTY paused: output stopped near 100,000 chars.
      await waitFor(
        () => healthy.received > 3_000_000,
        'the healthy viewer receives a flood of output',
        20_000,
      );
      await waitFor(() => stuck.closed, 'the stuck viewer is dropped', 8000);
      // Flow control stopped following the stuck viewer after FLOW_LAG_MS (1 s); it was dropped at 3 s.
      expect(healthy.maxGapMs).toBeLessThan(2000);
      expect(logs.join('\n')).toMatch(/dropped a viewer that does not keep up/);
      // The dropped tab reconnects and re-attaches: it gets the serialized screen, not the backlog.
      const again = await connect({ ack: true });
      const snapshot = (await again.request('session.attach', { id })) as { data: string };
      expect(snapshot.data).toContain('0123456789abcdef');
      expect(snapshot.data.length).toBeLessThan(500_000);
    },
  );

  it(
    'drops a viewer that acknowledges output it never read, keeping host memory bounded',
    { timeout: 30_000 },
    async () => {
      const healthy = await connect({ ack: true });
      const reader = await connect({ ack: false });
      const id = await floodingSession(healthy, [healthy, reader]);
      // The probe of issue 8: stop reading from the socket, keep acknowledging blindly.
      reader.ws.pause();
      const acker = setInterval(() => {
        reader.ws.send(
          JSON.stringify({ t: 'req', id: 0, name: 'session.ack', params: { id, chars: 100_000_000 } }),
        );
      }, 20);
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
      try {
        await healthy.request('session.write', { id, data: '\r' });
        await waitFor(
          () => /dropped a viewer/.test(logs.join('\n')),
          'the non-reading viewer is dropped',
          5_000,
        );
        const atDrop = healthy.received;
        await waitFor(
          () => healthy.received > atDrop + 1_000_000,
          'output goes on for the healthy viewer',
          10_000,
        );
      } finally {
        clearInterval(acker);
        clearInterval(sampler);
      }
      // Before the fix the host grew by about 200 MB in 30 s and kept growing.
      expect(rssPeak - rssBefore).toBeLessThan(150 * 1024 * 1024);
    },
  );
});

describe('ViewerWatch bounds (fake socket, fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  function watched() {
    vi.useFakeTimers();
    const ws = { bufferedAmount: 0, terminate: vi.fn() };
    const log: string[] = [];
    const watch = new ViewerWatch(
      ws as unknown as WebSocket,
      (m) => log.push(m),
      () => Date.now(),
    );
    return { ws, watch, log };
  }

  it('drops a socket whose send buffer stays over the soft bound for STUCK_DROP_MS, not before', () => {
    const { ws, watch } = watched();
    ws.bufferedAmount = SOFT_BUFFERED_BYTES + 1;
    vi.advanceTimersByTime(STUCK_DROP_MS - WATCH_INTERVAL_MS);
    expect(ws.terminate).not.toHaveBeenCalled();
    ws.bufferedAmount = 0;
    vi.advanceTimersByTime(WATCH_INTERVAL_MS * 2);
    ws.bufferedAmount = SOFT_BUFFERED_BYTES + 1;
    vi.advanceTimersByTime(STUCK_DROP_MS + WATCH_INTERVAL_MS);
    expect(ws.terminate).toHaveBeenCalledTimes(1);
    watch.dispose();
  });

  it('drops at once past the hard bound, and when acknowledgements run ahead of what was sent', () => {
    const hard = watched();
    hard.ws.bufferedAmount = HARD_BUFFERED_BYTES + 1;
    hard.watch.sent('s1', 10);
    expect(hard.ws.terminate).toHaveBeenCalledTimes(1);
    vi.useRealTimers();

    const over = watched();
    over.watch.sent('s1', 200_000);
    over.watch.acked({ id: 's1', chars: 200_000 + OVER_ACK_CHARS });
    expect(over.ws.terminate).not.toHaveBeenCalled();
    over.watch.acked({ id: 's1', chars: 1 });
    expect(over.ws.terminate).toHaveBeenCalledTimes(1);
    expect(over.log.join('\n')).toMatch(/acknowledged/);
    over.watch.dispose();
  });

  it('keeps a viewer whose unacknowledged output dips under the high watermark in time', () => {
    const { ws, watch } = watched();
    watch.sent('s1', FLOW_HIGH_WATERMARK_CHARS);
    vi.advanceTimersByTime(STUCK_DROP_MS - WATCH_INTERVAL_MS);
    watch.acked({ id: 's1', chars: 50_000 });
    vi.advanceTimersByTime(STUCK_DROP_MS * 2);
    expect(ws.terminate).not.toHaveBeenCalled();
    watch.sent('s1', 50_000);
    vi.advanceTimersByTime(STUCK_DROP_MS + WATCH_INTERVAL_MS);
    expect(ws.terminate).toHaveBeenCalledTimes(1);
    watch.dispose();
  });
});
