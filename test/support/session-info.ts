/** The one SessionInfo builder of the tests (renderer store, tray model, Telegram side). */
import type { PromptInfo, PromptKind, SessionInfo } from '../../contract/bridge.js';

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
    stoppedByRestart: false,
    resumeCommand: null,
    ...overrides,
  };
}

/** A prompt of `kind` open on session `sessionId`. */
export function promptInfo(sessionId: string, kind: PromptKind): PromptInfo {
  return {
    id: `p-${sessionId}`,
    sessionId,
    kind,
    title: 'Continue? [y/N]',
    body: '',
    options: [],
    openedAt: 1_700_000_000_000,
    relayed: false,
    quiet: false,
  };
}
