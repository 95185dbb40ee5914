/**
 * UsageTracker over a real transcript file: the last turn's tokens when Claude Code appends the
 * turn's assistant line only after its Stop hook ran (seen under load: the finished-turn message
 * then said "This turn: 0 tokens" for good).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageTracker } from '../../../../main/core/claude/usage-tracker.js';

let dir: string;
let file: string;
let tracker: UsageTracker;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-usage-'));
  file = path.join(dir, 't.jsonl');
  tracker = new UsageTracker();
});
afterEach(async () => {
  tracker.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

const line = (json: unknown) => fs.appendFile(file, `${JSON.stringify(json)}\n`);
const prompt = (text: string) => line({ type: 'user', message: { role: 'user', content: text } });
const assistant = (id: string, input: number, output: number) =>
  line({
    type: 'assistant',
    message: { id, model: 'claude-sonnet-4-5', usage: { input_tokens: input, output_tokens: output } },
  });
const hook = (name: string) =>
  tracker.handle('s1', { hook_event_name: name, session_id: 'c1', transcript_path: file });

describe('UsageTracker', () => {
  it('a turn whose lines reach the transcript only after Stop still gets its tokens', async () => {
    // As seen under load: UserPromptSubmit and Stop both ran before the prompt line was written.
    await hook('SessionStart');
    await hook('UserPromptSubmit');
    await hook('Stop');
    expect(tracker.get('s1')?.lastTurn ?? null).toBeNull();
    await prompt('count me');
    await assistant('m1', 1200, 300);
    await hook('Notification');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 1200, output: 300 });
  });

  it('an assistant line that lands after Stop joins its turn; the next prompt freezes it', async () => {
    await hook('UserPromptSubmit');
    await prompt('count me');
    await hook('Stop');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 0, output: 0 });

    await assistant('m1', 1200, 300);
    await hook('Notification');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 1200, output: 300 });

    // A new turn began: its tokens belong to it, not to the finished one, until its own Stop.
    await hook('UserPromptSubmit');
    await prompt('and again');
    await assistant('m2', 50, 5);
    await hook('PreToolUse');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 1200, output: 300 });
    expect(tracker.get('s1')!.total).toMatchObject({ input: 1250, output: 305 });
    await hook('Stop');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 50, output: 5 });
  });

  it('a next prompt read before its own hook does not overwrite the finished turn', async () => {
    await hook('UserPromptSubmit');
    await prompt('one');
    await assistant('m1', 100, 10);
    await hook('Stop');
    await prompt('two');
    await hook('Notification');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 100, output: 10 });
  });

  it('a prompt line written twice (after the reply too) does not zero the turn', async () => {
    await hook('UserPromptSubmit');
    await prompt('count me');
    await assistant('m1', 1200, 300);
    await prompt('count me');
    await hook('Stop');
    expect(tracker.get('s1')!.lastTurn).toMatchObject({ input: 1200, output: 300 });
  });
});
