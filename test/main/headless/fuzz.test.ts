/**
 * Fuzz of the real headless host process (`dist/headless/cli.js`, built by `npm test`) with a fixed
 * seed: 5,000 random HTTP request lines and upgrade attempts from an unauthenticated client, and
 * 5,000 random WebSocket frames from an authenticated one, around a real session running `cat`.
 * The process must never exit, keep answering within a bound, and keep its memory under a bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  BridgeTestClient,
  rssOf,
  startHostProcess,
  type HostProcess,
} from '../../support/headless-process.js';
import { bridgeProtocols } from '../../../contract/ws-auth.js';
import { requestNames } from '../../../contract/bridge.js';

const SEED = 0x8badf00d;
/** Resident memory the host may reach during the fuzz, in bytes (it idles near 100 MB). */
const RSS_BOUND = 400 * 1024 * 1024;
/** Longest a `host.info` round trip may take between bursts, in ms. */
const LATENCY_BOUND_MS = 2000;

/** mulberry32: a small seeded PRNG (public domain), so every run sends the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const ALPHABET = [
  'a',
  'Z',
  '0',
  '/',
  '%',
  '%E0%A4%A',
  '[',
  ']',
  ':',
  '?',
  '#',
  ' ',
  '\t',
  '"',
  '\\',
  '\u0000',
  '\u001b',
  'é',
  '😀',
  '\r',
  '\n',
  '..',
  '{',
  '}',
];
const randText = (max: number) => Array.from({ length: int(max) }, () => pick(ALPHABET)).join('');

function randJson(depth = 0): unknown {
  switch (int(depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 100_000_000, 100_000_001]);
    case 3:
      return randText(40);
    case 4:
      return 'x'.repeat(int(5000));
    case 5:
      return Array.from({ length: int(5) }, () => randJson(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(6); i > 0; i--)
        o[
          pick([
            'id',
            'data',
            'cols',
            'rows',
            'chars',
            'spec',
            'patch',
            'token',
            '__proto__',
            'constructor',
            randText(8),
          ])
        ] = randJson(depth + 1);
      return o;
    }
  }
}

let host: HostProcess;
let dataDir: string;
let url: URL;
let token: string;
let rssPeak = 0;
let sampler: NodeJS.Timeout;
const exited = () => host.exited();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ap-fuzz-'));
  host = await startHostProcess(dataDir);
  url = host.url;
  token = host.token;
  sampler = setInterval(() => {
    if (exited() === null) rssPeak = Math.max(rssPeak, rssOf(host.proc.pid!));
  }, 100);
}, 30_000);

afterAll(async () => {
  clearInterval(sampler);
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes on a fresh connection; resolves once the server answers or closes (2 s at most). */
function rawRequest(bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect(Number(url.port), '127.0.0.1');
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve();
    };
    const timer = setTimeout(done, 2000);
    s.on('data', done);
    s.on('close', done);
    s.on('error', done);
    s.write(bytes, 'latin1');
  });
}

function randomRequestLine(): string {
  const host = pick([
    url.host,
    'evil.example',
    `localhost:${url.port}`,
    '',
    '[',
    `${url.host}:99`,
    randText(10),
  ]);
  const target = pick([
    '/',
    '/bridge',
    'http://[',
    '//[',
    '/%E0%A4%A',
    `/?token=${token}`,
    '*',
    'http://127.0.0.1/',
    `/${randText(60)}`,
    '/assets/../../etc/passwd',
    '/' + 'a'.repeat(int(20000)),
  ]);
  const method = pick(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'G\u0000T', randText(6)]);
  const headers = [`Host: ${host}`];
  if (rand() < 0.5)
    headers.push(
      `Cookie: ${pick(['agent_pager_token=%E0%A4%A', `agent_pager_token=${token}`, randText(50), '=;=;;', 'a=' + '%'.repeat(100)])}`,
    );
  if (rand() < 0.5) {
    headers.push(
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    );
    if (rand() < 0.5)
      headers.push(
        `Sec-WebSocket-Protocol: ${pick([bridgeProtocols('nope').join(', '), 'agent-pager.token.', randText(30), ',,,,'])}`,
      );
    if (rand() < 0.5)
      headers.push(
        `Origin: ${pick(['null', 'http://evil.example', `http://${url.host}`, randText(20), 'http://['])}`,
      );
  }
  if (rand() < 0.2) headers.push(`${randText(10)}: ${randText(30)}`);
  if (rand() < 0.1) return randText(200) + '\r\n\r\n';
  return `${method} ${target} HTTP/1.${int(2)}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`;
}

