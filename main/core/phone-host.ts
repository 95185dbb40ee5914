/**
 * The {@link RelayHost} the Telegram side uses, over the PTY host's sessions and prompts
 * ({@link RemoteSessions}). Every write that came from the phone is audited FIRST: once the
 * checks pass, the audit line is appended (synchronously, to disk) before the request that
 * writes reaches the PTY host, and when the append fails nothing is written (the refusal is
 * 'audit-failed'), so the audit log never misses a write. The PTY host checks the prompt again
 * when it writes; if it refuses then (the prompt closed in between), a second line records that
 * the audited write was refused.
 */
import os from 'node:os';
import type { SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { WriteRefusal } from './prompts/types.js';
import type { RemoteSessions } from './ptyhost/remote-sessions.js';
import type { AuditEntry, AuditLog } from './settings/audit-log.js';
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
  sessions: RemoteSessions;
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
  const { sessions } = deps;
  /** Appends one audit line; false (and logged) when it could not be written. */
  const audit = (
    sessionId: string,
    promptId: string | null,
    via: AuditEntry['via'],
    sent: string,
    refused?: WriteRefusal,
  ): boolean => {
    try {
      deps.audit.append({
        session: sessionId,
        sessionName: sessions.info(sessionId)?.name ?? sessionId,
        promptId,
        via,
        sent,
        chatId: chatId(),
        ...(refused ? { refused } : {}),
      });
      return true;
    } catch (error) {
      log(
        `audit log append failed, nothing typed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  };
  /** The checks the PTY host would make, answered from the app's copy of the session list. */
  const precheck = (sessionId: string, promptId: string | null): WriteRefusal | null => {
    const info = sessions.info(sessionId);
    if (!info) return 'no-session';
    if (!sessions.running(sessionId)) return 'exited';
    if (promptId !== null && info.prompt?.id !== promptId) return 'stale-prompt';
    return null;
  };

  return {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => sessions.screenText(id).catch(() => null),
    screenSnapshot: (id, limits) => sessions.screenSnapshot(id, limits).catch(() => null),
    openPrompt: (id) => sessions.info(id)?.prompt ?? null,
    async answerPrompt(sessionId, promptId, optionIndex) {
      const checked = precheck(sessionId, promptId);
      if (checked) return checked;
      const option = sessions.info(sessionId)?.prompt?.options[optionIndex];
      if (!option) return 'stale-prompt';
      if (!audit(sessionId, promptId, 'option', option.keys)) return 'audit-failed';
      const refused = await sessions.answer(sessionId, promptId, optionIndex, 'phone');
      if (refused) audit(sessionId, promptId, 'option', option.keys, refused);
      return refused;
    },
    async sendKeys(sessionId, keys, promptId) {
      const checked = precheck(sessionId, promptId);
      if (checked) return checked;
      if (!audit(sessionId, promptId, 'keys', keys)) return 'audit-failed';
      const refused = await sessions.sendKeys(sessionId, keys, promptId);
      if (refused) audit(sessionId, promptId, 'keys', keys, refused);
      return refused;
    },
    async submitText(sessionId, text) {
      const checked = precheck(sessionId, null);
      if (checked) return checked;
      if (!audit(sessionId, sessions.info(sessionId)?.prompt?.id ?? null, 'text', text))
        return 'audit-failed';
      await sessions.write(sessionId, text, 'phone');
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!sessions.running(sessionId)) return 'exited';
      if (!audit(sessionId, null, 'keys', '\r')) return 'audit-failed';
      await sessions.write(sessionId, '\r', 'phone');
      return null;
    },
    // Kept in the PTY host, so a new app after a restart knows the prompt is on the phone already.
    promptRelayed: (sessionId, promptId) => void sessions.markRelayed(sessionId, promptId).catch(() => {}),
  };
}
