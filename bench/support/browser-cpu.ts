/**
 * CPU time of the Chromium the benchmarks drive: every process (browser, renderers, GPU, network
 * service) that descends from this Node process and runs the Chromium executable, read from
 * `/proc/<pid>/stat` (utime + stime). A process that exits between two readings loses its time,
 * so read around work that opens and closes no page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM_PATH } from '../../e2e/support/browser.js';
import { cpuTicks, TICKS_PER_SECOND } from '../scale.js';

async function children(pid: number): Promise<number[]> {
  const text = await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

/** The pids of the Chromium processes under `root` (this process by default). */
export async function chromiumPids(root = process.pid): Promise<number[]> {
  // Debian's /usr/bin/chromium is a wrapper script; the processes run the binary it starts.
  const names = new Set([path.basename(CHROMIUM_PATH), 'chromium', 'chrome', 'headless_shell']);
  const out: number[] = [];
  const walk = async (pid: number): Promise<void> => {
    for (const c of await children(pid)) {
      const exe = await fs.readlink(`/proc/${c}/exe`).catch(() => '');
      if (names.has(path.basename(exe))) out.push(c);
      await walk(c);
    }
  };
  await walk(root);
  return out;
}

/** CPU seconds the Chromium processes used so far (a reading to subtract from a later one). */
export async function chromiumCpuSeconds(): Promise<number> {
  return (await cpuTicks(await chromiumPids())) / TICKS_PER_SECOND;
}
