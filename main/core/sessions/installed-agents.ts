/**
 * Which agent presets can start on this computer: a preset counts as installed when its
 * executable is found on the sessions' PATH (the same lookup a launch does); the shell always is.
 * One small function, so a fuller list (versions, more agents) can replace it.
 */
import which from 'which';
import type { AgentKind } from '../../../contract/bridge.js';
import { presetCommands } from './presets.js';

/** Agent kinds offered by `/new`, in menu order. */
export const NEW_SESSION_AGENTS: readonly AgentKind[] = ['claude', 'codex', 'gemini', 'shell'];

/**
 * The installed agent kinds, in {@link NEW_SESSION_AGENTS} order (`shell` always last).
 * @param envPath the PATH sessions are launched with.
 */
export async function installedAgents(envPath: string | undefined): Promise<AgentKind[]> {
  const found: AgentKind[] = [];
  for (const kind of NEW_SESSION_AGENTS) {
    if (kind === 'shell' || kind === 'custom') continue;
    const hit = await which(presetCommands[kind], { path: envPath ?? '', nothrow: true });
    if (hit) found.push(kind);
  }
  found.push('shell');
  return found;
}
