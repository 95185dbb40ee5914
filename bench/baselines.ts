/**
 * Baselines measured in the same run as the figures they put in context:
 * - raw node-pty read rate: `seq 1 N` in a bare node-pty PTY, chars/s read with nothing else;
 * - `@xterm/headless` parse rate: the same text written into the headless terminal the host uses
 *   as its screen model, chars/s;
 * - the host's own rate: the same `seq` through a {@link Session} (decode, batching, screen model,
 *   flow control) with a view that acknowledges on the next tick.
 */
import * as pty from 'node-pty';
import xtermHeadless from '@xterm/headless';
import { Session } from '../main/core/sessions/session.js';
import { sessionEnv } from '../main/core/sessions/session-env.js';
import type { Figure } from './support/stats.js';

const { Terminal } = xtermHeadless;

function seqText(lines: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= lines; i++) parts.push(String(i));
  return parts.join('\r\n') + '\r\n';
}

async function rawPtyRate(lines: number): Promise<number> {
  const proc = pty.spawn('seq', ['1', String(lines)], {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: process.cwd(),
    env: sessionEnv(process.env, process.cwd()),
    encoding: null,
  });
  let bytes = 0;
  const t0 = performance.now();
  proc.onData((d: string | Buffer) => (bytes += d.length));
  await new Promise<void>((resolve) => proc.onExit(() => resolve()));
  return bytes / ((performance.now() - t0) / 1000);
}

async function headlessRate(lines: number): Promise<number> {
  const term = new Terminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true });
  const data = seqText(lines);
  const t0 = performance.now();
  await new Promise<void>((resolve) => term.write(data, resolve));
  const rate = data.length / ((performance.now() - t0) / 1000);
  term.dispose();
  return rate;
}

async function sessionRate(lines: number): Promise<number> {
  const s = new Session('bench', 'shell', 120, 40);
  s.start({
    file: 'seq',
    args: ['1', String(lines)],
    cwd: process.cwd(),
    env: sessionEnv(process.env, process.cwd()),
    cols: 120,
    rows: 40,
  });
  let chars = 0;
  const t0 = performance.now();
  const view = s.attach((d) => {
    chars += d.length;
    setImmediate(() => view.ack(d.length));
  });
  await new Promise<void>((resolve) => s.on('exit', () => resolve()));
  await s.screen.flush();
  const rate = chars / ((performance.now() - t0) / 1000);
  view.detach();
  await s.dispose();
  return rate;
}

/** The three rates for `seq 1 lines`, chars/s. */
export async function baselines(lines: number): Promise<Figure[]> {
  const raw = await rawPtyRate(lines);
  const headless = await headlessRate(lines);
  const session = await sessionRate(lines);
  return [
    { name: 'Raw node-pty read rate (seq)', unit: 'chars/s', stat: 'rate', value: Math.round(raw) },
    { name: '@xterm/headless parse rate (seq)', unit: 'chars/s', stat: 'rate', value: Math.round(headless) },
    {
      name: 'Session rate: PTY → decode → batch → screen model → acking view (seq)',
      unit: 'chars/s',
      stat: 'rate',
      value: Math.round(session),
      baseline: { name: 'raw node-pty read rate', value: Math.round(raw) },
    },
  ];
}
