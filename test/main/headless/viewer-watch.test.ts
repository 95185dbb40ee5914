/**
 * A browser tab that does not keep up must not stall or bloat the host (issue 8, item 8): with a
 * real core, a real flooding PTY and real WebSocket clients, a viewer that never acknowledges,
 * or acknowledges without reading, is dropped, and a healthy viewer keeps receiving output.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../main/core/app.js';
import type { Core } from '../../../main/core/app-types.js';
import { startHeadlessServer, type HeadlessServer } from '../../../main/headless/server.js';
import { newAccessToken } from '../../../main/headless/access-token.js';
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
    'drops a viewer that acknowledges everything but never reads, keeping host memory bounded',
    { timeout: 30_000 },
    async () => {
      const healthy = await connect({ ack: true });
      const reader = await connect({ ack: false });
      const id = await floodingSession(healthy, [healthy, reader]);
      // Stop reading from the socket but keep acknowledging as if everything was written.
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
          15_000,
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
