/**
 * The host's own output path and prompt detection, in process:
 * - flood: chars/s a real PTY running `yes` delivers through decode, batching, the screen model
 *   and an acknowledging view; peak unacknowledged chars; Ctrl-C → prompt on the screen model, ms;
 * - detect: ms per prompt-detection pass over a 120×40 Claude Code permission screen.
 */
import { Session } from '../main/core/sessions/session.js';
import { sessionEnv } from '../main/core/sessions/session-env.js';
import { detectPrompt } from '../main/core/prompts/detect.js';
import { ScreenModel } from '../main/core/sessions/screen-model.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Floods a bash session with `yes` for `seconds`, then Ctrl-C. */
export async function flood(seconds: number) {
  const s = new Session('bench', 'shell', 120, 40);
  s.start({
    file: '/bin/bash',
    args: ['--norc', '--noprofile', '-i'],
    cwd: process.cwd(),
    env: { ...sessionEnv(process.env, process.cwd()), PS1: 'READY$ ' },
    cols: 120,
    rows: 40,
  });
  while (!s.screen.plainText().includes('READY$')) await sleep(20);
  let received = 0;
  let peakBacklog = 0;
  const view = s.attach((d) => {
    received += d.length;
    setImmediate(() => view.ack(d.length));
  });
  s.write('yes\r');
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    peakBacklog = Math.max(peakBacklog, s.screen.backlog);
    await sleep(10);
  }
  const elapsed = (Date.now() - t0) / 1000;
  const tC = Date.now();
  s.write('\x03');
  s.write('echo bench-done\r');
  while (!/^bench-done$/m.test(s.screen.plainText())) await sleep(5);
  const ctrlCMs = Date.now() - tC;
  view.detach();
  await s.dispose();
  return {
    charsPerSecond: Math.round(received / elapsed),
    peakScreenBacklogChars: peakBacklog,
    ctrlCToPromptMs: ctrlCMs,
  };
}

/** Runs prompt detection `iterations` times over a permission screen. */
export async function detect(iterations: number) {
  const model = new ScreenModel({ cols: 120, rows: 40 });
  const screen = [
    '● Bash(echo hello > out.txt)',
    '  ⎿  Waiting…',
    '─'.repeat(120),
    ' Bash command',
    '',
    '   echo hello > out.txt',
    '   Write hello to out.txt',
    '',
    ' Do you want to proceed?',
    ' ❯ 1. Yes',
    '   2. Yes, and always allow access to work/ from this project',
    '   3. No',
    '',
    ' Esc to cancel · Tab to amend · ctrl+e to explain',
  ].join('\r\n');
  model.write(screen);
  await model.flush();
  const text = model.text();
  const ctx = { agent: 'claude' as const, quietMs: 0, idleThresholdMs: 3000 };
  const t0 = performance.now();
  let found = 0;
  for (let i = 0; i < iterations; i++) if (detectPrompt(text, ctx)) found++;
  const ms = performance.now() - t0;
  model.dispose();
  return { msPerPass: +(ms / iterations).toFixed(4), detected: found === iterations };
}
