/**
 * Steps a user takes in the Agent Pager page, by accessible names (the same ones a screen reader
 * announces), shared by the end-to-end tests.
 */
import type { Page } from 'playwright-core';

export interface NewSession {
  preset: 'Claude Code' | 'Codex' | 'Gemini CLI' | 'Shell' | 'Custom command';
  cwd: string;
  name?: string;
  command?: string;
}

/** Opens "New session", fills the dialog and presses Start; waits for the new tab. */
export async function createSession(page: Page, s: NewSession): Promise<void> {
  await page.getByRole('button', { name: 'New session', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: new RegExp(`^${s.preset}`) }).check();
  if (s.command !== undefined) await dialog.getByLabel('Command').fill(s.command);
  await dialog.getByLabel('Working directory').fill(s.cwd);
  if (s.name !== undefined) await dialog.getByLabel('Name').fill(s.name);
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
  if (s.name) await page.getByRole('tab', { name: s.name, exact: true }).waitFor({ timeout: 15_000 });
}

/** Focuses the visible terminal so keystrokes go to it. */
export async function focusTerminal(page: Page): Promise<void> {
  const panel = page.locator('[role="tabpanel"]:visible');
  await panel.locator('.xterm').click();
}

/** Types a line into the visible terminal and presses Enter as its own keystroke. */
export async function typeLine(page: Page, text: string): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.type(text, { delay: 5 });
  await page.waitForTimeout(60);
  await page.keyboard.press('Enter');
}
