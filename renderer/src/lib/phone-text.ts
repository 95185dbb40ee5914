/**
 * Plain-words texts of the phone panel: the polling state and the pairing code's countdown.
 */
import type { ComputerNameMode, PhoneState } from '../../../contract/bridge.js';

/**
 * What the bot's long polling state means for the user. `conflict` is Telegram's 409 reply to
 * getUpdates: only one program may poll a bot at a time (Bot API, "getUpdates").
 */
export function pollingText(polling: PhoneState['polling']): { tone: 'ok' | 'warn' | 'off'; text: string } {
  switch (polling) {
    case 'running':
      return { tone: 'ok', text: 'Online: listening for your answers.' };
    case 'stopped':
      return { tone: 'off', text: 'Not listening to Telegram.' };
    case 'offline':
      return {
        tone: 'warn',
        text: 'Offline: Telegram cannot be reached right now. Retrying; prompts are sent once it is back.',
      };
    case 'conflict':
      return {
        tone: 'warn',
        text: 'Another computer is using this bot token, and Telegram lets only one read a bot’s messages. Each computer needs its own bot: create one with @BotFather and paste its token here (several computers’ bots can share one group chat).',
      };
  }
}

/** Time left until `expiresAt`, as "m:ss" (never negative); "expired" at or after expiry. Times in epoch ms. */
export function countdownText(expiresAt: number, now: number): string {
  const left = Math.ceil((expiresAt - now) / 1000);
  if (left <= 0) return 'expired';
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Shown while the paired chat blocks the bot (Telegram answers 403 to every message). */
export const BLOCKED_TEXT =
  'Your Telegram account blocked the bot, so prompts cannot reach your phone. Open the bot in Telegram and press Start (or send /start) to receive them again.';

/** "@username" of the paired account, else its first name. */
export function pairedName(paired: NonNullable<PhoneState['paired']>): string {
  return paired.username ? `@${paired.username}` : paired.firstName;
}

/** "Paired with @username", plus the group's title when the paired chat is a group. */
export function pairedLine(paired: NonNullable<PhoneState['paired']>): string {
  const who = `Paired with ${pairedName(paired)}`;
  if (!paired.chatType || paired.chatType === 'private') return who;
  return `${who} in the group “${paired.title || 'untitled'}”`;
}

/**
 * Whether the chat's messages carry the computer's name under `mode` for the paired chat (as
 * `main/core/telegram/computer-name.ts` decides: `auto` shows it in a group only).
 */
export function nameInChat(mode: ComputerNameMode, paired: PhoneState['paired']): boolean {
  if (mode !== 'auto') return mode === 'always';
  return Boolean(paired?.chatType && paired.chatType !== 'private');
}
