import { describe, expect, it } from 'vitest';
import {
  chordLabel,
  detectMac,
  newSessionChord,
  shortcutFor,
  type KeyChord,
} from '../../../../renderer/src/lib/shortcuts.js';

function key(partial: Partial<KeyChord> & { key: string; code: string }): KeyChord {
  return { ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...partial };
}

describe('shortcutFor', () => {
  it('maps the app chords on Linux/Windows (Ctrl)', () => {
    expect(shortcutFor(key({ key: 'T', code: 'KeyT', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'new',
    });
    expect(shortcutFor(key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'close',
    });
    expect(shortcutFor(key({ key: 'F', code: 'KeyF', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'find',
    });
    expect(
      shortcutFor(key({ key: '}', code: 'BracketRight', ctrlKey: true, shiftKey: true }), false),
    ).toEqual({
      type: 'next',
    });
    expect(shortcutFor(key({ key: '{', code: 'BracketLeft', ctrlKey: true, shiftKey: true }), false)).toEqual(
      {
        type: 'previous',
      },
    );
    expect(shortcutFor(key({ key: 'Tab', code: 'Tab', ctrlKey: true }), false)).toEqual({ type: 'next' });
    expect(shortcutFor(key({ key: 'Tab', code: 'Tab', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'previous',
    });
    expect(shortcutFor(key({ key: '3', code: 'Digit3', ctrlKey: true }), false)).toEqual({
      type: 'goto',
      index: 2,
    });
  });

  it('leaves the keys terminal programs need to the terminal', () => {
    for (const [k, code] of [
      ['c', 'KeyC'],
      ['w', 'KeyW'],
      ['t', 'KeyT'],
      ['r', 'KeyR'],
      ['d', 'KeyD'],
      ['[', 'BracketLeft'],
      [']', 'BracketRight'],
      ['e', 'KeyE'],
      ['p', 'KeyP'],
    ] as const) {
      expect(shortcutFor(key({ key: k, code, ctrlKey: true }), false)).toBeNull();
    }
    expect(shortcutFor(key({ key: 'Tab', code: 'Tab' }), false)).toBeNull();
    expect(shortcutFor(key({ key: 'T', code: 'KeyT', shiftKey: true }), false)).toBeNull();
    expect(
      shortcutFor(key({ key: 'T', code: 'KeyT', ctrlKey: true, shiftKey: true, altKey: true }), false),
    ).toBeNull();
  });

  it('uses Cmd on macOS and leaves Ctrl chords to the terminal there', () => {
    expect(shortcutFor(key({ key: 't', code: 'KeyT', metaKey: true, shiftKey: true }), true)).toEqual({
      type: 'new',
    });
    expect(shortcutFor(key({ key: '1', code: 'Digit1', metaKey: true }), true)).toEqual({
      type: 'goto',
      index: 0,
    });
    expect(shortcutFor(key({ key: 'T', code: 'KeyT', ctrlKey: true, shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(key({ key: 'Tab', code: 'Tab', ctrlKey: true }), true)).toEqual({ type: 'next' });
  });

  it('offers chords a browser tab lets through for the ones browsers keep', () => {
    const ctrlShift = (k: string, code: string) => key({ key: k, code, ctrlKey: true, shiftKey: true });
    expect(shortcutFor(ctrlShift('~', 'Backquote'), false)).toEqual({ type: 'new' });
    expect(shortcutFor(ctrlShift('Backspace', 'Backspace'), false)).toEqual({ type: 'close' });
    expect(newSessionChord('headless', false)).toBe('Ctrl+Shift+`');
    expect(newSessionChord('electron', false)).toBe('Ctrl+Shift+T');
    expect(newSessionChord('headless', true)).toBe('⌘⇧`');
  });

  it('Ctrl-9 goes to the last tab; Ctrl-1…8 to that tab', () => {
    expect(shortcutFor(key({ key: '9', code: 'Digit9', ctrlKey: true }), false)).toEqual({
      type: 'goto',
      index: -1,
    });
    expect(shortcutFor(key({ key: '8', code: 'Digit8', ctrlKey: true }), false)).toEqual({
      type: 'goto',
      index: 7,
    });
  });

  it('maps panels, zoom, tab moves and focus regions', () => {
    expect(shortcutFor(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'phone',
    });
    expect(shortcutFor(key({ key: ',', code: 'Comma', ctrlKey: true }), false)).toEqual({ type: 'settings' });
    expect(shortcutFor(key({ key: '=', code: 'Equal', ctrlKey: true }), false)).toEqual({
      type: 'zoom',
      step: 1,
    });
    expect(shortcutFor(key({ key: '+', code: 'Equal', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'zoom',
      step: 1,
    });
    expect(shortcutFor(key({ key: '-', code: 'Minus', ctrlKey: true }), false)).toEqual({
      type: 'zoom',
      step: -1,
    });
    expect(shortcutFor(key({ key: '0', code: 'Digit0', metaKey: true }), true)).toEqual({
      type: 'zoom',
      step: 0,
    });
    expect(
      shortcutFor(key({ key: 'PageDown', code: 'PageDown', ctrlKey: true, shiftKey: true }), false),
    ).toEqual({
      type: 'moveTab',
      delta: 1,
    });
    expect(shortcutFor(key({ key: 'F6', code: 'F6' }), false)).toEqual({ type: 'region', delta: 1 });
    expect(shortcutFor(key({ key: 'F6', code: 'F6', shiftKey: true }), false)).toEqual({
      type: 'region',
      delta: -1,
    });
    expect(shortcutFor(key({ key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true }), false)).toEqual({
      type: 'region',
      delta: 1,
    });
    // F6 with a modifier stays with the terminal (programs use Ctrl-F6 and friends).
    expect(shortcutFor(key({ key: 'F6', code: 'F6', ctrlKey: true }), false)).toBeNull();
  });

  it('labels chords per platform and detects macOS', () => {
    expect(chordLabel('T', true, false)).toBe('Ctrl+Shift+T');
    expect(chordLabel('T', true, true)).toBe('⌘⇧T');
    expect(detectMac({ platform: 'MacIntel' })).toBe(true);
    expect(detectMac({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe(false);
  });
});
