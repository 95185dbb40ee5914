import { afterEach, describe, expect, it } from 'vitest';
import { Session, type SessionLaunch } from '../../../../main/core/sessions/session.js';
import { sessionEnv } from '../../../../main/core/sessions/session-env.js';
import { FLOW_HIGH_WATERMARK_CHARS } from '../../../../main/core/sessions/flow-control.js';
import { OUTPUT_BATCH_MAX_CHARS, OUTPUT_BATCH_MS } from '../../../../main/core/sessions/output-batcher.js';
import { sleep, waitFor } from '../../../support/wait.js';

const live: Session[] = [];

function bash(args: string[] = ['--norc', '--noprofile', '-i'], cols = 80, rows = 24): Session {
  const s = new Session(`t${live.length}`, 'shell', cols, rows);
  live.push(s);
  const launch: SessionLaunch = {
    file: '/bin/bash',
    args,
    cwd: process.cwd(),
    env: { ...sessionEnv(process.env, process.cwd()), PS1: 'READY$ ' },
    cols,
    rows,
  };
  s.start(launch);
  return s;
}

const screen = (s: Session) => s.screen.plainText();

afterEach(async () => {
  await Promise.all(live.splice(0).map((s) => s.dispose()));
});

describe('Session with a real bash in node-pty', () => {
  it('echoes typed input and shows command output on the screen model', async () => {
    const s = bash();
    await waitFor(() => screen(s).includes('READY$'), 'prompt');
    s.write('echo "sum=$((40+2))"\r');
    await waitFor(() => screen(s).includes('sum=42'), 'output of echo');
    expect(screen(s)).toContain('echo "sum=$((40+2))"');
  });

  it('resizes the PTY: stty size inside sees the new rows and cols', async () => {
    const s = bash();
    await waitFor(() => screen(s).includes('READY$'), 'prompt');
    s.resize(100, 30);
    s.write('stty size\r');
    await waitFor(() => screen(s).includes('30 100'), 'stty size 30 100');
    expect(s.screen.cols).toBe(100);
  });

  it('reports exit codes and signals', async () => {
    const s = bash(['-c', 'exit 7']);
    const exit = await new Promise((r) => s.on('exit', r));
    expect(exit).toEqual({ code: 7, signal: null });
    expect(s.running).toBe(false);

    const k = bash(['-c', 'sleep 30']);
    await sleep(100);
    await k.kill();
    expect(k.exit).toEqual({ code: null, signal: 'SIGHUP' });
  });

  it('escalates to SIGKILL when SIGHUP is ignored, and reaps the process', async () => {
    const s = bash(['-c', 'trap "" HUP; echo armed; sleep 30']);
    await waitFor(() => screen(s).includes('armed'), 'trap armed');
    const pid = s.pid!;
    const t0 = Date.now();
    await s.kill(300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(s.exit?.signal).toBe('SIGKILL');
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('never splits a multi-byte character across reads', async () => {
    // "€" is E2 82 AC; the first two bytes arrive 200 ms before the last.
    const s = bash(['-c', `printf 'A\\xe2\\x82'; sleep 0.2; printf '\\xac B\\n'`]);
    const chunks: string[] = [];
    const view = s.attach((d) => chunks.push(d));
    await new Promise((r) => s.on('exit', r));
    await s.screen.flush();
    view.detach();
    const all = chunks.join('');
    expect(all).toContain('A€ B');
    expect(all).not.toContain('\ufffd');
    expect(screen(s)).toContain('A€ B');
  });

  it('restores screen and scrollback for a view that attaches later', async () => {
    const s = bash();
    await waitFor(() => screen(s).includes('READY$'), 'prompt');
    s.write('for i in $(seq 1 60); do echo line-$i; done\r');
    await waitFor(() => screen(s).includes('line-60'), 'last line');
    const view = s.attach(() => {});
    const snap = await view.snapshot;
    view.detach();
    expect(snap.data).toContain('line-1\r\n');
    expect(snap.data).toContain('line-60');
    expect(snap.cols).toBe(80);
  });

  it('sends a keystroke echo on its own, and a flood in batches no more often than every OUTPUT_BATCH_MS', async () => {
    const s = bash();
    await waitFor(() => screen(s).includes('READY$'), 'prompt');
    await sleep(50);
    const batches: { data: string; at: number }[] = [];
    const view = s.attach((d) => {
      batches.push({ data: d, at: performance.now() });
      setImmediate(() => view.ack(d.length));
    });
    s.write('x');
    await waitFor(() => batches.length > 0, 'the echo');
    expect(batches[0]!.data).toBe('x');
    s.write('\x15yes\r');
    await sleep(1000);
    const flood = batches.filter((b) => b.data.includes('y\r\ny'));
    const span = flood.at(-1)!.at - flood[0]!.at;
    // Never more often than once per interval (plus one leading batch), whatever the read size.
    expect(flood.length).toBeLessThanOrEqual(span / OUTPUT_BATCH_MS + 2);
    s.write('\x03');
    view.detach();
  });

  it('pauses the PTY under a flood when a view stops acknowledging, and bounds what is in flight', async () => {
    const s = bash(['-c', 'yes']);
    let received = 0;
    const view = s.attach((d) => (received += d.length));
    await waitFor(() => s.paused, 'flow control to pause the PTY', 5000);
    const atPause = received;
    await sleep(500);
    // Paused: at most one more batch arrives after the high watermark was crossed.
    expect(received).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK_CHARS + 2 * OUTPUT_BATCH_MAX_CHARS);
    expect(received - atPause).toBeLessThanOrEqual(2 * OUTPUT_BATCH_MAX_CHARS);
    view.ack(received);
    await waitFor(() => received > atPause + 10_000, 'output to resume after the ack', 5000);
    view.detach();
  });

  it('keeps memory bounded under `yes` with an acknowledging view, and Ctrl-C recovers within a second', async () => {
    const s = bash();
    await waitFor(() => screen(s).includes('READY$'), 'prompt');
    let received = 0;
    const view = s.attach((d) => {
      received += d.length;
      // A fast view: acknowledges on the next tick, like xterm's write callback.
      setImmediate(() => view.ack(d.length));
    });
    s.write('yes\r');
    const rss0 = process.memoryUsage().rss;
    let maxBacklog = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < 2000) {
      maxBacklog = Math.max(maxBacklog, s.screen.backlog);
      await sleep(20);
    }
    expect(received).toBeGreaterThan(500_000);
    expect(maxBacklog).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK_CHARS + 2 * OUTPUT_BATCH_MAX_CHARS);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
    const tC = Date.now();
    s.write('\x03');
    s.write('echo after-flood\r');
    await waitFor(
      () => screen(s).includes('after-flood\nREADY$') || /^after-flood$/m.test(screen(s)),
      'prompt back',
      3000,
    );
    expect(Date.now() - tC).toBeLessThan(1000);
    view.detach();
  });
});
