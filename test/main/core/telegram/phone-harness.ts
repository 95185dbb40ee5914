/**
 * Shared setup for tests of the Telegram side: the real grammY bot long-polls the fake Bot API
 * over HTTP; the core is the in-memory RelayHost. `setup()` registers the harness for
 * `teardown()` (call it in `afterEach`).
 */
import { expect } from 'vitest';
import type { SecretStore } from '../../../../main/core/app-types.js';
import type { PhoneState } from '../../../../contract/bridge.js';
import { PhoneService, type PhoneServiceOptions } from '../../../../main/core/telegram/phone-service.js';
import type { PhoneRecord, PhoneStore } from '../../../../main/core/telegram/phone-store.js';
import {
  FakeTelegramBotApi,
  type FakeMessage,
  type FakeTelegramBotApiOptions,
} from '../../../fakes/telegram-bot-api.js';
import { MemoryRelayHost } from './memory-relay-host.js';

export const USER = { id: 555, first_name: 'Ada', username: 'ada' };
export const CHAT = 555;
export const STRANGER = { id: 777, first_name: 'Eve' };

/** A phone record kept in memory (as the settings store keeps it: a copy). */
export function memoryPhoneStore(): PhoneStore {
  let value: unknown;
  return {
    get: () => value,
    set: (record: PhoneRecord) => (value = structuredClone(record)),
  };
}

/** A SecretStore in memory. */
export function memorySecrets(): SecretStore {
  let value: string | null = null;
  return { kind: 'file', get: () => value, set: (v) => (value = v) };
}

export interface Harness {
  tg: FakeTelegramBotApi;
  host: MemoryRelayHost;
  phone: PhoneService;
  logs: string[];
  clock: { now: number };
  /** The options the phone was made with (same store and secrets: a restart makes a new one). */
  options: PhoneServiceOptions;
}

let current: Harness | null = null;

/** Starts the fake and a PhoneService with short test timings. */
export async function setup(
  options: Partial<PhoneServiceOptions> = {},
  fake: FakeTelegramBotApiOptions = {},
): Promise<Harness> {
  const tg = new FakeTelegramBotApi(fake);
  await tg.start();
  const host = new MemoryRelayHost();
  const logs: string[] = [];
  const clock = { now: Date.now() };
  const phoneOptions: PhoneServiceOptions = {
    host,
    secrets: memorySecrets(),
    store: memoryPhoneStore(),
    apiRoot: tg.apiRoot,
    env: {},
    log: (level, message) => logs.push(`${level} ${message}`),
    now: () => clock.now,
    rateLimits: { chatPerSecond: 20 },
    pollTimeoutSeconds: 5,
    maxBackoffMs: 1000,
    conflictRetryMs: 300,
    ...options,
  };
  const phone = new PhoneService(phoneOptions);
  current = { tg, host, phone, logs, clock, options: phoneOptions };
  return current;
}

/** Stops the phone and starts a new one over the same store, secrets and host (an app restart). */
export async function restart(h: Harness): Promise<void> {
  await h.phone.stop();
  h.phone = new PhoneService(h.options);
  await h.phone.start();
  await waitForState(h.phone, (s) => s.polling === 'running');
}

/** Stops the service and the fake of the last `setup()`. */
export async function teardown(): Promise<void> {
  if (!current) return;
  const h = current;
  current = null;
  await h.phone.stop();
  await h.tg.close();
}

/** Resolves with the first state (current or future) matching `predicate`. */
export function waitForState(
  phone: PhoneService,
  predicate: (s: PhoneState) => boolean,
  timeoutMs = 8000,
): Promise<PhoneState> {
  return new Promise((resolve, reject) => {
    if (predicate(phone.state())) return resolve(phone.state());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`state not reached: ${JSON.stringify({ ...phone.state(), pairing: null })}`));
    }, timeoutMs);
    const sub = phone.onState((s) => {
      if (predicate(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

/** The pairing token inside an offer's deep link. */
export function tokenOf(state: PhoneState): string {
  return new URL(state.pairing!.deepLink).searchParams.get('start')!;
}

/** Sets the token, opens a pairing offer and pairs CHAT/USER through the deep link's /start. */
export async function pairPhone(h: Harness): Promise<void> {
  const state = await h.phone.setToken(h.tg.token);
  expect(state.token).toBe('valid');
  const offer = await h.phone.beginPairing();
  h.tg.userSends(CHAT, USER, `/start ${tokenOf(offer)}`);
  await h.tg.waitForMessage(
    (m) => m.chatId === CHAT && m.fromBot && m.text.includes('Paired with test-desk'),
  );
}

/** The first bot message in CHAT (current or future) matching `predicate`. */
export function botMessage(
  h: Harness,
  predicate: (m: FakeMessage) => boolean,
  timeoutMs = 8000,
): Promise<FakeMessage> {
  return h.tg.waitForMessage((m) => m.chatId === CHAT && m.fromBot && predicate(m), timeoutMs);
}

/** Resolves once the bot reacted to the user's message (the sign that it was typed). */
export function typed(h: Harness, message: FakeMessage, timeoutMs = 8000): Promise<FakeMessage> {
  return h.tg.waitForMessage(
    (m) => m.chatId === message.chatId && m.messageId === message.messageId && m.reactions.length > 0,
    timeoutMs,
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
