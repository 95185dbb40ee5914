/**
 * Creates the phone: the {@link PhoneService} with the {@link RelayHost} it needs, implemented
 * straight over the sessions and {@link Attention}, auditing every write that came from the phone.
 * The service itself is the prompt sink Attention calls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { Attention } from './attention.js';
import type { SessionManager } from './sessions/session-manager.js';
import { expandHome } from './sessions/launch-check.js';
import { installedAgents } from './sessions/installed-agents.js';
import type { SettingsService } from './settings/settings.js';
import type { TurnTracker } from './turns.js';
import type { AuditLog } from './settings/audit-log.js';
import { MAX_NEW_FOLDERS, type RelayHost } from './telegram/host.js';
import { PhoneService } from './telegram/phone-service.js';
import type { PhoneRecord } from './telegram/phone-store.js';

/**
 * Delay between typed text and the Enter that submits it, in ms. Claude Code turns on bracketed
 * paste, and text plus `\r` in one write is taken as a paste in which `\r` is a newline, so
 * nothing is submitted; a separate write 20 ms or more later submits (observed with Claude Code
 * 2.1.197; bracketed paste: https://invisible-island.net/xterm/ctlseqs/ctlseqs.html#h2-Bracketed-Paste-Mode).
 * 50 ms leaves a margin.
 */
export const SUBMIT_DELAY_MS = 50;

/** What the phone needs from the core. */
export interface PhoneDeps {
  options: CoreOptions;
  audit: AuditLog;
  sessions: SessionManager;
  attention: Attention;
  settings: SettingsService;
  turns: TurnTracker;
  /** The PATH sessions are launched with (where `/new` looks for agents). */
  sessionPath(): string | undefined;
  /** Every session with its open prompt, in tab order. */
  list(): SessionInfo[];
}

/** Size of a session started from the phone until a view attaches and resizes it, in cells. */
export const PHONE_SESSION_SIZE = { cols: 120, rows: 32 } as const;

/** The settings key of the phone record (paired chat, paused flag). */
const PHONE_KEY = 'phone';

/** Creates the phone (not started: `start()` begins polling when a token is stored). */
export function createPhone(deps: PhoneDeps): PhoneService {
  const { attention, sessions } = deps;
  // Assigned below; the host's methods only run once the bot delivers updates.
  let service: PhoneService | null = null;
  const audit = (sessionId: string, promptId: string | null, via: 'option' | 'keys' | 'text', sent: string) =>
    deps.audit.append({
      session: sessionId,
      sessionName: sessions.spec(sessionId)?.name ?? sessionId,
      promptId,
      via,
      sent,
      chatId: service?.state().paired?.chatId ?? null,
    });

  const host: RelayHost = {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => sessions.get(id)?.screen.plainText() ?? null,
    openPrompt: (id) => attention.openPrompt(id),
    answerPrompt(sessionId, promptId, optionIndex) {
      const option = attention.openPrompt(sessionId)?.options[optionIndex];
      const refused = attention.answer(sessionId, promptId, optionIndex, 'phone');
      if (!refused && option) audit(sessionId, promptId, 'option', option.keys);
      return refused;
    },
    sendKeys(sessionId, keys, promptId) {
      const refused = attention.sendKeys(sessionId, keys, promptId);
      if (!refused) audit(sessionId, promptId, 'keys', keys);
      return refused;
    },
    async submitText(sessionId, text) {
      const session = sessions.get(sessionId);
      if (!session) return 'no-session';
      if (!session.running) return 'exited';
      session.write(text);
      audit(sessionId, attention.openPrompt(sessionId)?.id ?? null, 'text', text);
      attention.phoneTyped(sessionId);
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!session.running) return 'exited';
      session.write('\r');
      audit(sessionId, null, 'keys', '\r');
      deps.turns.submitted(sessionId);
      return null;
    },
    promptRelayed: (sessionId, promptId) => attention.markRelayed(sessionId, promptId),
    isBusy: (sessionId) => deps.turns.busy(sessionId),
    notifyNow: () => attention.shouldRelay(),
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
        const id = await sessions.create(
          { name, agent, command: '', cwd },
          PHONE_SESSION_SIZE.cols,
          PHONE_SESSION_SIZE.rows,
        );
        const session = deps.list().find((s) => s.id === id);
        return session ? { session } : { refused: 'The session ended at once.' };
      } catch (error) {
        return { refused: error instanceof Error ? error.message : String(error) };
      }
    },
    closeSession: (sessionId) => sessions.remove(sessionId),
  };

  const kv = deps.options.settings;
  service = new PhoneService({
    host,
    secrets: deps.options.secrets,
    // PhoneService validates what it reads back (phone-store.ts).
    store: { get: () => kv.get(PHONE_KEY), set: (r: PhoneRecord) => kv.set(PHONE_KEY, r) },
    apiRoot: deps.options.telegramApiRoot,
    // Logs go to stderr: the headless host's stdout carries only its one "listening" line.
    log: (level, message) => console.error(`[phone] ${level}: ${message}`),
  });
  return service;
}
