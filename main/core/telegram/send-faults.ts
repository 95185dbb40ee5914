/**
 * Failures of a send that change what the phone service does, told apart from the rest:
 * - `blocked`: 403 "Forbidden: bot was blocked by the user" (or the user deleted their account)
 *   for the paired chat: nothing more can reach it until its user writes to the bot again;
 * - `revoked`: 401 "Unauthorized": the token was revoked in @BotFather or the bot deleted; every
 *   call will fail, so polling stops and the UI asks for a new token.
 * (https://core.telegram.org/bots/api#making-requests: `error_code` and `description`.)
 */
import { GrammyError } from 'grammy';

/** What a failed call means for the phone service, or null for an ordinary failure. */
export type SendFault = 'blocked' | 'revoked' | null;

/**
 * Classifies a failed Bot API call.
 * @param pairedChatId the paired chat; a 403 from another chat (an old one told it was unpaired)
 *   is an ordinary failure.
 */
export function classifySendFault(error: unknown, pairedChatId: number | null): SendFault {
  if (!(error instanceof GrammyError)) return null;
  if (error.error_code === 401) return 'revoked';
  if (error.error_code !== 403 || !/blocked by the user|user is deactivated/i.test(error.description))
    return null;
  const chatId = Number((error.payload as { chat_id?: unknown } | undefined)?.chat_id);
  return pairedChatId !== null && chatId === pairedChatId ? 'blocked' : null;
}

/**
 * The paired group's move to a supergroup, told by a failed call: Telegram answers 400 "group chat
 * was upgraded to a supergroup chat" with `parameters.migrate_to_chat_id`
 * (https://core.telegram.org/bots/api#responseparameters).
 * @returns the old and new chat ids, or null for any other failure.
 */
export function migratedChat(error: unknown): { from: number; to: number } | null {
  if (!(error instanceof GrammyError)) return null;
  const to = error.parameters?.migrate_to_chat_id;
  const from = Number((error.payload as { chat_id?: unknown } | undefined)?.chat_id);
  return typeof to === 'number' && Number.isSafeInteger(from) ? { from, to } : null;
}
