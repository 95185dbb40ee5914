/**
 * The shape of a Telegram bot token, checked in the form before anything is sent, so a typo is
 * shown at the field and never marks the phone as needing attention. Format per the Bot API
 * docs (https://core.telegram.org/bots/api#authorizing-your-bot): the bot's numeric id, a
 * colon, and a secret of letters, digits, `_` and `-` (35 chars today; we accept 30 or more).
 */

/** A bot token as @BotFather gives it, e.g. `123456789:AAH…`. */
export const BOT_TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{30,100}$/;

/** A sentence for the field when `raw` (trimmed) is not shaped like a bot token, else null. */
export function botTokenFormatError(raw: string): string | null {
  const token = raw.trim();
  if (token === '') return 'Paste the token @BotFather gave you.';
  if (BOT_TOKEN_PATTERN.test(token)) return null;
  if (!token.includes(':')) return 'A bot token has a colon after the bot’s number, like 123456789:AAH….';
  return 'That does not look like a bot token: digits, a colon, then at least 30 letters, digits, _ or -.';
}
