/**
 * Connects the Telegram side ({@link PhoneService}) to the rest of the core: gives it the
 * RelayHost of `phone-host.ts` (which audits every write from the phone before making it) and
 * forwards prompt events to it.
 */
import type { PhoneState } from '../../contract/bridge.js';
import type { PromptSink } from './attention.js';
import { createRelayHost, type PhoneDeps } from './phone-host.js';
import type { PromptCloseReason } from './prompts/tracker.js';
import { PhoneService, type PhoneLogger } from './telegram/phone-service.js';
import type { PhoneRecord } from './telegram/phone-store.js';

export type { PhoneDeps } from './phone-host.js';

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
  // Logs go to stderr: the headless host's stdout carries only its one "listening" line.
  const log: PhoneLogger = (level, message) => console.error(`[phone] ${level}: ${message}`);
  const host = createRelayHost(
    deps,
    () => chatId,
    (message) => log('error', message),
  );

  const kv = deps.options.settings;
  const service = new PhoneService({
    host,
    secrets: deps.options.secrets,
    // PhoneService validates what it reads back (phone-store.ts).
    store: { get: () => kv.get(PHONE_KEY), set: (r: PhoneRecord) => kv.set(PHONE_KEY, r) },
    apiRoot: deps.options.telegramApiRoot,
    log,
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
