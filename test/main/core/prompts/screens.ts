/**
 * Loads screen fixtures for the recogniser tests: our own captures in test/fixtures/screens/
 * (JSON written by scripts/capture-screens.ts, with the cursor) and the shared Claude Code
 * 2.1.197 screens in ../shared/screens/ (plain text, read in place when that folder exists).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScreenText } from '../../../../main/core/prompts/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Folder of the shared Claude Code 2.1.197 screens, beside the repository. */
export const SHARED_SCREENS = path.resolve(ROOT, '..', 'shared', 'screens', 'claude-code-2.1.197');

/** True when the shared screens folder exists on this machine. */
export const hasSharedScreens = fs.existsSync(SHARED_SCREENS);

/** One of our captures, e.g. `capture('claude', 'permission')`. */
export function capture(dir: string, name: string): ScreenText {
  const file = path.join(ROOT, 'test', 'fixtures', 'screens', dir, `${name}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { screen: ScreenText }).screen;
}

/**
 * A shared plain-text screen as a 120x40 {@link ScreenText}. The files do not record the cursor;
 * it is put at the end of the last non-blank row (the Claude recognisers do not read it).
 */
export function sharedScreen(name: string): ScreenText {
  const text = fs.readFileSync(path.join(SHARED_SCREENS, `${name}.txt`), 'utf8');
  const lines = text.replace(/\n$/, '').split('\n');
  const rows = Math.max(40, lines.length);
  while (lines.length < rows) lines.push('');
  let cursorRow = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] ?? '').trim() !== '') {
      cursorRow = i;
      break;
    }
  }
  return { lines, cursorRow, cursorCol: (lines[cursorRow] ?? '').trimEnd().length, cols: 120, rows };
}
