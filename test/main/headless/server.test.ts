import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientSink, Core } from '../../../main/core/app-types.js';
import { startHeadlessServer, type HeadlessServer } from '../../../main/headless/server.js';
import { newAccessToken } from '../../../main/headless/access-token.js';
import { bridgeProtocols } from '../../../contract/ws-auth.js';

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
    quitPlan: () => ({ running: 0, onQuit: 'ask' }),
    ptyHostPid: () => 0,
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

function wsOutcome(url: string, headers: Record<string, string> = {}, protocols?: string[]): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', (e) => resolve(`error ${e.message}`));
  });
}

/** Sends `request` as raw bytes and resolves with everything the server answers before closing (3 s at most). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 3000);
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', () => undefined);
    socket.write(request);
  });
}

/** The status code of a raw HTTP answer, or the whole answer when it has none. */
const statusOf = (answer: string) =>
  /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? `no status: ${JSON.stringify(answer)}`;

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

const upgradeHeaders = (host: string) =>
  `Host: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`;

describe('headless host HTTP', () => {
  const base = () => `http://127.0.0.1:${server.port}`;

  it('prints a URL on loopback with a 256-bit token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page and its assets (no secrets in them) with a CSP, and sets no cookie', async () => {
    for (const url of [server.url, `${base()}/`, `${base()}/?token=wrong`]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<title>Agent Pager</title>');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const asset = await get(`${base()}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('tells a browser holding the old token cookie to forget it', async () => {
    const res = await get(`${base()}/`, { cookie: `agent_pager_token=${token}` });
    expect(res.headers['set-cookie']![0]).toMatch(/^agent_pager_token=; Max-Age=0/);
  });

  it('refuses a foreign Host header (DNS rebinding) with 421', async () => {
    const res = await get(server.url, { host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });

  it('answers hostile request lines, paths and cookies with 4xx and keeps running', async () => {
    const host = `127.0.0.1:${server.port}`;
    // The probe of issue 8: an absolute-form target that is not a URL threw from new URL() and killed the host.
    expect(
      statusOf(await raw(server.port, `GET http://[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)),
    ).toMatch(/^4/);
    expect(
      statusOf(await raw(server.port, `GET //[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)),
    ).toMatch(/^[24]/);
    expect(
      statusOf(
        await raw(server.port, `GET /%E0%A4%A HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      ),
    ).toMatch(/^4/);
    expect(
      statusOf(
        await raw(
          server.port,
          `GET / HTTP/1.1\r\nHost: ${host}\r\nCookie: agent_pager_token=%E0%A4%A\r\nConnection: close\r\n\r\n`,
        ),
      ),
    ).toMatch(/^[24]/);
    expect(statusOf(await raw(server.port, `GARBAGE\r\n\r\n`))).toBe('400');
    expect(statusOf(await raw(server.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nX: \u0001\r\n\r\n`))).toBe(
      '400',
    );
    // Same on the /bridge upgrade.
    expect(statusOf(await raw(server.port, `GET http://[ HTTP/1.1\r\n${upgradeHeaders(host)}\r\n`))).toMatch(
      /^4/,
    );
    expect(
      statusOf(
        await raw(
          server.port,
          `GET /bridge HTTP/1.1\r\n${upgradeHeaders(host)}Cookie: agent_pager_token=%E0%A4%A\r\nConnection: close\r\n\r\n`,
        ),
      ),
    ).toBe('401');
    expect(
      statusOf(await raw(server.port, `GET /bridge HTTP/1.1\r\n${upgradeHeaders(host)}Origin: null\r\n\r\n`)),
    ).toBe('403');
    expect((await get(`${base()}/`)).status).toBe(200);
  });
});

describe('headless host WebSocket bridge', () => {
  const wsBase = () => `ws://127.0.0.1:${server.port}/bridge`;
  const own = () => `http://127.0.0.1:${server.port}`;

  it('opens only with the token as a subprotocol, from the page origin or no origin', async () => {
    expect(await wsOutcome(wsBase(), { origin: own() }, bridgeProtocols(token))).toBe('open');
    expect(await wsOutcome(wsBase(), {}, bridgeProtocols(token))).toBe('open');
    expect(await wsOutcome(wsBase())).toBe('401');
    expect(await wsOutcome(wsBase(), {}, bridgeProtocols('nope'))).toBe('401');
  });

  it('does not take the token from the query string or a cookie (another local server could have read them)', async () => {
    expect(await wsOutcome(`${wsBase()}?token=${token}`)).toBe('401');
    expect(await wsOutcome(wsBase(), { cookie: `agent_pager_token=${token}` })).toBe('401');
  });

  it('refuses another origin (403) even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      'null',
      `https://127.0.0.1:${server.port}`,
    ]) {
      expect(await wsOutcome(wsBase(), { origin }, bridgeProtocols(token))).toBe('403');
    }
  });

  it('selects the bridge protocol and never echoes the token', async () => {
    const ws = new WebSocket(wsBase(), bridgeProtocols(token));
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe('agent-pager.v1');
    ws.close();
  });

  it('carries requests, results, errors and events as JSON frames', async () => {
    const ws = new WebSocket(wsBase(), bridgeProtocols(token));
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ t: 'req', id: 1, name: 'sessions.list', params: {} }));
    ws.send(JSON.stringify({ t: 'req', id: 2, name: 'boom', params: {} }));
    // Issue 8 item 10: a request without params used to get no reply at all.
    ws.send(JSON.stringify({ t: 'req', id: 3, name: 'host.info' }));
    ws.send(JSON.stringify({ t: 'nope', id: 4 }));
    const deadline = Date.now() + 3000;
    while (frames.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    core.sinks.at(-1)!.send('ui.newSession', {});
    while (frames.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(frames).toContainEqual({
      t: 'res',
      id: 1,
      ok: true,
      result: { name: 'sessions.list', params: {} },
    });
    expect(frames).toContainEqual({ t: 'res', id: 2, ok: false, error: 'user-readable failure' });
    expect(frames).toContainEqual({ t: 'res', id: 3, ok: true, result: { name: 'host.info', params: {} } });
    expect(frames).toContainEqual({ t: 'res', id: 4, ok: false, error: 'not a request frame' });
    expect(frames).toContainEqual({ t: 'evt', name: 'ui.newSession', payload: {} });
  });

  it('closes a socket that sends garbage, a deep nest or an oversized frame, without stalling the host', async () => {
    const closeCode = async (payload: string | Buffer) => {
      const ws = new WebSocket(wsBase(), bridgeProtocols(token));
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.on('error', () => undefined);
      ws.send(payload);
      return closed;
    };
    expect(await closeCode('not json')).toBe(1007);
    expect(await closeCode(Buffer.from([1, 2, 3]))).toBe(1003);
    const started = performance.now();
    // A 2 MB nested array blocked the event loop for 0.7 s under the old 4 MB cap.
    expect(await closeCode('['.repeat(500_000) + ']'.repeat(500_000))).toBe(1007);
    expect(await closeCode('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toBe(1009);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
