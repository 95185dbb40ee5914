/**
 * The headless host with many sessions: CPU and resident memory of the host's own Node processes
 * (the PTYs' shells are not counted), with `small` then `large` bash sessions, each idle (at its
 * prompt) and busy (printing a line every 100 ms), no page attached; and the per-session slope
 * between the two counts. CPU is read from `/proc/<pid>/stat` (utime + stime) over a window.
 * Memory is the sum of each process's PSS (`/proc/<pid>/smaps_rollup`): the host and the PTY host
 * are two Node processes of the same executable, whose ~40 MB of shared code pages a sum of VmRSS
 * would count twice; PSS charges each shared page once, split between its sharers. The VmRSS sum
 * is reported beside it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '../contract/bridge.js';
import { startHost, type RunningHost } from '../e2e/support/host.js';
import { connectBridge, type BridgeClient } from './support/bridge-client.js';
import type { Figure } from './support/stats.js';

/** Linux clock ticks per second for `/proc/<pid>/stat` times (USER_HZ, 100 on every Linux we run). */
export const TICKS_PER_SECOND = 100;
const BUSY_LOOP = 'while :; do echo "busy $RANDOM $RANDOM $RANDOM"; sleep 0.1; done\r';

async function descendants(pid: number): Promise<number[]> {
  const children = await fs
    .readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .then((s) => s.trim().split(/\s+/).filter(Boolean).map(Number))
    .catch(() => [] as number[]);
  const all = [...children];
  for (const c of children) all.push(...(await descendants(c)));
  return all;
}

/** The host's Node processes (the host, and a pty host process where there is one). */
export async function hostNodePids(host: RunningHost): Promise<number[]> {
  const pids = await descendants(host.proc.pid!);
  const out: number[] = [];
  for (const pid of pids) {
    // Node names its main thread "MainThread" in `comm`; the executable tells.
    const exe = await fs.readlink(`/proc/${pid}/exe`).catch(() => '');
    if (['node', path.basename(process.execPath)].includes(path.basename(exe))) out.push(pid);
  }
  return out;
}

/** CPU time (user + system) the processes used so far, in clock ticks ({@link TICKS_PER_SECOND}). */
export async function cpuTicks(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return total;
}

/** Sums a field of `/proc/<pid>/smaps_rollup` (`Pss`, `Rss`) over the processes, in MB. */
async function memoryMb(pids: number[], field: 'Pss' | 'Rss'): Promise<number> {
  let kb = 0;
  const pattern = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm');
  for (const pid of pids) {
    const rollup = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    kb += Number(pattern.exec(rollup)?.[1] ?? 0);
  }
  return kb / 1024;
}

interface Sample {
  /** % of one core. */
  cpu: number;
  /** MB, summed PSS. */
  pss: number;
  /** MB, summed RSS (shared pages counted once per process). */
  rss: number;
}

async function sample(host: RunningHost, windowMs: number): Promise<Sample> {
  const pids = await hostNodePids(host);
  const t0 = performance.now();
  const c0 = await cpuTicks(pids);
  await new Promise((r) => setTimeout(r, windowMs));
  const c1 = await cpuTicks(pids);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = ((c1 - c0) / TICKS_PER_SECOND / seconds) * 100;
  return {
    cpu: Math.round(cpu * 10) / 10,
    pss: Math.round(await memoryMb(pids, 'Pss')),
    rss: Math.round(await memoryMb(pids, 'Rss')),
  };
}

async function addSessions(bridge: BridgeClient, cwd: string, count: number, into: string[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const s = await bridge.request<SessionInfo>('session.create', {
      spec: { name: `s${into.length}`, agent: 'shell', command: '', cwd },
      cols: 120,
      rows: 40,
    });
    into.push(s.id);
  }
}

/** Measures `small` and `large` sessions idle and busy, each over `windowMs`. */
export async function scale(small: number, large: number, windowMs: number): Promise<Figure[]> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-bench-scale-'));
  const host = await startHost({ env: { HOME: home, SHELL: '/bin/bash' } });
  const bridge = await connectBridge(host.origin, host.token).catch(async (error: unknown) => {
    await host.stop();
    await fs.rm(home, { recursive: true, force: true });
    throw error;
  });
  const ids: string[] = [];
  const results = new Map<string, Sample>();
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, Math.min(3000, windowMs)));
  try {
    for (const count of [small, large]) {
      await addSessions(bridge, home, count - ids.length, ids);
      await settle();
      results.set(`idle${count}`, await sample(host, windowMs));
      for (const id of ids) await bridge.request('session.write', { id, data: BUSY_LOOP });
      await settle();
      results.set(`busy${count}`, await sample(host, windowMs));
      for (const id of ids) await bridge.request('session.write', { id, data: '\x03' });
    }
  } finally {
    bridge.close();
    await host.stop();
    await fs.rm(home, { recursive: true, force: true });
  }
  const r = (k: string) => results.get(k)!;
  const figures: Figure[] = [];
  for (const state of ['idle', 'busy'] as const) {
    for (const count of [small, large]) {
      const m = r(`${state}${count}`);
      const idleSmall = state === 'idle' && count === small;
      figures.push({
        name: `${count} sessions ${state}: host CPU`,
        unit: '%',
        stat: 'mean',
        value: m.cpu,
        ...(idleSmall ? { target: { op: '<' as const, value: 1 } } : {}),
      });
      figures.push({
        name: `${count} sessions ${state}: host memory (PSS, host + PTY host)`,
        unit: 'MB',
        stat: 'sample',
        value: m.pss,
        ...(idleSmall ? { target: { op: '<' as const, value: 150 } } : {}),
      });
      figures.push({
        name: `${count} sessions ${state}: host RSS summed (shared code counted twice)`,
        unit: 'MB',
        stat: 'sample',
        value: m.rss,
      });
    }
    const span = large - small;
    figures.push({
      name: `Per-session slope, ${state}: memory (PSS)`,
      unit: 'MB/session',
      stat: 'slope',
      value: Math.round(((r(`${state}${large}`).pss - r(`${state}${small}`).pss) / span) * 100) / 100,
    });
    figures.push({
      name: `Per-session slope, ${state}: CPU`,
      unit: '%/session',
      stat: 'slope',
      value: Math.round(((r(`${state}${large}`).cpu - r(`${state}${small}`).cpu) / span) * 100) / 100,
    });
  }
  return figures;
}
