/**
 * The phone side's persisted record — the paired chat, the paused flag, whether the chat blocked
 * the bot — behind a tiny store
 * interface that `app.ts` backs with the settings `KeyValueStore` (one key). What is read back is
 * validated with zod; an unreadable record counts as "not paired, not paused".
 */
import { z } from 'zod';

/** The chat bound by pairing. `botId` is the bot it was paired through (a new bot unpairs). */
export const pairedChatSchema = z.object({
  chatId: z.number().int(),
  userId: z.number().int(),
  username: z.string().max(64).nullable(),
  firstName: z.string().max(256),
  botId: z.number().int(),
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

/** Reads and validates the record; defaults when missing or invalid. */
export function loadPhoneRecord(store: PhoneStore): PhoneRecord {
  const parsed = phoneRecordSchema.safeParse(store.get());
  return parsed.success ? parsed.data : { paired: null, paused: false, blocked: false };
}
