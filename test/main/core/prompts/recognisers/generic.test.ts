import { describe, expect, it } from 'vitest';
import {
  numberedMenu,
  waitingForInput,
  yesNoQuestion,
} from '../../../../../main/core/prompts/recognisers/generic.js';
import { detectPrompt } from '../../../../../main/core/prompts/detect.js';
import type { RecogniserContext, ScreenText } from '../../../../../main/core/prompts/types.js';
import { capture } from '../screens.js';

const quiet: RecogniserContext = { agent: 'shell', quietMs: 3000, idleThresholdMs: 2000 };
const flowing: RecogniserContext = { agent: 'shell', quietMs: 100, idleThresholdMs: 2000 };

/** A 80x12 screen from rows, cursor at the end of row `cursorRow` (or given column). */
function screenOf(rows: string[], cursorRow: number, cursorCol?: number): ScreenText {
  const lines = [...rows];
  while (lines.length < 12) lines.push('');
  return { lines, cursorRow, cursorCol: cursorCol ?? (rows[cursorRow] ?? '').length, cols: 80, rows: 12 };
}

describe('yes/no questions', () => {
  it('bash read -p "Continue? [y/N] " (captured) → question with y/n keys', () => {
    const p = detectPrompt(capture('shell', 'read-yes-no'), flowing);
    expect(p?.kind).toBe('question');
    expect(p?.title).toBe('Continue? [y/N]');
    expect(p?.options).toEqual([
      { label: 'Yes', keys: 'y\r' },
      { label: 'No', keys: 'n\r' },
    ]);
  });

  it.each(['Overwrite file? (y/n) ', 'Proceed [Y/n] ', 'Really delete? (yes/no) '])('recognises %j', (q) => {
    const p = yesNoQuestion.detect(screenOf(['some output', q], 1), flowing);
    expect(p?.kind).toBe('question');
    expect(p?.options.map((o) => o.label)).toEqual(['Yes', 'No']);
  });

  it('answers (yes/no) with whole words', () => {
    const p = yesNoQuestion.detect(screenOf(['Really delete? (yes/no) '], 0), flowing);
    expect(p?.options.map((o) => o.keys)).toEqual(['yes\r', 'no\r']);
  });

  it('ignores a [y/N] that is not at the cursor row', () => {
    expect(yesNoQuestion.detect(screenOf(['Continue? [y/N] n', 'working…'], 1), flowing)).toBeNull();
  });
});

describe('numbered menus', () => {
  it('bash select (captured) → question; keys are the number and Enter', () => {
    const p = detectPrompt(capture('shell', 'bash-select'), flowing);
    expect(p?.kind).toBe('question');
    expect(p?.options).toEqual([
      { label: 'apple', keys: '1\r' },
      { label: 'banana', keys: '2\r' },
      { label: 'cherry', keys: '3\r' },
    ]);
  });

  it('an arrow menu with a ❯ marker → arrows from the highlighted row, then Enter', () => {
    const p = numberedMenu.detect(
      screenOf(['Pick a colour:', '  1. Red', '❯ 2. Green', '  3. Blue'], 2, 0),
      flowing,
    );
    expect(p?.title).toBe('Pick a colour:');
    expect(p?.options).toEqual([
      { label: 'Red', keys: '\x1b[A\r' },
      { label: 'Green', keys: '\r' },
      { label: 'Blue', keys: '\x1b[B\r' },
    ]);
  });

  it('a "> 1) Foo" menu is recognised too', () => {
    const p = numberedMenu.detect(screenOf(['Which one?', '> 1) Foo', '  2) Bar'], 1, 0), flowing);
    expect(p?.options.map((o) => o.label)).toEqual(['Foo', 'Bar']);
  });

  it('a numbered list in ordinary output with the cursor elsewhere is not a menu', () => {
    const screen = screenOf(['Steps:', '1. build', '2. test', 'all done', 'dev@box:~$ '], 4);
    expect(numberedMenu.detect(screen, flowing)).toBeNull();
  });
});

describe('waiting for input', () => {
  it('a bash prompt (captured) after the quiet period → input; before it → nothing', () => {
    expect(detectPrompt(capture('shell', 'bash-idle'), flowing)).toBeNull();
    const p = detectPrompt(capture('shell', 'bash-idle'), quiet);
    expect(p?.kind).toBe('input');
    expect(p?.options).toEqual([]);
    expect(p?.body.split('\n').at(-1)).toBe('dev@box:~/project$');
  });

  it('allowIdle false silences waiting-for-input but not questions', () => {
    expect(detectPrompt(capture('shell', 'bash-idle'), { ...quiet, allowIdle: false })).toBeNull();
    expect(detectPrompt(capture('shell', 'read-yes-no'), { ...quiet, allowIdle: false })?.kind).toBe(
      'question',
    );
  });

  it('a python input() prompt (captured) → input', () => {
    const p = detectPrompt(capture('shell', 'python-input'), quiet);
    expect(p?.kind).toBe('input');
    expect(p?.body.split('\n').at(-1)).toBe('Your name:');
  });

  it('a running command (captured, cursor on an empty row) → nothing', () => {
    expect(detectPrompt(capture('shell', 'bash-running'), quiet)).toBeNull();
  });

  it.each(['root@box:/# ', 'host% ', '>>> ', '❯ '])('prompt %j counts', (prompt) => {
    expect(waitingForInput.detect(screenOf(['output', prompt], 1), quiet)?.kind).toBe('input');
  });

  it('an input box between two rules counts', () => {
    const rule = '─'.repeat(40);
    expect(waitingForInput.detect(screenOf([rule, '  type here', rule], 1, 2), quiet)?.kind).toBe('input');
  });

  it('text after the cursor (the user typing mid-line) does not count', () => {
    expect(waitingForInput.detect(screenOf(['dev@box:~$ ls -la'], 0, 11), quiet)).toBeNull();
  });

  it('the signature stays for the same screen and changes with new output', () => {
    const a = waitingForInput.detect(screenOf(['one', 'dev@box:~$ '], 1), quiet);
    const b = waitingForInput.detect(screenOf(['one', 'dev@box:~$ '], 1), { ...quiet, quietMs: 9000 });
    const c = waitingForInput.detect(screenOf(['two', 'dev@box:~$ '], 1), quiet);
    expect(a?.signature).toBe(b?.signature);
    expect(c?.signature).not.toBe(a?.signature);
  });
});
