import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TranscriptUsage } from '../../../../main/core/claude/transcript-usage.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-transcript-'));
  file = path.join(dir, 't.jsonl');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const assistant = (id: string, input: number, output: number, model = 'claude-sonnet-4-5') =>
  JSON.stringify({
    type: 'assistant',
    message: { id, model, usage: { input_tokens: input, output_tokens: output, cache_read_input_tokens: 0 } },
  });
const prompt = (text: string) => JSON.stringify({ type: 'user', message: { role: 'user', content: text } });
const toolResult = JSON.stringify({
  type: 'user',
  toolUseResult: {},
  message: { role: 'user', content: [{ type: 'tool_result', content: 'ok' }] },
});

describe('TranscriptUsage', () => {
  it('counts each message once, prices it, and tracks the turn since the last typed prompt', async () => {
    await fs.writeFile(file, `${prompt('a')}\n${assistant('m1', 100, 10)}\n${assistant('m1', 100, 10)}\n`);
    const t = new TranscriptUsage(file);
    expect(await t.update()).toBe(true);
    expect(t.total).toMatchObject({ input: 100, output: 10 });
    expect(t.total.costUsd).toBeCloseTo((100 * 3 + 10 * 15) / 1e6, 12);
    await fs.appendFile(
      file,
      `${prompt('b')}\n${assistant('m2', 50, 5)}\n${toolResult}\n${assistant('m3', 1, 1)}\n`,
    );
    await t.update();
    expect(t.total).toMatchObject({ input: 151, output: 16 });
    expect(t.sincePrompt).toMatchObject({ input: 51, output: 6 });
    expect(t.model).toBe('claude-sonnet-4-5');
  });

  it('skips hostile lines: bad JSON, wrong shapes, negative or huge numbers, overlong lines', async () => {
    const bad = [
      '{not json',
      JSON.stringify({
        type: 'assistant',
        message: { id: 'x', usage: { input_tokens: -5, output_tokens: 1 } },
      }),
      JSON.stringify({
        type: 'assistant',
        message: { id: 'y', usage: { input_tokens: '9', output_tokens: 1 } },
      }),
      JSON.stringify({
        type: 'assistant',
        message: { id: 'z', usage: { input_tokens: 1e15, output_tokens: 1 } },
      }),
      `${'"assistant" "usage" '.repeat(80_000)}`,
      assistant('ok', 7, 3, 'some-other-model'),
    ];
    await fs.writeFile(file, `${bad.join('\n')}\n`);
    const t = new TranscriptUsage(file);
    await t.update();
    expect(t.total).toMatchObject({ input: 7, output: 3, costUsd: null });
  });

  it('reads nothing from a FIFO or a missing file, and starts over when the file shrank', async () => {
    const fifo = path.join(dir, 'p.jsonl');
    execFileSync('mkfifo', [fifo]);
    expect(await new TranscriptUsage(fifo).update()).toBe(false);
    expect(await new TranscriptUsage(path.join(dir, 'none.jsonl')).update()).toBe(false);
    await fs.writeFile(file, `${assistant('m1', 100, 10)}\n`);
    const t = new TranscriptUsage(file);
    await t.update();
    await fs.writeFile(file, `${assistant('m9', 1, 1)}\n`);
    await t.update();
    expect(t.total).toMatchObject({ input: 1, output: 1 });
  });
});
