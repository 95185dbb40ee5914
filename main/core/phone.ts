/**
 * Creates the phone: the {@link PhoneService} with the RelayHost of `phone-host.ts` (implemented
 * straight over the sessions and Attention, auditing every write from the phone before making
 * it). The service itself is the prompt sink Attention calls.
 */
import { createRelayHost, type PhoneDeps } from './phone-host.js';
import { PhoneService, type PhoneLogger } from './telegram/phone-service.js';
import type { PhoneRecord } from './telegram/phone-store.js';

export { SUBMIT_DELAY_MS, type PhoneDeps } from './phone-host.js';

/** The settings key of the phone record (paired chat, paused flag). */
const PHONE_KEY = 'phone';

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
    apiRoot: deps.options.telegramApiRoot,
    log,
  });
  return service;
}
