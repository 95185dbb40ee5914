/**
 * Loads screen fixtures for the recogniser tests from test/fixtures/screens/: our own captures
 * (JSON written by scripts/capture-screens.ts, with the cursor) and `tmux-*` screens of the same
 * programs captured in tmux at 120x40 (their cursor put at the end of the last non-blank row).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScreenText } from '../../../../main/core/prompts/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** One of our captures, e.g. `capture('claude', 'permission')`. */
export function capture(dir: string, name: string): ScreenText {
  const file = path.join(ROOT, 'test', 'fixtures', 'screens', dir, `${name}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { screen: ScreenText }).screen;
}
