/**
 * The pairing deep links. `https://t.me/<bot username>?start=<token>` opens a private chat with
 * the bot and sends `/start <token>`; `https://t.me/<bot username>?startgroup=<token>` lets the
 * user pick a group, adds the bot to it and sends `/start@<bot username> <token>` there
 * (https://core.telegram.org/bots/features#deep-linking, https://core.telegram.org/api/links#bot-links).
 */
import { START_PARAMETER_PATTERN } from './tokens.js';

/** Telegram usernames: 5–32 chars of `A-Za-z0-9_` (https://core.telegram.org/method/account.checkUsername). */
const USERNAME_PATTERN = /^[A-Za-z0-9_]{5,32}$/;

/**
 * Builds the deep link for a bot and a start parameter.
 * @param botUsername the bot's username, with or without a leading "@".
 * @param token the start parameter (1–64 chars of `A-Za-z0-9_-`).
 * @param kind `start` (a private chat) or `startgroup` (a group the user picks).
 * @throws Error when the username or token has characters Telegram would not accept.
 */
export function pairingDeepLink(
  botUsername: string,
  token: string,
  kind: 'start' | 'startgroup' = 'start',
): string {
  const username = botUsername.replace(/^@/, '');
  if (!USERNAME_PATTERN.test(username))
    throw new Error(`not a Telegram bot username: ${username.slice(0, 40)}`);
  if (!START_PARAMETER_PATTERN.test(token)) throw new Error('pairing token is not a valid start parameter');
  return `https://t.me/${username}?${kind}=${token}`;
}
