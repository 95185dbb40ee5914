/**
 * Soak of the real headless host process (`npm run test:soak`, not part of `npm test`):
 * a minute of flood output watched by a healthy tab, a tab that never acknowledges and a tab that
 * acknowledges without reading (both reconnecting whenever dropped, as a browser does), then
 * 300 sessions created and removed. The host must keep serving the healthy tab, keep its memory
 * under a bound, and leave no process or file descriptor behind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../contract/bridge.js';
import {
  BridgeTestClient,
  fdCount,
  rssOf,
  startHostProcess,
  type HostProcess,
} from '../test/support/headless-process.js';

/** Resident memory the host may reach, in bytes (it idles near 100 MB; a leak of 2 MB/s passes it in 2 min). */
const RSS_BOUND = 350 * 1024 * 1024;
/** Longest the healthy tab may go without output while the flood runs, in ms (the drop takes 3 s). */
const MAX_GAP_MS = 6000;
const FLOOD_MS = Number(process.env.SOAK_FLOOD_MS ?? 60_000);

let host: HostProcess;
let dir: string;
let rssPeak = 0;
let sampler: NodeJS.Timeout;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ap-soak-'));
  host = await startHostProcess(dir);
  sampler = setInterval(() => {
    if (host.exited() === null) rssPeak = Math.max(rssPeak, rssOf(host.proc.pid!));
  }, 200);
});

afterAll(async () => {
  clearInterval(sampler);
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('headless host soak', () => {
  it('serves a healthy tab through a minute of flood while two bad tabs keep coming back', async () => {
    let healthyChars = 0;
    let lastHealthy = Date.now();
    let maxGap = 0;
    const healthy = new BridgeTestClient(host, (c, id, data) => {
      healthyChars += data.length;
      maxGap = Math.max(maxGap, Date.now() - lastHealthy);
      lastHealthy = Date.now();
      void c.send(
        JSON.stringify({ t: 'req', id: 0, name: 'session.ack', params: { id, chars: data.length } }),
      );
    });
    await healthy.open();
    const created = await healthy.request('session.create', {
      spec: { agent: 'custom', cwd: dir, command: 'bash --norc --noprofile -c "read; yes 0123456789abcdef"' },
      cols: 80,
      rows: 24,
    });
    const id = (created.result as SessionInfo).id;
    await healthy.request('session.attach', { id });

    const stuck = new BridgeTestClient(host);
    const reader = new BridgeTestClient(host);
    let stop = false;
    /**
     * A tab that re-attaches after every drop; `mode` is how it misbehaves once attached. The
     * non-reading one acknowledges what the healthy tab received since it attached (the same
     * stream), so it never over-acknowledges and only its send buffer gives it away.
     */
    const misbehave = async (client: BridgeTestClient, mode: 'no-ack' | 'ack-without-reading') => {
      while (!stop) {
        await client.request('session.attach', { id }, 10_000).catch(() => undefined);
        const ws = client.ws;
        let acked = healthyChars;
        if (mode === 'ack-without-reading') ws.pause();
        while (!stop && ws.readyState === ws.OPEN) {
          if (mode === 'ack-without-reading' && healthyChars > acked) {
            const chars = healthyChars - acked;
            acked = healthyChars;
            ws.send(JSON.stringify({ t: 'req', id: 0, name: 'session.ack', params: { id, chars } }));
          }
          await sleep(50);
        }
        ws.terminate();
      }
    };
    const bad = [misbehave(stuck, 'no-ack'), misbehave(reader, 'ack-without-reading')];

    await healthy.request('session.write', { id, data: '\r' });
    lastHealthy = Date.now();
    let slowest = 0;
    const end = Date.now() + FLOOD_MS;
    while (Date.now() < end) {
      const started = performance.now();
      expect((await healthy.request('host.info', {}, 5000)).ok).toBe(true);
      slowest = Math.max(slowest, performance.now() - started);
      expect(host.exited()).toBeNull();
      await sleep(1000);
    }
    stop = true;
    await Promise.all(bad);
    await healthy.request('session.remove', { id }, 10_000);
    const healthyDrops = healthy.closes;
    healthy.close();

    console.log(
      `soak flood: healthy tab got ${(healthyChars / 1e6).toFixed(0)} M chars, longest gap ${maxGap} ms, ` +
        `bad tabs dropped ${stuck.closes + reader.closes} times, host RSS peak ${(rssPeak / 1048576).toFixed(0)} MB, ` +
        `slowest host.info ${slowest.toFixed(0)} ms`,
    );
    expect(healthyDrops, `the healthy tab was dropped; host log:\n${host.stderr()}`).toBe(0);
    expect(stuck.closes).toBeGreaterThan(3);
    expect(reader.closes).toBeGreaterThan(3);
    expect(healthyChars).toBeGreaterThan(10_000_000);
    expect(maxGap).toBeLessThan(MAX_GAP_MS);
    expect(rssPeak).toBeLessThan(RSS_BOUND);
  });

  it('creates and removes 300 sessions and leaves no process or file descriptor behind', async () => {
    const client = new BridgeTestClient(host);
    await client.open();
    const pid = host.proc.pid!;
    const fdsBefore = fdCount(pid);
    for (let i = 0; i < 300; i++) {
      const created = await client.request('session.create', {
        spec: { agent: 'custom', cwd: dir, command: 'cat' },
        cols: 80,
        rows: 24,
      });
      const id = (created.result as SessionInfo).id;
      await client.request('session.attach', { id });
      await client.request('session.write', { id, data: `line ${i}\r` });
      await client.request('session.remove', { id }, 10_000);
    }
    expect((await client.request('sessions.list', {})).result).toEqual([]);
    client.close();
    await sleep(500);
    const fdsAfter = fdCount(pid);
    console.log(
      `soak churn: fds ${fdsBefore} → ${fdsAfter}, host RSS peak ${(rssPeak / 1048576).toFixed(0)} MB`,
    );
    expect(childrenOf(pid)).toEqual([]);
    expect(fdsAfter).toBeLessThanOrEqual(fdsBefore + 5);
    expect(rssPeak).toBeLessThan(RSS_BOUND);
    expect(host.exited()).toBeNull();
  });
});
