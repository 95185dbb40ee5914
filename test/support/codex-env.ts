/**
 * A throw-away environment in which the real Codex CLI (0.169.0) starts offline against the fake
 * Responses API ({@link FakeResponsesApi}), without touching the real home directory:
 *
 * - `CODEX_HOME/config.toml` sets a custom provider (`model_provider = "fake"`, `wire_api =
 *   "responses"`, key from `FAKE_OPENAI_KEY`), trusts the cwd (no "Trust this folder?" dialog),
 *   and marks the first-run notices as seen;
 * - the cwd is a `git init`ed folder (Codex expects a repository);
 * - run it as `codex --no-daemon -a on-request -s read-only` ({@link CODEX_ARGS}): `--no-daemon`
 *   keeps it from leaving an app-server daemon behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Arguments the tests run Codex with: ask on request, read-only sandbox, no daemon. */
export const CODEX_ARGS = ['--no-daemon', '-a', 'on-request', '-s', 'read-only'];

/** A prepared environment; call {@link AgentEnv.cleanup} when done. */
export interface AgentEnv {
  home: string;
  /** Trusted working directory (a git repository). */
  cwd: string;
  /** Complete environment for the CLI process. */
  env: Record<string, string>;
  /** Removes the temp folders. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** Makes a temp folder with a git-initialised working directory; returns its real paths. */
export async function makeAgentDirs(prefix: string): Promise<{ root: string; home: string; cwd: string }> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'project');
  await fs.mkdir(home, { recursive: true });
  await fs.mkdir(cwd, { recursive: true });
  execFileSync('git', ['init', '-q', cwd], { stdio: 'ignore' });
  return { root, home, cwd };
}

/** Base environment every agent CLI gets in tests. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: process.env.USER ?? 'dev',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    SHELL: '/bin/bash',
  };
}

/** Makes a temp HOME, CODEX_HOME and cwd for Codex pointed at the fake at `baseUrl` (no `/v1`). */
export async function makeCodexEnv(options: { baseUrl: string; extraToml?: string }): Promise<AgentEnv> {
  const { root, home, cwd } = await makeAgentDirs('ap-codex-');
  const codexHome = path.join(home, '.codex');
  await fs.mkdir(codexHome, { recursive: true });
  const toml = [
    'model = "gpt-5"',
    'model_provider = "fake"',
    'check_for_update_on_startup = false',
    options.extraToml ?? '',
    '',
    '[model_providers.fake]',
    'name = "Fake"',
    `base_url = "${options.baseUrl}/v1"`,
    'env_key = "FAKE_OPENAI_KEY"',
    'wire_api = "responses"',
    '',
    '[tui]',
    'screen_reader_detection_done = true',
    '',
    '[tui.model_availability_nux]',
    '"gpt-6.1-sol" = 1',
    '',
    `[projects.${JSON.stringify(cwd)}]`,
    'trust_level = "trusted"',
    '',
  ].join('\n');
  await fs.writeFile(path.join(codexHome, 'config.toml'), toml, { mode: 0o600 });
  const env = { ...baseEnv(home), CODEX_HOME: codexHome, FAKE_OPENAI_KEY: 'sk-test-fake' };
  let cleaned = false;
  return {
    home,
    cwd,
    env,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
