/**
 * Codex's `notify` setting, layered: Agent Pager runs Codex with `-c notify=[<our helper>,
 * ...<the user's notify>]`, so the app learns when a turn ends (faster and more precise than the
 * screen) and the user's own notify program still runs (the helper calls it with the same JSON).
 *
 * `notify` is a top-level array of strings in `$CODEX_HOME/config.toml` (default `~/.codex`),
 * e.g. `notify = ["notify-send", "Codex"]` (Codex's docs: docs/config.md, "notify"). When the
 * user's value cannot be read with certainty, Agent Pager leaves notify alone and relies on the
 * screen, rather than risk replacing the user's program.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HookRunner } from '../app-types.js';

/** The file name of the helper, beside hook-helper.cjs. */
export const NOTIFY_HELPER_FILE = 'codex-notify.cjs';

/** Largest config.toml read, in bytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** `$CODEX_HOME/config.toml`, default `~/.codex/config.toml`. */
export function codexConfigPath(env: Record<string, string | undefined>): string {
  return path.join(env.CODEX_HOME || path.join(env.HOME || os.homedir(), '.codex'), 'config.toml');
}

/** One TOML string (basic "…" or literal '…') at the start of `s`: its value and length, or null. */
function tomlString(s: string): { value: string; length: number } | null {
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    return end < 0 ? null : { value: s.slice(1, end), length: end + 1 };
  }
  const m = /^"(?:[^"\\\n]|\\.)*"/.exec(s);
  if (!m) return null;
  try {
    return { value: JSON.parse(m[0]) as string, length: m[0].length };
  } catch {
    return null;
  }
}

/**
 * The user's top-level `notify` array from config.toml text: `[]` when not set, the strings when
 * set, or null when it is set in a form this reader does not understand (then keep out of it).
 */
export function parseUserNotify(toml: string): string[] | null {
  for (const raw of toml.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) return [];
    const m = /^notify\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let rest = (m[1] ?? '').trim();
    if (!rest.startsWith('[')) return null;
    rest = rest.slice(1).trimStart();
    const out: string[] = [];
    while (!rest.startsWith(']')) {
      const str = tomlString(rest);
      if (!str) return null;
      out.push(str.value);
      rest = rest.slice(str.length).trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
      else if (!rest.startsWith(']')) return null;
    }
    const after = rest.slice(1).trim();
    return after === '' || after.startsWith('#') ? out : null;
  }
  return [];
}

/** Reads the user's notify; null when unreadable or not understood (also when too big). */
export function readUserNotify(env: Record<string, string | undefined>): string[] | null {
  const file = codexConfigPath(env);
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES) return null;
    return parseUserNotify(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? [] : null;
  }
}

/**
 * The `-c notify=[…]` arguments for a Codex launch, or [] when notify must be left alone (the
 * user's value is not understood, or the runner needs env variables on Windows, where there is no
 * `env` program to set them).
 */
export function codexNotifyArgs(
  runner: HookRunner,
  userNotify: string[] | null,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (userNotify === null) return [];
  const envWords = Object.entries(runner.env).map(([k, v]) => `${k}=${v}`);
  if (envWords.length > 0 && platform === 'win32') return [];
  const helper = path.join(path.dirname(runner.helperPath), NOTIFY_HELPER_FILE);
  const program = envWords.length > 0 ? ['/usr/bin/env', ...envWords, runner.command] : [runner.command];
  const words = [...program, helper, ...userNotify];
  return ['-c', `notify=[${words.map((w) => JSON.stringify(w)).join(', ')}]`];
}
