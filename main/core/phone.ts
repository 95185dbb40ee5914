/**
 * Connects the Telegram side ({@link PhoneService}) to the rest of the core: implements the
 * {@link RelayHost} it needs over sessions and prompts, audits every write that came from the
 * phone, and forwards prompt events to it.
 */
import os from 'node:os';
import type { PhoneState, SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { PromptSink } from './attention.js';
import type { PromptCloseReason } from './prompts/tracker.js';
import type { RemoteSessions } from './ptyhost/remote-sessions.js';
import type { AuditLog } from './settings/audit-log.js';
import type { RelayHost } from './telegram/host.js';
import { PhoneService } from './telegram/phone-service.js';
import type { PhoneRecord } from './telegram/phone-store.js';

/**
 * Delay between typed text and the Enter that submits it, in ms. Claude Code turns on bracketed
 * paste, and text plus `\r` in one write is taken as a paste in which `\r` is a newline, so
 * nothing is submitted; a separate write 20 ms or more later submits
 * (/work/shared/claude-code-offline.md, "Submitting typed text"). 50 ms leaves a margin.
 */
export const SUBMIT_DELAY_MS = 50;

/** What the phone adapter needs from the core. */
export interface PhoneDeps {
  options: CoreOptions;
  audit: AuditLog;
  sessions: RemoteSessions;
  info(id: string): SessionInfo | null;
  list(): SessionInfo[];
  markRelayed(sessionId: string, promptId: string): void;
}

/** The phone as the core uses it. */
export interface Phone extends PromptSink {
  state(): PhoneState;
  onState(listener: (state: PhoneState) => void): () => void;
  setToken(token: string): Promise<PhoneState>;
  clearToken(): Promise<PhoneState>;
  setPaused(paused: boolean): PhoneState;
  beginPairing(): Promise<PhoneState>;
  cancelPairing(): PhoneState;
  unpair(): PhoneState;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The settings key of the phone record (paired chat, paused flag). */
const PHONE_KEY = 'phone';

/** Creates the phone adapter; `start()` begins polling when a token is stored. */
export function createPhone(deps: PhoneDeps): Phone {
  let chatId: number | null = null;
  const audit = (sessionId: string, promptId: string | null, via: 'option' | 'keys' | 'text', sent: string) =>
    deps.audit.append({
      session: sessionId,
      sessionName: deps.info(sessionId)?.name ?? sessionId,
      promptId,
      via,
      sent,
      chatId,
    });

  const host: RelayHost = {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => deps.sessions.screenText(id).catch(() => null),
    openPrompt: (id) => deps.info(id)?.prompt ?? null,
    async answerPrompt(sessionId, promptId, optionIndex) {
      const option = deps.info(sessionId)?.prompt?.options[optionIndex];
      const refused = await deps.sessions.answer(sessionId, promptId, optionIndex, 'phone');
      if (!refused && option) audit(sessionId, promptId, 'option', option.keys);
      return refused;
    },
    async sendKeys(sessionId, keys, promptId) {
      const refused = await deps.sessions.sendKeys(sessionId, keys, promptId);
      if (!refused) audit(sessionId, promptId, 'keys', keys);
      return refused;
    },
    async submitText(sessionId, text) {
      const before = deps.info(sessionId);
      if (!before) return 'no-session';
      if (!deps.sessions.running(sessionId)) return 'exited';
      await deps.sessions.write(sessionId, text, 'phone');
      audit(sessionId, before.prompt?.id ?? null, 'text', text);
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!deps.sessions.running(sessionId)) return 'exited';
      await deps.sessions.write(sessionId, '\r', 'phone');
      audit(sessionId, null, 'keys', '\r');
      return null;
    },
    promptRelayed: (sessionId, promptId) => deps.markRelayed(sessionId, promptId),
  };

  const kv = deps.options.settings;
  const service = new PhoneService({
    host,
    secrets: deps.options.secrets,
    // PhoneService validates what it reads back (phone-store.ts).
    store: { get: () => kv.get(PHONE_KEY), set: (r: PhoneRecord) => kv.set(PHONE_KEY, r) },
    apiRoot: deps.options.telegramApiRoot,
    // Logs go to stderr: the headless host's stdout carries only its one "listening" line.
    log: (level, message) => console.error(`[phone] ${level}: ${message}`),
  });
  service.onState((s) => (chatId = s.paired?.chatId ?? null));

  return {
    state: () => service.state(),
    onState: (l) => service.onState(l),
    setToken: (t) => service.setToken(t),
    clearToken: () => service.clearToken(),
    setPaused: (p) => service.setPaused(p),
    beginPairing: () => service.beginPairing(),
    cancelPairing: () => service.cancelPairing(),
    unpair: () => service.unpair(),
    start: async () => {
      await service.start();
      chatId = service.state().paired?.chatId ?? null;
    },
    stop: () => service.stop(),
    promptOpened: (prompt, session) => service.promptOpened(prompt, session),
    promptUpdated: () => {
      // The message already sent keeps its buttons; the desk shows the richer text.
    },
    promptClosed(prompt, reason: PromptCloseReason) {
      // An answer from the phone already edited its own message ("… — answered from phone").
      if (reason === 'answered-from-phone') return;
      service.promptClosed(
        prompt.id,
        reason === 'answered-here' ? 'answered' : reason === 'session-exited' ? 'exited' : 'gone',
      );
    },
  };
}
