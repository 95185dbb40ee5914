import { describe, expect, it } from 'vitest';
import { formatScreen } from '../../../../main/core/telegram/format.js';
import {
  PHONE_RULE,
  PHONE_SCREEN_COLUMNS,
  phoneScreen,
} from '../../../../main/core/telegram/phone-screen.js';
import { parseTelegramHtml } from '../../../fakes/telegram-bot-api.js';
import { makeSession } from './memory-relay-host.js';

const RULE = '─'.repeat(120);
/** A Claude Code 2.x permission screen at 120 columns, as the screen model gives it. */
const CLAUDE_SCREEN = [
  ' ▐▛███▜▌   Claude Code v2.1.197',
  '▝▜█████▛▘  Opus 4.8 (1M context) · API Usage Billing',
  '',
  '',
  `❯ please write hello to out.txt${' '.repeat(80)}`,
  '',
  '● Bash(echo hello > out.txt)',
  RULE,
  ' Bash command',
  '',
  '   echo hello > out.txt',
  `   ${'very-long-argument '.repeat(8)}`,
  ' Do you want to proceed?',
  ' ❯ 1. Yes',
  '   2. Yes, and always allow access to work/ from this project',
  '   3. No',
  '',
  '',
  '',
].join('\n');

/** An older boxed input field. */
const BOXED = [
  '╭──────────────────────────────────────────╮',
  '│ > fix the tests                          │',
  '╰──────────────────────────────────────────╯',
].join('\n');

describe('phoneScreen', () => {
  it('turns full-width rules into a short one, cuts long lines, collapses blank runs', () => {
    const text = phoneScreen(CLAUDE_SCREEN);
    const lines = text.split('\n');
    expect(lines.every((l) => l.length <= PHONE_SCREEN_COLUMNS)).toBe(true);
    expect(lines).toContain(PHONE_RULE);
    expect(text).not.toContain('─'.repeat(PHONE_RULE.length + 1));
    expect(text).not.toMatch(/\n\n\n/);
    expect(text).not.toMatch(/\n$/);
    expect(lines).toContain('   2. Yes, and always allow access to work/ from …');
    expect(lines).toContain(' ❯ 1. Yes');
  });

  it('removes the frame of a boxed field and keeps its text', () => {
    expect(phoneScreen(BOXED)).toBe(`${PHONE_RULE}\n> fix the tests\n${PHONE_RULE}`);
  });

  it('is what /screen shows', () => {
    const html = formatScreen(makeSession('s1', 'alpha'), CLAUDE_SCREEN);
    const body = parseTelegramHtml(html).split('\n').slice(1);
    expect(body.every((l) => l.length <= PHONE_SCREEN_COLUMNS)).toBe(true);
    expect(body.join('\n')).toContain('Do you want to proceed?');
  });
});
