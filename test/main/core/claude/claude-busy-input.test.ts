/**
 * What the real Claude Code CLI (2.1.197) does with text typed and submitted while it is busy —
 * the fact behind the chat's queue (`main/core/telegram/progress.ts`): it accepts the texts, but
 * sends them together as the user message of one next turn, not as one turn each. So the phone
 * holds text for a busy session and types one text per turn itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAnthropicApi, type MessagesRequest } from '../../../fakes/anthropic-api.js';
import { CLAUDE_BIN, makeClaudeEnv } from '../../../support/claude-env.js';
import { spawnScreen, type PtyScreen } from '../../../support/pty-screen.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Text of the last user message of a request (what was typed). */
function userText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

/**
 * Types `text`, and presses Enter once it shows in the input box, as a person would: keys that
 * arrive too close together (a slow moment under load) are taken for a paste, Enter included.
 */
async function submit(p: PtyScreen, text: string): Promise<void> {
  p.write(text);
  await p.waitForScreen((s) => s.lines.some((l) => l.includes(text)), 10_000);
  await sleep(150);
  p.write('\r');
  await sleep(300);
}

describe('real Claude Code CLI: text submitted while busy', () => {
  it('is accepted, but the texts go out together in one next turn', { timeout: 90_000 }, async () => {
    const api = new FakeAnthropicApi({ turnDelayMs: 5000 });
    const server = await api.start();
    cleanups.push(server.close);
    const env = await makeClaudeEnv({ baseUrl: server.url });
    cleanups.push(env.cleanup);
    const p = spawnScreen({ file: CLAUDE_BIN, args: [], cwd: env.cwd, env: env.env });
    cleanups.push(() => p.kill(['\x03', '\x03']));
    await p.waitForScreen((s) => s.lines.some((l) => l.includes('? for shortcuts')), 30_000);
    await submit(p, 'first task');
    const deadline = Date.now() + 20_000;
    while (!api.turns.some((t) => userText(t).includes('first task'))) {
      if (Date.now() > deadline) throw new Error('first turn never arrived');
      await sleep(100);
    }
    await submit(p, 'second text');
    await submit(p, 'third text');
    api.turnDelayMs = 0;
    const until = Date.now() + 30_000;
    while (!api.turns.some((t) => userText(t).includes('third text'))) {
      if (Date.now() > until)
        throw new Error(`third text never sent; turns: ${api.turns.map(userText).join(' | ')}`);
      await sleep(100);
    }
    await sleep(3000);
    const later = api.turns.map(userText).filter((t) => /second text|third text/.test(t));
    expect(later.length).toBe(1);
    expect(later[0]).toMatch(/second text[\s\S]*third text/);
  });
});
