/**
 * The {@link RelayHost} the Telegram side uses, over the core's sessions and prompts. Every write
 * that came from the phone is audited FIRST: the audit line is appended (synchronously, to disk)
 * after the checks pass and before the bytes reach the PTY, and when the append fails nothing is
 * written (the refusal is 'audit-failed'), so the audit log never misses a write.
 */
import os from 'node:os';
import type { SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { Attention } from './attention.js';
import type { SessionManager } from './sessions/session-manager.js';
import type { AuditLog } from './settings/audit-log.js';
import type { RelayHost } from './telegram/host.js';

/**
 * Delay between typed text and the Enter that submits it, in ms. Each agent takes text plus an
 * Enter that follows too closely for a paste in which the Enter is a newline, so nothing is
 * submitted: Claude Code 2.1.197 needs 20 ms or more between the writes, Gemini CLI 0.61.0 more
 * than 30 ms (FAST_RETURN_TIMEOUT in its KeypressContext.tsx), Codex CLI 0.169.0 more than about
 * 120 ms (measured in a PTY: 50 ms left the text in the composer, 150 ms submitted). A program
 * that is slow to read (a loaded machine) can still see both in one read, so 500 ms leaves a
 * wide margin; on a phone the extra half second goes unnoticed.
 */
export const SUBMIT_DELAY_MS = 500;

/** What the phone needs from the core. */
export interface PhoneDeps {
  options: CoreOptions;
  audit: AuditLog;
  sessions: SessionManager;
  attention: Attention;
  /** Every session with its open prompt, in tab order. */
  list(): SessionInfo[];
}

/**
 * Builds the RelayHost.
 * @param chatId the paired chat, recorded in each audit line.
 * @param log where a failed audit append is reported (never with the text that was not typed).
 */
export function createRelayHost(
  deps: PhoneDeps,
  chatId: () => number | null,
  log: (message: string) => void,
): RelayHost {
  /** Appends one audit line; false (and logged) when it could not be written. */
  const audit = (
    sessionId: string,
    promptId: string | null,
    via: 'option' | 'keys' | 'text',
    sent: string,
  ) => {
    try {
      deps.audit.append({
        session: sessionId,
        sessionName: deps.sessions.spec(sessionId)?.name ?? sessionId,
        promptId,
        via,
        sent,
        chatId: chatId(),
      });
      return true;
    } catch (error) {
      log(
        `audit log append failed, nothing typed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  };

  const { attention, sessions } = deps;
  return {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => sessions.get(id)?.screen.plainText() ?? null,
    openPrompt: (id) => attention.openPrompt(id),
    answerPrompt: (sessionId, promptId, optionIndex) =>
      attention.answer(sessionId, promptId, optionIndex, 'phone', (keys) =>
        audit(sessionId, promptId, 'option', keys),
      ),
    sendKeys: (sessionId, keys, promptId) =>
      attention.sendKeys(sessionId, keys, promptId, (k) => audit(sessionId, promptId, 'keys', k)),
    async submitText(sessionId, text) {
      const session = sessions.get(sessionId);
      if (!session) return 'no-session';
      if (!session.running) return 'exited';
      if (!audit(sessionId, attention.openPrompt(sessionId)?.id ?? null, 'text', text)) return 'audit-failed';
      session.write(text);
      attention.phoneTyped(sessionId);
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!session.running) return 'exited';
      if (!audit(sessionId, null, 'keys', '\r')) return 'audit-failed';
      session.write('\r');
      return null;
    },
    promptRelayed: (sessionId, promptId) => attention.markRelayed(sessionId, promptId),
  };
}
