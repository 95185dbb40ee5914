import { describe, expect, it } from 'vitest';
import {
  dataKey,
  decodeCallback,
  encodeCallback,
  keypadKeyboard,
  promptKeyboard,
} from '../../../../main/core/telegram/keyboards.js';

describe('callback data', () => {
  it('round-trips every action', () => {
    const actions = [
      { kind: 'answer', promptKey: 'p-1', option: 2 },
      { kind: 'escape', promptKey: 'p-1' },
      { kind: 'screen', sessionKey: 's_1' },
      { kind: 'pick', sessionKey: 's_1' },
      { kind: 'key', sessionKey: 's_1', key: 'cc' },
    ] as const;
    for (const action of actions) expect(decodeCallback(encodeCallback(action))).toEqual(action);
  });

  it('stays within 64 bytes for long ids', () => {
    const long = 'prompt/'.repeat(9);
    const key = dataKey(long);
    expect(key).toHaveLength(16);
    const kb = promptKeyboard(long, [{ label: 'Yes', keys: '1' }], 'session:'.repeat(8));
    for (const button of kb.inline_keyboard.flat()) {
      expect(Buffer.byteLength((button as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
    }
  });

  it('rejects data that is not ours', () => {
    expect(decodeCallback('a:p1')).toBeNull();
    expect(decodeCallback('k:s1:rm')).toBeNull();
    expect(decodeCallback('x:1')).toBeNull();
  });

  it('offers the keypad keys', () => {
    const labels = keypadKeyboard('s1')
      .inline_keyboard.flat()
      .map((b) => b.text);
    expect(labels).toEqual(['Esc', 'Enter', 'Tab', '↑', '↓', 'Ctrl-C', 'y', 'n', '1', '2', '3', '4']);
  });
});

describe('button labels', () => {
  it('cuts a long emoji label on a character boundary', () => {
    const kb = promptKeyboard('p1', [{ label: '🎉'.repeat(40), keys: '1' }], 's1');
    const text = kb.inline_keyboard[0]![0]!.text;
    expect(text.length).toBeLessThanOrEqual(48);
    expect(text).toMatch(/^1\. (🎉)+…$/u);
  });
});
