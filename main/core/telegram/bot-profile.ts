/**
 * What the bot tells Telegram about itself once its token is accepted, and which updates it asks
 * for:
 * - the command menu, registered for group chats and private chats (scopes `all_group_chats`,
 *   `all_private_chats`, https://core.telegram.org/bots/api#botcommandscope), after removing any
 *   menu of the default scope;
 * - the description (shown in an empty chat, before Start) and short description (the bot's
 *   profile), so a user who opens the bot from BotFather's link learns how to pair;
 * - {@link ALLOWED_UPDATES}: messages, edits (answered: edits are not typed) and button taps.
 * Failures are logged and never fatal.
 */
import type { Api } from 'grammy';
import { BOT_COMMANDS } from './composers/commands.js';

/** Update kinds requested with getUpdates (`allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
/** The bot's description, ≤ 512 chars (https://core.telegram.org/bots/api#setmydescription). */
export const BOT_DESCRIPTION =
  'Agent Pager sends you the prompts of the coding sessions on your computer (Claude Code, Codex, Gemini CLI, shells) and types your answers back. To pair this chat: open Agent Pager on the computer → Phone → Pair phone, then scan the QR code with your phone and press Start.';
/** The bot's short description, ≤ 120 chars (https://core.telegram.org/bots/api#setmyshortdescription). */
export const BOT_SHORT_DESCRIPTION =
  'Answers your coding agents’ prompts from your phone. Pair it from Agent Pager → Phone.';

/** Registers the command menu (group and private chats) and the descriptions; logs failures. */
export async function setupBotProfile(api: Api, warn: (message: string) => void): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ['deleteMyCommands', () => api.deleteMyCommands()],
    // Groups too: a group shared by several computers' bots shows each bot's commands with its name.
    ['setMyCommands', () => api.setMyCommands(BOT_COMMANDS, { scope: { type: 'all_group_chats' } })],
    ['setMyCommands', () => api.setMyCommands(BOT_COMMANDS, { scope: { type: 'all_private_chats' } })],
    ['setMyDescription', () => api.setMyDescription(BOT_DESCRIPTION)],
    ['setMyShortDescription', () => api.setMyShortDescription(BOT_SHORT_DESCRIPTION)],
  ];
  for (const [name, run] of steps) {
    try {
      await run();
    } catch (error) {
      warn(`${name} failed (not fatal): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
