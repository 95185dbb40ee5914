/** The one SessionInfo builder of the tests (renderer store, tray model, Telegram side). */
import type { SessionInfo } from '../../contract/bridge.js';

/** A running shell session named after `id`, with `overrides` applied. */
export function sessionInfo(id: string, overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id,
    name: id,
    agent: 'shell',
    commandLine: 'bash -l',
    cwd: `/home/ann/${id}`,
    state: 'running',
    exit: null,
    error: null,
    title: null,
    prompt: null,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}
