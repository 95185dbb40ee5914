import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientSink, Core } from '../../../main/core/app-types.js';
import { startHeadlessServer, type HeadlessServer } from '../../../main/headless/server.js';
import { newAccessToken } from '../../../main/headless/access-token.js';

/** A core that answers `host.info` and echoes requests: this tests the HTTP/WebSocket layer only. */
function echoCore(): Core & { sinks: ClientSink[] } {
  const sinks: ClientSink[] = [];
  return {
    sinks,
    connect(sink) {
      sinks.push(sink);
      return {
        handle: async (name, params) => {
          if (name === 'boom') throw new Error('user-readable failure');
          return { name, params };
        },
        close: () => sinks.splice(sinks.indexOf(sink), 1),
      };
    },
    broadcast: () => {},
    request: async () => null as never,
    snapshot: () => ({}) as never,
    onChange: () => ({ dispose: () => {} }),
    dispose: async () => {},
  };
}

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

function wsOutcome(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', (e) => resolve(`error ${e.message}`));
  });
}

let server: HeadlessServer;
let dir: string;
let core: ReturnType<typeof echoCore>;
const token = newAccessToken();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-renderer-'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Agent Pager</title>');
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  core = echoCore();
  server = await startHeadlessServer({ core, rendererDir: dir, host: '127.0.0.1', port: 0, token });
});

afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('headless host HTTP', () => {
  it('prints a URL on loopback with a 256-bit token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers a missing or wrong token with 401 and nothing else', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    for (const url of [
      `${base}/`,
      `${base}/?token=wrong`,
      `${base}/assets/app.js`,
      `${base}/?token=${token}x`,
    ]) {
      const res = await get(url);
      expect(res.status).toBe(401);
      expect(res.body).toBe('');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves the page with the token, with a CSP, and sets the cookie its assets then use', async () => {
    const res = await get(server.url);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Agent Pager</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = res.headers['set-cookie']![0]!.split(';')[0]!;
    expect(res.headers['set-cookie']![0]).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await get(`http://127.0.0.1:${server.port}/assets/app.js`, { cookie });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const res = await get(server.url, { host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });
});

describe('headless host WebSocket bridge', () => {
  const wsBase = () => `ws://127.0.0.1:${server.port}/bridge`;

  it('refuses the socket without the token (401) or from another origin (403)', async () => {
    expect(await wsOutcome(wsBase())).toBe('401');
    expect(await wsOutcome(`${wsBase()}?token=nope`)).toBe('401');
    expect(await wsOutcome(`${wsBase()}?token=${token}`, { origin: 'http://evil.example' })).toBe('403');
    expect(await wsOutcome(`${wsBase()}?token=${token}`, { origin: `http://127.0.0.1:${server.port}` })).toBe(
      'open',
    );
  });

  it('carries requests, results, errors and events as JSON frames', async () => {
    const ws = new WebSocket(`${wsBase()}?token=${token}`);
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ t: 'req', id: 1, name: 'sessions.list', params: {} }));
    ws.send(JSON.stringify({ t: 'req', id: 2, name: 'boom', params: {} }));
    ws.send('not json');
    const deadline = Date.now() + 3000;
    while (frames.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    core.sinks[0]!.send('ui.newSession', {});
    while (frames.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(frames).toContainEqual({
      t: 'res',
      id: 1,
      ok: true,
      result: { name: 'sessions.list', params: {} },
    });
    expect(frames).toContainEqual({ t: 'res', id: 2, ok: false, error: 'user-readable failure' });
    expect(frames).toContainEqual({ t: 'evt', name: 'ui.newSession', payload: {} });
  });
});
