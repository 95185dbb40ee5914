/**
 * The Claude Code settings overlay: a settings file that only adds hooks, passed to the CLI as
 * `claude --settings <file>`. Each hook runs the hook helper, which forwards the event to the
 * app's {@link HookReceiver}; which session it belongs to travels in the PTY's environment, so
 * one file serves every session.
 *
 * `--settings` is an additional settings layer ("Command line arguments: temporary overrides for a
 * specific session", above the user's ~/.claude/settings.json and the project files; "settings
 * are merged", https://code.claude.com/docs/en/settings#settings-precedence), so the user's own
 * settings and hooks keep working; the integration test checks a user-level hook still runs.
 *
 * Hook format (https://code.claude.com/docs/en/hooks):
 * `{"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "…"}]}]}}`;
 * events about tools (PreToolUse, PermissionRequest, PostToolUse) and Notification/SessionStart take a
 * matcher, UserPromptSubmit and Stop take none.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HookRunner } from '../app-types.js';
import { HOOK_EVENTS, type HookEventName } from './hook-event.js';

/** File name of the overlay inside the given folder. */
export const OVERLAY_FILE_NAME = 'claude-hooks.settings.json';

/** Seconds Claude Code gives the helper before it gives up on it (the helper exits within ~1 s). */
export const HOOK_TIMEOUT_SECONDS = 10;

/** Events that take a matcher; "*" matches every tool / notification type / start source. */
const WITH_MATCHER: ReadonlySet<HookEventName> = new Set([
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'SessionStart',
]);

/** Quotes one word for POSIX `sh -c`: wrapped in single quotes, inner `'` as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook command line: `NAME='value' … '<command>' '<helperPath>'`.
 * @throws Error when an env name is not a valid shell variable name.
 */
export function hookCommand(runner: HookRunner): string {
  const assignments = Object.entries(runner.env).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`invalid environment variable name for the hook command: ${name}`);
    return `${name}=${shellQuote(value)}`;
  });
  return [...assignments, shellQuote(runner.command), shellQuote(runner.helperPath)].join(' ');
}

/** The overlay's JSON object for a runner. */
export function hookSettings(runner: HookRunner): { hooks: Record<string, unknown[]> } {
  const command = hookCommand(runner);
  const hooks: Record<string, unknown[]> = {};
  for (const event of HOOK_EVENTS) {
    const entry: Record<string, unknown> = {
      hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }],
    };
    if (WITH_MATCHER.has(event)) entry.matcher = '*';
    hooks[event] = [entry];
  }
  return { hooks };
}

/**
 * Writes the overlay into `dir` (created if missing) with mode 0600 and returns its absolute
 * path, to pass as `claude --settings <path>`.
 * @throws Error from the file system (no permission, disk full).
 */
export async function writeSettingsOverlay(dir: string, runner: HookRunner): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.resolve(dir, OVERLAY_FILE_NAME);
  await fs.writeFile(file, JSON.stringify(hookSettings(runner), null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return file;
}
