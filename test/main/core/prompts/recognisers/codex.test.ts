import { describe, expect, it } from 'vitest';
import { codexApproval, codexIdle } from '../../../../../main/core/prompts/recognisers/codex.js';
import { detectPrompt } from '../../../../../main/core/prompts/detect.js';
import type { RecogniserContext } from '../../../../../main/core/prompts/types.js';
import { capture } from '../screens.js';

const quiet: RecogniserContext = { agent: 'codex', quietMs: 5000, idleThresholdMs: 2000 };
const flowing: RecogniserContext = { agent: 'codex', quietMs: 0, idleThresholdMs: 2000 };

describe('Codex approval overlay (0.169.0)', () => {
  it('puts the command in the title and body and answers with the options own keys', () => {
    for (const name of ['permission-exec', 'tmux-permission-exec']) {
      const p = detectPrompt(capture('codex', name), flowing);
      expect(p?.kind, name).toBe('permission');
      expect(p!.title).toBe('Run: echo hello > out.txt');
      expect(p!.body).toContain('Reason: Do you want to write hello to out.txt?');
      expect(p!.body).toContain('$ echo hello > out.txt');
      expect(p!.options).toEqual([
        { label: 'Yes, proceed', keys: 'y' },
        { label: "Yes, and don't ask again for commands that start with `echo hello > out.txt`", keys: 'p' },
        { label: 'No, and tell Codex what to do differently', keys: '\x1b' },
      ]);
    }
  });

  it('reads the same prompt with the highlight moved: same signature, same keys (not arrows)', () => {
    const a = codexApproval.detect(capture('codex', 'permission-exec-no-reason'), flowing)!;
    const b = codexApproval.detect(capture('codex', 'permission-exec-option2'), flowing)!;
    expect(a.title).toBe('Run: touch second.txt');
    expect(a.body).not.toContain('Reason:');
    expect(b.signature).toBe(a.signature);
    expect(b.options.map((o) => o.keys)).toEqual(['y', 'p', '\x1b']);
  });

  it('reads a file-edit approval with the destination and the diff', () => {
    const p = codexApproval.detect(capture('codex', 'permission-edit'), flowing)!;
    expect(p.title).toMatch(/^Edit: .*\/hello\.txt$/);
    expect(p.body).toContain('Would you like to make the following edits?');
    expect(p.body).toContain('Added hello.txt (+2 -0)');
    expect(p.body).toContain('1 +hello');
    expect(p.options.map((o) => o.keys)).toEqual(['y', 'a', '\x1b']);
  });

  it('is not taken for a generic numbered menu', () => {
    expect(detectPrompt(capture('codex', 'tmux-permission-exec'), quiet)?.title).not.toBe('Choose an option');
  });
});

describe('Codex busy, idle and finished screens', () => {
  it('is silent while working, with text typed, and after quitting', () => {
    for (const name of [
      'busy',
      'tmux-busy',
      'tmux-after-yes-running',
      'typed',
      'tmux-typed',
      'tmux-after-quit',
    ]) {
      expect(detectPrompt(capture('codex', name), quiet), name).toBeNull();
    }
  });

  it('reports a finished turn with the last message, at once (no quiet period needed)', () => {
    for (const name of ['after-yes', 'tmux-after-yes']) {
      const p = codexIdle.detect(capture('codex', name), flowing);
      expect(p?.kind, name).toBe('finished');
      expect(p!.body).toBe('Done.');
    }
    const cancelled = codexIdle.detect(capture('codex', 'tmux-after-esc'), flowing)!;
    expect(cancelled.body).toMatch(/^Conversation interrupted/);
  });

  it('says nothing while texts typed during a turn wait under the busy row (Codex is still working)', () => {
    const busy = capture('codex', 'busy');
    const lines = [...busy.lines];
    // Codex 0.169.0 lists texts typed while it works between its busy row and the composer,
    // which pushes the busy row up: a turn seen this way once paged "is waiting" mid-turn.
    lines.splice(
      28,
      8,
      '• Working (9s • esc to interrupt)',
      ' ',
      '  Queued follow-up inputs',
      '    ↳ please write hello',
      '    shift+← edit last queued message',
      ' ',
      ' ',
      ' ',
    );
    const screen = { ...busy, lines };
    expect(screen.lines[36]).toMatch(/^› Ask Codex/);
    expect(codexIdle.detect(screen, quiet)).toBeNull();
    expect(detectPrompt(screen, quiet)).toBeNull();
  });

  it('reports the fresh composer as waiting only after the quiet period and when idle prompts are allowed', () => {
    expect(codexIdle.detect(capture('codex', 'idle'), flowing)).toBeNull();
    expect(codexIdle.detect(capture('codex', 'idle'), quiet)?.kind).toBe('input');
    expect(codexIdle.detect(capture('codex', 'tmux-idle'), { ...quiet, allowIdle: false })).toBeNull();
  });
});
