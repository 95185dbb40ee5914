/**
 * Connects the Telegram side ({@link PhoneService}) to the rest of the core: implements the
 * {@link RelayHost} it needs over sessions and prompts, audits every write that came from the
 * phone, and forwards prompt events to it.
 */
import os from 'node:os';
import type { PhoneState, PromptInfo, SessionInfo } from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { PromptSink } from './attention.js';
import type { PromptCloseReason } from './prompts/tracker.js';
import type { SessionManager } from './sessions/session-manager.js';
import type { AuditLog } from './settings/audit-log.js';
import type { RelayHost, WriteRefusal } from './telegram/host.js';
import { PhoneService } from './telegram/phone-service.js';
import type { PhoneRecord } from './telegram/phone-store.js';

/**
 * Delay between typed text and the Enter that submits it, in ms. Each agent takes text plus an
 * Enter that follows too closely for a paste in which the Enter is a newline, so nothing is
 * submitted: Claude Code 2.1.197 needs 20 ms or more between the writes, Gemini CLI 0.61.0 more
 * than 30 ms (FAST_RETURN_TIMEOUT in its KeypressContext.tsx), Codex CLI 0.169.0 more than about
 * 120 ms (measured in a PTY: 50 ms left the text in the composer, 150 ms submitted). 200 ms
 * leaves a margin for all three.
 */
export const SUBMIT_DELAY_MS = 200;

/** What the phone adapter needs from the core. */
export interface PhoneDeps {
  options: CoreOptions;
  audit: AuditLog;
  sessions: SessionManager;
  info(id: string): SessionInfo | null;
  list(): SessionInfo[];
  openPrompt(id: string): PromptInfo | null;
  answer(sessionId: string, promptId: string, optionIndex: number): WriteRefusal | null;
  sendKeys(sessionId: string, keys: string, promptId: string | null): WriteRefusal | null;
  phoneTyped(sessionId: string): void;
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
      sessionName: deps.sessions.spec(sessionId)?.name ?? sessionId,
      promptId,
      via,
      sent,
      chatId,
    });

  const host: RelayHost = {
    computerName: deps.options.computerName ?? os.hostname(),
    listSessions: () => deps.list(),
    screenText: (id) => deps.sessions.get(id)?.screen.plainText() ?? null,
    openPrompt: (id) => deps.openPrompt(id),
    answerPrompt(sessionId, promptId, optionIndex) {
      const option = deps.openPrompt(sessionId)?.options[optionIndex];
      const refused = deps.answer(sessionId, promptId, optionIndex);
      if (!refused && option) audit(sessionId, promptId, 'option', option.keys);
      return refused;
    },
    sendKeys(sessionId, keys, promptId) {
      const refused = deps.sendKeys(sessionId, keys, promptId);
      if (!refused) audit(sessionId, promptId, 'keys', keys);
      return refused;
    },
    async submitText(sessionId, text) {
      const session = deps.sessions.get(sessionId);
      if (!session) return 'no-session';
      if (!session.running) return 'exited';
      session.write(text);
      audit(sessionId, deps.openPrompt(sessionId)?.id ?? null, 'text', text);
      deps.phoneTyped(sessionId);
      await new Promise((r) => setTimeout(r, SUBMIT_DELAY_MS));
      if (!session.running) return 'exited';
      session.write('\r');
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
