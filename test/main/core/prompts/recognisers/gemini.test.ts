import { describe, expect, it } from 'vitest';
import { geminiConfirmation, geminiIdle } from '../../../../../main/core/prompts/recognisers/gemini.js';
import { detectPrompt } from '../../../../../main/core/prompts/detect.js';
import type { RecogniserContext } from '../../../../../main/core/prompts/types.js';
import { capture } from '../screens.js';

const quiet: RecogniserContext = { agent: 'gemini', quietMs: 5000, idleThresholdMs: 2000 };
const flowing: RecogniserContext = { agent: 'gemini', quietMs: 0, idleThresholdMs: 2000 };

describe('Gemini CLI confirmations (0.61.0)', () => {
  it('reads the shell confirmation with the command; digits pick, Esc declines', () => {
    for (const name of [
      'permission-shell',
      'tmux-permission-shell',
      'tmux-permission-shell-option2-highlighted',
    ]) {
      const p = detectPrompt(capture('gemini', name), flowing);
      expect(p?.kind, name).toBe('permission');
      expect(p!.title).toBe('Shell: echo hello > out.txt');
      expect(p!.body).toContain('Allow execution of [Shell]?');
      expect(p!.options).toEqual([
        { label: 'Allow once', keys: '1' },
        { label: 'Allow for this session', keys: '2' },
        { label: 'No, suggest changes', keys: '\x1b' },
      ]);
    }
  });

  it('reads a file write ("Apply this change?") with the new content and four options', () => {
    const p = geminiConfirmation.detect(capture('gemini', 'permission-write'), flowing)!;
    expect(p.title).toBe('WriteFile: Writing to hello.txt');
    expect(p.body).toBe('1 hello\n2 world\n\nApply this change?');
    expect(p.options.map((o) => o.label)).toEqual([
      'Allow once',
      'Allow for this session',
      'Modify with external editor',
      'No, suggest changes',
    ]);
  });

  it('reads a web fetch confirmation with its URL', () => {
    const p = geminiConfirmation.detect(capture('gemini', 'permission-fetch'), flowing)!;
    expect(p.title).toMatch(/^WebFetch: /);
    expect(p.body).toContain('http://127.0.0.1:9/page');
    expect(p.body).toContain('Do you want to proceed?');
  });

  it('does not take a finished tool box for a confirmation', () => {
    expect(geminiConfirmation.detect(capture('gemini', 'after-yes'), quiet)).toBeNull();
  });
});

describe('Gemini CLI busy, idle and finished screens', () => {
  it('is silent while working, with text typed, at the trust dialog and after quitting', () => {
    for (const name of [
      'busy',
      'tmux-busy',
      'tmux-after-yes-running',
      'typed',
      'tmux-typed',
      'tmux-after-quit',
    ]) {
      expect(detectPrompt(capture('gemini', name), quiet), name).toBeNull();
    }
  });

  it('reports a finished turn with the model message, or the cancellation', () => {
    for (const name of ['after-yes', 'tmux-after-yes', 'tmux-after-allow-for-session']) {
      const p = geminiIdle.detect(capture('gemini', name), flowing);
      expect(p?.kind, name).toBe('finished');
      expect(p!.body).toBe('Done.');
    }
    expect(geminiIdle.detect(capture('gemini', 'after-esc'), flowing)?.body).toBe('Request cancelled.');
  });

  it('gives one finished turn the same signature however the screen around it was drawn', () => {
    const own = geminiIdle.detect(capture('gemini', 'tmux-after-yes'), flowing)!;
    const redrawn = geminiIdle.detect(capture('gemini', 'tmux-ctrl-c-once'), flowing)!;
    expect(redrawn.signature).toBe(own.signature);
    const next = geminiIdle.detect(capture('gemini', 'tmux-after-esc'), flowing)!;
    expect(next.signature).not.toBe(own.signature);
  });

  it('reports the fresh input box as waiting only after the quiet period', () => {
    expect(geminiIdle.detect(capture('gemini', 'idle'), flowing)).toBeNull();
    expect(geminiIdle.detect(capture('gemini', 'tmux-idle'), quiet)?.kind).toBe('input');
    expect(geminiIdle.detect(capture('gemini', 'idle'), { ...quiet, allowIdle: false })).toBeNull();
  });
});
