/**
 * A throw-away environment in which the real Gemini CLI (0.61.0) starts offline against the fake
 * Gemini API ({@link FakeGeminiApi}), without touching the real home directory:
 *
 * - `GOOGLE_GEMINI_BASE_URL` points at the fake, `GEMINI_API_KEY` is any string;
 * - `$HOME/.gemini/settings.json` selects the `gemini-api-key` auth type (without it the base URL
 *   makes the CLI pick "gateway" and exit with "Invalid auth method selected."), turns off
 *   auto-update and usage statistics;
 * - `$HOME/.gemini/trustedFolders.json` trusts the cwd (no "Do you trust this folder?" dialog);
 * - `CI` and `GITHUB_ACTIONS` are set to `false`: the CLI runs headless (reads stdin, prints "No
 *   input provided via stdin" and exits) whenever either is `true`, even in a terminal
 *   (`isHeadlessMode` in gemini-cli's `packages/core/src/utils/headless.ts`), and CI machines set
 *   `CI=true` for every process they start, the host and its sessions included.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { baseEnv, makeAgentDirs, type AgentEnv } from './codex-env.js';

/** Makes a temp HOME and cwd for the Gemini CLI pointed at the fake at `baseUrl`. */
export async function makeGeminiEnv(options: { baseUrl: string }): Promise<AgentEnv> {
  const { root, home, cwd } = await makeAgentDirs('ap-gemini-');
  const dir = path.join(home, '.gemini');
  await fs.mkdir(dir, { recursive: true });
  const settings = {
    security: { auth: { selectedType: 'gemini-api-key' } },
    ui: { theme: 'Default' },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    privacy: { usageStatisticsEnabled: false },
  };
  await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2), { mode: 0o600 });
  await fs.writeFile(path.join(dir, 'trustedFolders.json'), JSON.stringify({ [cwd]: 'TRUST_FOLDER' }), {
    mode: 0o600,
  });
  const env = {
    ...baseEnv(home),
    GOOGLE_GEMINI_BASE_URL: options.baseUrl,
    GEMINI_API_KEY: 'fake-key',
    CI: 'false',
    GITHUB_ACTIONS: 'false',
  };
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
