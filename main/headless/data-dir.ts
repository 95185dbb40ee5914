/**
 * The headless host's default data folder, shared by `npm run serve` and `npm run doctor`.
 */
import os from 'node:os';
import path from 'node:path';

/** `$AGENT_PAGER_DATA_DIR`, else `$XDG_CONFIG_HOME/agent-pager`, else `~/.config/agent-pager`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AGENT_PAGER_DATA_DIR) return env.AGENT_PAGER_DATA_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'agent-pager');
}
