/**
 * The phone side's persisted record — the paired chat, the paused flag, whether the chat blocked
 * the bot — behind a tiny store
 * interface that `app.ts` backs with the settings `KeyValueStore` (one key). What is read back is
 * validated with zod; an unreadable record counts as "not paired, not paused".
 */
import { z } from 'zod';
import type { PhoneState } from '../../../contract/bridge.js';

/**
 * The chat bound by pairing. `botId` is the bot it was paired through (a new bot unpairs). In a
 * group (`chatType` group or supergroup, named `title`) only `userId` may act; records from
 * before group pairing existed are private chats.
 */
export const pairedChatSchema = z.object({
  chatId: z.number().int(),
  userId: z.number().int(),
  username: z.string().max(64).nullable(),
  firstName: z.string().max(256),
  botId: z.number().int(),
  chatType: z.enum(['private', 'group', 'supergroup']).default('private'),
  title: z.string().max(256).nullable().default(null),
});
export type PairedChat = z.infer<typeof pairedChatSchema>;

/**
 * The whole persisted record. `blocked`: the paired chat blocked the bot (Telegram answered 403),
 * so nothing is sent until its user writes to the bot again.
 */
export const phoneRecordSchema = z.object({
  paired: pairedChatSchema.nullable(),
  paused: z.boolean(),
  blocked: z.boolean().default(false),
});
export type PhoneRecord = z.infer<typeof phoneRecordSchema>;

/** Storage of the record, e.g. `{ get: () => kv.get('phone'), set: (v) => kv.set('phone', v) }`. */
export interface PhoneStore {
  /** The stored value as is (validated by the reader), or undefined. */
  get(): unknown;
  set(record: PhoneRecord): void;
}

/** The paired chat as the desk sees it (`PhoneState.paired`: without the bot id). */
export function publicPaired(p: PairedChat | null): PhoneState['paired'] {
  if (!p) return null;
  const { chatId, userId, username, firstName, chatType, title } = p;
  return { chatId, userId, username, firstName, chatType, title };
}

/** Reads and validates the record; defaults when missing or invalid. */
export function loadPhoneRecord(store: PhoneStore): PhoneRecord {
  const parsed = phoneRecordSchema.safeParse(store.get());
  return parsed.success ? parsed.data : { paired: null, paused: false, blocked: false };
}

/** Most relayed prompts remembered across restarts (older ones are forgotten first). */
export const MAX_REMEMBERED_PROMPTS = 100;

/** One relayed prompt's message, as remembered across app restarts. */
export const relayedPromptSchema = z.object({
  promptId: z.string().min(1).max(64),
  sessionId: z.string().min(1).max(64),
  options: z.array(z.object({ label: z.string().max(1000) })).max(100),
  /** The message text as sent (HTML), the base of later edits. */
  html: z.string().max(8192),
  messageId: z.number().int().nullable(),
  status: z.enum(['sent', 'unknown', 'answered']),
});
export type RelayedPromptRecord = z.infer<typeof relayedPromptSchema>;

/** The relay's memory of its prompt messages, for one chat. */
export const relayMemorySchema = z.object({
  chatId: z.number().int(),
  prompts: z.array(relayedPromptSchema).max(MAX_REMEMBERED_PROMPTS),
});
export type RelayMemory = z.infer<typeof relayMemorySchema>;

/**
 * Where the relay keeps which prompt went out as which message, so after an app restart a prompt
 * is never sent twice, a tap on an old message edits it properly, and a prompt that closes later
 * still edits its message. Backed by the settings store (one key), validated when read.
 */
export interface RelayStore {
  /** The stored value as is (validated by the reader), or undefined. */
  get(): unknown;
  set(memory: RelayMemory | null): void;
}

/** Reads the relay memory for `chatId`; empty when missing, invalid, or for another chat. */
export function loadRelayMemory(store: RelayStore, chatId: number): RelayedPromptRecord[] {
  const parsed = relayMemorySchema.safeParse(store.get());
  return parsed.success && parsed.data.chatId === chatId ? parsed.data.prompts : [];
}
