/**
 * Creates the phone: the {@link PhoneService} with the Telegram side's RelayHost (phone-host.ts: over the PTY host's sessions and prompts,
 * auditing every write from the phone before making it). The service itself is the prompt sink
 * the away gate (attention.ts) calls.
 */
import { createRelayHost, type PhoneDeps } from './phone-host.js';
import { PhoneService, type PhoneLogger } from './telegram/phone-service.js';
import type { PhoneRecord, RelayMemory } from './telegram/phone-store.js';

export { PHONE_SESSION_SIZE, SUBMIT_DELAY_MS, type PhoneDeps } from './phone-host.js';

/** The settings key of the phone record (paired chat, paused flag). */
const PHONE_KEY = 'phone';
/** The settings key of the relay's memory of prompt messages (kept across restarts). */
const RELAY_KEY = 'phoneRelay';

/** Creates the phone (not started: `start()` begins polling when a token is stored). */
export function createPhone(deps: PhoneDeps): PhoneService {
  // Assigned below; the host's methods only run once the bot delivers updates.
  let service: PhoneService | null = null;
  // Logs go to stderr: the headless host's stdout carries only its one "listening" line.
  const log: PhoneLogger = (level, message) => console.error(`[phone] ${level}: ${message}`);
  const host = createRelayHost(
    deps,
    () => service?.state().paired?.chatId ?? null,
    (message) => log('error', message),
  );
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
    log,
  });
  return service;
}
