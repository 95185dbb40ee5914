/**
 * The {@link RelayHost} the Telegram side uses, over the PTY host's sessions and prompts
 * ({@link RemoteSessions}). Every write that came from the phone is audited FIRST: once the
 * checks pass, the audit line is appended (synchronously, to disk) before the request that
 * writes reaches the PTY host, and when the append fails nothing is written (the refusal is
 * 'audit-failed'), so the audit log never misses a write. The PTY host checks the prompt again
 * when it writes; if it refuses then (the prompt closed in between), a second line records that
 * the audited write was refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { Attention } from './attention.js';
import type { WriteRefusal } from './prompts/types.js';
import type { RemoteSessions } from './ptyhost/remote-sessions.js';
import type { AuditEntry, AuditLog } from './settings/audit-log.js';
import { expandHome } from './sessions/launch-check.js';
import { installedAgents } from './sessions/installed-agents.js';
import type { SettingsService } from './settings/settings.js';
import { effectiveComputerName } from './telegram/computer-name.js';
import { MAX_NEW_FOLDERS, type RelayHost } from './telegram/host.js';
import type { TurnTracker } from './turns.js';

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
  /** The away gate: whether the phone hears of things now. */
  attention: Pick<Attention, 'shouldRelay'>;
  settings: SettingsService;
  /** Each session's turns (busy or not); told when the phone submits text. */
  turns: TurnTracker;
  /** The PATH sessions are launched with (where `/new` looks for agents). */
  sessionPath(): string | undefined;
  /** Every session with its open prompt, in tab order. */
  list(): SessionInfo[];
}

/** Size of a session started from the phone until a view attaches and resizes it, in cells. */
export const PHONE_SESSION_SIZE = { cols: 120, rows: 32 } as const;

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
    get computerName() {
      return effectiveComputerName(
        deps.settings.get().computerName,
        deps.options.computerName ?? os.hostname(),
      );
    },
    computerNameMode: () => deps.settings.get().computerNameInChat,
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
      deps.turns.submitted(sessionId);
      return null;
    },
    // Kept in the PTY host, so a new app after a restart knows the prompt is on the phone already.
    promptRelayed: (sessionId, promptId) => void sessions.markRelayed(sessionId, promptId).catch(() => {}),
    isBusy: (sessionId) => deps.turns.busy(sessionId),
    notifyNow: () => deps.attention.shouldRelay(),
    progressEnabled: () => deps.settings.get().progressMessages,
    setProgressEnabled: (on) => void deps.settings.update({ progressMessages: on }),
    installedAgents: () => installedAgents(deps.sessionPath()),
    newSessionFolders() {
      // Only folders used at the desk (recent ones, open tabs) and those the user listed.
      const candidates = [
        ...deps.settings.recentFolders(),
        ...deps.list().map((s) => s.cwd),
        ...deps.settings.get().phoneFolders.map((f) => expandHome(f)),
      ];
      const seen = new Set<string>();
      const folders: string[] = [];
      for (const folder of candidates) {
        if (seen.has(folder) || folders.length >= MAX_NEW_FOLDERS) continue;
        seen.add(folder);
        if (fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) folders.push(folder);
      }
      return folders;
    },
    async createSession(agent, cwd) {
      try {
        // Named after the folder; "project 2" when a tab of that name exists, so /close can tell them apart.
        const base = path.basename(cwd) || cwd;
        const taken = new Set(deps.list().map((s) => s.name));
        let name = base.slice(0, 72);
        for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 72)} ${n}`;
        const created = await sessions.create(
          { name, agent, command: '', cwd },
          PHONE_SESSION_SIZE.cols,
          PHONE_SESSION_SIZE.rows,
        );
        const session = deps.list().find((s) => s.id === created.id);
        return session ? { session } : { refused: 'The session ended at once.' };
      } catch (error) {
        return { refused: error instanceof Error ? error.message : String(error) };
      }
    },
    closeSession: (sessionId) => sessions.remove(sessionId),
  };
}
