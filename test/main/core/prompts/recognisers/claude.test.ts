import { describe, expect, it } from 'vitest';
import { claudeIdle, claudePermission } from '../../../../../main/core/prompts/recognisers/claude.js';
import { detectPrompt } from '../../../../../main/core/prompts/detect.js';
import type { RecogniserContext } from '../../../../../main/core/prompts/types.js';
import { capture } from '../screens.js';

const quiet: RecogniserContext = { agent: 'claude', quietMs: 5000, idleThresholdMs: 2000 };
const flowing: RecogniserContext = { agent: 'claude', quietMs: 0, idleThresholdMs: 2000 };

describe('Claude permission menu (own captures, 2.1.197)', () => {
  it('reads title, command, description and the three options with digit keys', () => {
    const p = claudePermission.detect(capture('claude', 'permission'), flowing);
    expect(p).not.toBeNull();
    expect(p!.kind).toBe('permission');
    expect(p!.title).toBe('Bash command');
    expect(p!.body).toBe('echo hello > out.txt\nWrite hello to out.txt\n\nDo you want to proceed?');
    expect(p!.options).toEqual([
      { label: 'Yes', keys: '1' },
      { label: 'Yes, and always allow access to project/ from this project', keys: '2' },
      { label: 'No', keys: '3' },
    ]);
  });

  it('gives a different signature to a different command', () => {
    const a = claudePermission.detect(capture('claude', 'permission'), flowing);
    const b = claudePermission.detect(capture('claude', 'permission-second'), flowing);
    expect(b!.body).toContain('echo again > again.txt');
    expect(a!.signature).not.toBe(b!.signature);
  });

  it('is never read as the idle box, and detection picks the permission', () => {
    const screen = capture('claude', 'permission');
    expect(claudeIdle.detect(screen, quiet)).toBeNull();
    expect(detectPrompt(screen, quiet)?.kind).toBe('permission');
  });

  it('finds nothing on the idle, typed, busy and answered screens', () => {
    for (const name of ['idle', 'typed', 'busy', 'after-yes', 'after-esc']) {
      expect(claudePermission.detect(capture('claude', name), quiet), name).toBeNull();
    }
  });
});

describe('Claude idle box (own captures, 2.1.197)', () => {
  it('after a finished turn gives kind finished with the assistant message as body', () => {
    const p = detectPrompt(capture('claude', 'after-yes'), flowing);
    expect(p?.kind).toBe('finished');
    expect(p?.body).toBe('Done.');
    expect(p?.options).toEqual([]);
  });

  it('at start gives kind input, but only once output has been quiet long enough', () => {
    expect(detectPrompt(capture('claude', 'idle'), flowing)).toBeNull();
    const p = detectPrompt(capture('claude', 'idle'), quiet);
    expect(p?.kind).toBe('input');
    expect(p?.title).toBe('Claude is waiting for your input');
    expect(p?.options).toEqual([]);
  });

  it('after Esc at a permission prompt gives input with the interruption in the body', () => {
    const p = detectPrompt(capture('claude', 'after-esc'), quiet);
    expect(p?.kind).toBe('input');
    expect(p?.body).toContain('Interrupted · What should Claude do instead?');
  });

  it('gives nothing while allowIdle is false (no input since start)', () => {
    expect(detectPrompt(capture('claude', 'idle'), { ...quiet, allowIdle: false })).toBeNull();
    expect(detectPrompt(capture('claude', 'after-yes'), { ...quiet, allowIdle: false })).toBeNull();
    expect(detectPrompt(capture('claude', 'permission'), { ...quiet, allowIdle: false })?.kind).toBe(
      'permission',
    );
  });

  it('gives nothing while busy, even after a long quiet period', () => {
    expect(detectPrompt(capture('claude', 'busy'), quiet)).toBeNull();
    expect(detectPrompt(capture('claude', 'busy'), { ...quiet, quietMs: 600_000 })).toBeNull();
  });

  it('gives nothing while the user has typed text into the box', () => {
    expect(detectPrompt(capture('claude', 'typed'), quiet)).toBeNull();
  });

  it('keeps the same signature for the same screen and changes it for a new turn', () => {
    const a = detectPrompt(capture('claude', 'after-yes'), flowing);
    const again = detectPrompt(capture('claude', 'after-yes'), quiet);
    const b = detectPrompt(capture('claude', 'after-esc'), quiet);
    expect(again?.signature).toBe(a?.signature);
    expect(b?.signature).not.toBe(a?.signature);
  });
});

describe('Claude Code 2.1.197 screens captured in tmux', () => {
  it('permission-bash: Bash command with options 1/2/3', () => {
    const p = detectPrompt(capture('claude', 'tmux-permission-bash'), quiet);
    expect(p?.kind).toBe('permission');
    expect(p?.title).toBe('Bash command');
    expect(p?.body.split('\n').slice(0, 2)).toEqual(['echo hello > out.txt', 'Write hello to out.txt']);
    expect(p?.options.map((o) => o.label)).toEqual([
      'Yes',
      'Yes, and always allow access to work/ from this project',
      'No',
    ]);
    expect(p?.options.map((o) => o.keys)).toEqual(['1', '2', '3']);
  });

  it('permission-python-requires-approval: keeps "This command requires approval" and the curly apostrophe', () => {
    const p = detectPrompt(capture('claude', 'tmux-permission-python-requires-approval'), quiet);
    expect(p?.kind).toBe('permission');
    expect(p?.body).toBe(
      'python3 -c "print(42)"\nWrite hello to out.txt\n\nThis command requires approval\n\nDo you want to proceed?',
    );
    expect(p?.options[1]).toEqual({ label: 'Yes, and don’t ask again for: python3 *', keys: '2' });
  });

  it('idle → input (when quiet), typed → nothing, busy → nothing', () => {
    expect(detectPrompt(capture('claude', 'tmux-idle'), quiet)?.kind).toBe('input');
    expect(detectPrompt(capture('claude', 'tmux-typed'), quiet)).toBeNull();
    expect(detectPrompt(capture('claude', 'tmux-busy'), quiet)).toBeNull();
  });

  it('after-yes → finished "Done.", after-esc → input', () => {
    const yes = detectPrompt(capture('claude', 'tmux-after-yes'), flowing);
    expect(yes?.kind).toBe('finished');
    expect(yes?.body).toBe('Done.');
    expect(detectPrompt(capture('claude', 'tmux-after-esc'), quiet)?.kind).toBe('input');
  });
});
