/**
 * A throw-away environment in which the real Claude Code CLI (2.1.197) starts offline against a
 * fake Messages API, without touching the real home directory. Facts observed with Claude Code
 * 2.1.197 (its settings and env vars: https://docs.anthropic.com/en/docs/claude-code/settings):
 *
 * - `HOME` is a fresh temp dir holding `.claude.json` with `hasCompletedOnboarding` (otherwise it
 *   checks connectivity and exits 1) and `hasTrustDialogAccepted` for the cwd (otherwise a trust
 *   dialog shows).
 * - `ANTHROPIC_AUTH_TOKEN` with an empty `ANTHROPIC_API_KEY` avoids the "Detected a custom API key"
 *   dialog; `ANTHROPIC_BASE_URL` points at the fake.
 * - The `DISABLE_*` variables stop telemetry, updates and other traffic.
 *
 * Usage:
 * ```ts
 * const env = await makeClaudeEnv({ baseUrl: api.url });
 * spawnScreen({ file: CLAUDE_BIN, args: [], cwd: env.cwd, env: env.env });
 * await env.cleanup();
 * ```
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLAUDE_BIN } from './agent-bins.js';

/** Absolute path of the pinned Claude Code CLI (test/agents, see `agent-bins.ts`). */
export { CLAUDE_BIN };

/** Version the fixtures and `.claude.json` were written for. */
export const CLAUDE_VERSION = '2.1.197';

/** Options of {@link makeClaudeEnv}. */
export interface ClaudeEnvOptions {
  /** Base URL of the fake Messages API, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Extra keys merged into `.claude.json` (e.g. `messageIdleNotifThresholdMs`). */
  claudeJson?: Record<string, unknown>;
  /** Extra environment variables for the CLI. */
  extraEnv?: Record<string, string>;
}

/** A prepared environment; call {@link ClaudeEnv.cleanup} when done. */
export interface ClaudeEnv {
  /** Temp HOME of the CLI. */
  home: string;
  /** Temp working directory (inside a temp folder, trusted in `.claude.json`). */
  cwd: string;
  /** Complete environment for the CLI process (not merged with the test's own). */
  env: Record<string, string>;
  /** Removes the temp folders. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** Makes a temp HOME and cwd for the CLI and returns the env to run it with. */
export async function makeClaudeEnv(options: ClaudeEnvOptions): Promise<ClaudeEnv> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-claude-'));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'project');
  await fs.mkdir(home, { recursive: true });
  await fs.mkdir(cwd, { recursive: true });
  const realCwd = await fs.realpath(cwd);
  const claudeJson = {
    hasCompletedOnboarding: true,
    lastOnboardingVersion: CLAUDE_VERSION,
    theme: 'dark',
    numStartups: 1,
    customApiKeyResponses: { approved: [], rejected: [] },
    projects: {
      [realCwd]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true, allowedTools: [] },
    },
    ...options.claudeJson,
  };
  await fs.writeFile(path.join(home, '.claude.json'), JSON.stringify(claudeJson, null, 2), { mode: 0o600 });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: process.env.USER ?? 'dev',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    SHELL: '/bin/bash',
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_AUTH_TOKEN: 'fake-token-for-tests',
    ANTHROPIC_API_KEY: '',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    ...options.extraEnv,
  };
  let cleaned = false;
  return {
    home,
    cwd: realCwd,
    env,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
