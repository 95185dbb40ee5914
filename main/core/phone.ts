/**
 * Creates the phone: the {@link PhoneService} with the {@link RelayHost} it needs, implemented
 * over the PTY host's sessions and prompts ({@link RemoteSessions}), auditing every write that
 * came from the phone. The service itself is the prompt sink the away gate (attention.ts) calls.
 */
import os from 'node:os';
import type { SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { RemoteSessions } from './ptyhost/remote-sessions.js';
import type { AuditLog } from './settings/audit-log.js';
import type { RelayHost } from './telegram/host.js';
import { PhoneService } from './telegram/phone-service.js';
import type { PhoneRecord, RelayMemory } from './telegram/phone-store.js';

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

/** The settings key of the phone record (paired chat, paused flag). */
const PHONE_KEY = 'phone';
/** The settings key of the relay's memory of prompt messages (kept across restarts). */
const RELAY_KEY = 'phoneRelay';

/** Creates the phone (not started: `start()` begins polling when a token is stored). */
export function createPhone(deps: PhoneDeps): PhoneService {
  const { sessions } = deps;
  // Assigned below; the host's methods only run once the bot delivers updates.
  let service: PhoneService | null = null;
  const audit = (sessionId: string, promptId: string | null, via: 'option' | 'keys' | 'text', sent: string) =>
    deps.audit.append({
      session: sessionId,
      sessionName: sessions.info(sessionId)?.name ?? sessionId,
      promptId,
      via,
      sent,
      chatId: service?.state().paired?.chatId ?? null,
    });

  const host: RelayHost = {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => sessions.screenText(id).catch(() => null),
    openPrompt: (id) => sessions.info(id)?.prompt ?? null,
    async answerPrompt(sessionId, promptId, optionIndex) {
      const option = sessions.info(sessionId)?.prompt?.options[optionIndex];
      const refused = await sessions.answer(sessionId, promptId, optionIndex, 'phone');
      if (!refused && option) audit(sessionId, promptId, 'option', option.keys);
      return refused;
    },
    async sendKeys(sessionId, keys, promptId) {
      const refused = await sessions.sendKeys(sessionId, keys, promptId);
      if (!refused) audit(sessionId, promptId, 'keys', keys);
      return refused;
    },
    async submitText(sessionId, text) {
      const before = sessions.info(sessionId);
      if (!before) return 'no-session';
      if (!sessions.running(sessionId)) return 'exited';
      await sessions.write(sessionId, text, 'phone');
      audit(sessionId, before.prompt?.id ?? null, 'text', text);
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!sessions.running(sessionId)) return 'exited';
      await sessions.write(sessionId, '\r', 'phone');
      audit(sessionId, null, 'keys', '\r');
      return null;
    },
    // Kept in the PTY host, so a new app after a restart knows the prompt is on the phone already.
    promptRelayed: (sessionId, promptId) => void sessions.markRelayed(sessionId, promptId).catch(() => {}),
  };

  const kv = deps.options.settings;
  service = new PhoneService({
    host,
    secrets: deps.options.secrets,
    // PhoneService validates what it reads back (phone-store.ts).
    store: { get: () => kv.get(PHONE_KEY), set: (r: PhoneRecord) => kv.set(PHONE_KEY, r) },
    relayStore: {
      get: () => kv.get(RELAY_KEY),
      set: (m: RelayMemory | null) => (m ? kv.set(RELAY_KEY, m) : kv.delete(RELAY_KEY)),
    },
    apiRoot: deps.options.telegramApiRoot,
    // Logs go to stderr: the headless host's stdout carries only its one "listening" line.
    log: (level, message) => console.error(`[phone] ${level}: ${message}`),
  });
  return service;
}