function randomFrame(sessionId: string): string | Buffer {
  const id = int(10) === 0 ? randJson() : int(1_000_000);
  switch (int(12)) {
    case 0:
      return randText(100);
    case 1:
      return Buffer.from(randText(20));
    case 2:
      return '['.repeat(33 + int(50_000));
    case 3:
      return JSON.stringify(randJson());
    case 4:
      return JSON.stringify({ t: 'req', id, name: randText(80), params: randJson() });
    case 5:
      return JSON.stringify({ t: 'req', id, name: pick(requestNames) });
    case 6: {
      const name = pick([
        'session.write',
        'session.resize',
        'session.ack',
        'session.attach',
        'session.detach',
      ] as const);
      const params = {
        id: rand() < 0.8 ? sessionId : randText(70),
        data: randText(200),
        cols: pick([0, 1, 80, 1001, -5, 2.5]),
        rows: pick([0, 24, 501]),
        chars: pick([-1, 0, 5000, 1e9, 0.5]),
      };
      return JSON.stringify({ t: 'req', id, name, params });
    }
    default: {
      const name = pick(requestNames.filter((n) => n !== 'session.create' && n !== 'phone.setToken'));
      return JSON.stringify({ t: 'req', id, name, params: randJson() });
    }
  }
}

/**
 * Whether the host closes the socket for `frame`, by the rules in main/headless/ws-bridge.ts:
 * binary, invalid JSON, or a non-request with no usable id. Everything else gets an answer.
 */
function closesSocket(frame: string | Buffer): boolean {
  if (typeof frame !== 'string') return true;
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return true;
  }
  const f = json as { t?: unknown; id?: unknown; name?: unknown } | null;
  const idOk = typeof f?.id === 'number' && Number.isSafeInteger(f.id) && f.id >= 0;
  return !idOk;
}

describe('headless host fuzz (fixed seed)', () => {
  it(
    'survives 5,000 random request lines and 5,000 random frames with bounded memory and latency',
    { timeout: 120_000 },
    async () => {
      // Unauthenticated: request lines and upgrade attempts, 25 connections at a time.
      for (let i = 0; i < 5000; i += 25) {
        await Promise.all(Array.from({ length: 25 }, () => rawRequest(randomRequestLine())));
        expect(exited()).toBeNull();
      }

      // Authenticated: one real session (cat echoes, runs nothing), then random frames.
      const client = new BridgeTestClient(host);
      await client.open();
      const created = await client.request('session.create', {
        spec: { agent: 'custom', command: 'cat', cwd: dataDir },
        cols: 80,
        rows: 24,
      });
      expect(created.ok).toBe(true);
      const sessionId = (created.result as { id: string }).id;
      let slowest = 0;
      let expectedCloses = 0;
      for (let i = 0; i < 5000; i++) {
        const frame = randomFrame(sessionId);
        await client.send(frame);
        if (closesSocket(frame)) {
          // Wait for the close, so the next frames reach a live socket instead of a closing one.
          expectedCloses++;
          const ws = client.ws;
          if (ws.readyState !== WebSocket.CLOSED) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`frame ${i} did not close the socket`)), 2000);
              ws.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
        }
        if (i % 100 === 99) {
          const started = performance.now();
          const info = await client.request('host.info', {}, LATENCY_BOUND_MS);
          slowest = Math.max(slowest, performance.now() - started);
          expect(info.ok).toBe(true);
          expect(exited()).toBeNull();
        }
      }
      expect(exited()).toBeNull();
      expect(client.closes).toBe(expectedCloses);
      expect(slowest).toBeLessThan(LATENCY_BOUND_MS);
      expect(rssPeak).toBeGreaterThan(0);
      expect(rssPeak).toBeLessThan(RSS_BOUND);
      // Still serving: the session answers, the page loads.
      const list = await client.request('sessions.list', {});
      expect((list.result as { id: string }[]).map((s) => s.id)).toContain(sessionId);
      const page = await new Promise<number>((resolve, reject) =>
        http.get(`${url.origin}/`, (res) => resolve(res.resume().statusCode!)).on('error', reject),
      );
      expect(page).toBe(200);
      client.ws.close();
      console.log(
        `fuzz: host RSS peak ${(rssPeak / 1048576).toFixed(0)} MB, slowest host.info ${slowest.toFixed(0)} ms, ${client.closes} sockets closed by the host`,
      );
    },
  );
});
