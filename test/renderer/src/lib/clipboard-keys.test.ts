import { describe, expect, it } from 'vitest';
import { clipboardKeyAction, pasteNeedsConfirm } from '../../../../renderer/src/lib/clipboard-keys.js';
import type { KeyChord } from '../../../../renderer/src/lib/shortcuts.js';

const key = (code: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  key: code.slice(3).toLowerCase(),
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const linux = { isMac: false, hasSelection: false, ctrlVPastes: true };

describe('clipboardKeyAction', () => {
  it('Linux/Windows: Ctrl-Shift-C/V always; Ctrl-C copies only with a selection; Ctrl-V per setting', () => {
    expect(clipboardKeyAction(key('KeyC', { ctrlKey: true, shiftKey: true }), linux)).toBe('copy');
    expect(clipboardKeyAction(key('KeyV', { ctrlKey: true, shiftKey: true }), linux)).toBe('paste');
    expect(clipboardKeyAction(key('KeyC', { ctrlKey: true }), linux)).toBeNull();
    expect(clipboardKeyAction(key('KeyC', { ctrlKey: true }), { ...linux, hasSelection: true })).toBe('copy');
    expect(clipboardKeyAction(key('KeyV', { ctrlKey: true }), linux)).toBe('paste');
    expect(clipboardKeyAction(key('KeyV', { ctrlKey: true }), { ...linux, ctrlVPastes: false })).toBeNull();
    expect(clipboardKeyAction(key('KeyC', { ctrlKey: true, altKey: true }), linux)).toBeNull();
    expect(clipboardKeyAction(key('KeyX', { ctrlKey: true }), linux)).toBeNull();
  });

  it('macOS: Cmd-C/V; Ctrl-C and Ctrl-V stay with the program', () => {
    const mac = { ...linux, isMac: true, hasSelection: true };
    expect(clipboardKeyAction(key('KeyC', { metaKey: true }), mac)).toBe('copy');
    expect(clipboardKeyAction(key('KeyV', { metaKey: true }), mac)).toBe('paste');
    expect(clipboardKeyAction(key('KeyC', { ctrlKey: true }), mac)).toBeNull();
    expect(clipboardKeyAction(key('KeyV', { ctrlKey: true }), mac)).toBeNull();
  });
});

describe('pasteNeedsConfirm', () => {
  it('asks for several lines into a shell, not for one line, not for agents, not when turned off', () => {
    expect(pasteNeedsConfirm('ls\nrm -rf build', 'shell', true)).toBe(true);
    expect(pasteNeedsConfirm('make test\n', 'custom', true)).toBe(false);
    expect(pasteNeedsConfirm('a\r\nb', 'custom', true)).toBe(true);
    expect(pasteNeedsConfirm('line one\nline two', 'claude', true)).toBe(false);
    expect(pasteNeedsConfirm('ls\nrm x', 'shell', false)).toBe(false);
  });
});
