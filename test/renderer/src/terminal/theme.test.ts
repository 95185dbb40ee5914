import { describe, expect, it } from 'vitest';
import {
  effectiveTheme,
  FONT_FAMILY,
  LIGHT_TERMINAL_THEME,
  lookOptions,
  TERMINAL_THEME,
  terminalOptions,
} from '../../../../renderer/src/terminal/theme.js';

const look = {
  fontFamily: '',
  fontSize: 13,
  cursorStyle: 'bar' as const,
  scrollback: 1000,
  screenReaderMode: false,
  scheme: 'dark' as const,
};

describe('terminal look', () => {
  it('follows the system preference only in "system" mode', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
    expect(effectiveTheme('light', true)).toBe('light');
  });

  it('maps the settings onto xterm options, the user font before the built-in list', () => {
    expect(lookOptions(look)).toEqual({
      theme: TERMINAL_THEME,
      fontFamily: FONT_FAMILY,
      fontSize: 13,
      cursorStyle: 'bar',
      scrollback: 1000,
      screenReaderMode: false,
    });
    const custom = lookOptions({ ...look, fontFamily: 'Iosevka', scheme: 'light', screenReaderMode: true });
    expect(custom.fontFamily).toBe(`Iosevka, ${FONT_FAMILY}`);
    expect(custom.theme).toBe(LIGHT_TERMINAL_THEME);
    expect(custom.screenReaderMode).toBe(true);
  });

  it('keeps the cursor steady, so a keystroke does not hold back its own echo', () => {
    // A blinking cursor makes every keydown request a frame; Chromium then holds the page's
    // other tasks, the echo's WebSocket message among them, until that frame is drawn.
    expect(terminalOptions(look, false).cursorBlink).toBe(false);
    expect(terminalOptions(look, true).cursorBlink).toBe(false);
  });
});
