/**
 * Telling Bot API failures apart, and describing them without ever leaking the bot token.
 *
 * grammY throws `GrammyError` when Telegram answered with an error (it has `error_code`), and
 * `HttpError` when the HTTP call itself failed; the `HttpError`'s inner error (node-fetch's
 * `FetchError`) has a message such as "request to https://api.telegram.org/bot<TOKEN>/getMe
 * failed, reason: …" — the token is in the URL, so every text we log goes through {@link redact}.
 */
import { GrammyError, HttpError } from 'grammy';

/** Replaces every occurrence of the token, and any `bot<id>:<secret>` URL segment, with a mask. */
export function redact(text: string, token: string | null): string {
  let out = text;
  if (token) out = out.split(token).join('<token>');
  return out.replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot<token>');
}

/** The error code Telegram answered with, or null for network failures and other errors. */
export function telegramErrorCode(error: unknown): number | null {
  return error instanceof GrammyError ? error.error_code : null;
}

/** Network error codes where the connection was never made, so the request certainly did not arrive. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

function innerCode(error: unknown): string | null {
  if (!(error instanceof HttpError)) return null;
  const inner = error.error as { code?: unknown; errno?: unknown } | undefined;
  const code = inner?.code ?? inner?.errno;
  return typeof code === 'string' ? code : null;
}

/**
 * Thrown instead of making a send while polling knows Telegram is unreachable: the request never
 * leaves, so it certainly was not delivered and the outbox keeps it for when polling is back.
 * (Sending anyway can hit a pooled connection the outage broke, whose ECONNRESET is ambiguous and
 * would lose the message for good.)
 */
export class HeldWhileOffline extends Error {
  override name = 'HeldWhileOffline';
  constructor(readonly method: string) {
    super(`${method} held: Telegram is unreachable (polling is offline)`);
  }
}

/** True for failures of the HTTP call itself (no answer from Telegram). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof HttpError;
}

/**
 * True when the request certainly did not take effect, so sending it again cannot duplicate:
 * the connection was refused or the host not found, or Telegram answered 429 (rate limited:
 * the request was rejected). A reset connection, a timeout or a 5xx are ambiguous: Telegram
 * may have carried the request out before the answer was lost.
 */
export function certainlyNotDelivered(error: unknown): boolean {
  if (error instanceof HeldWhileOffline) return true;
  const code = innerCode(error);
  if (code !== null) return NOT_CONNECTED_CODES.has(code);
  return telegramErrorCode(error) === 429;
}

/** A one-line description for logs and the UI, token removed. */
export function describeError(error: unknown, token: string | null): string {
  let text: string;
  if (error instanceof GrammyError) {
    text = `Telegram ${error.method} failed (${error.error_code}: ${error.description})`;
  } else if (error instanceof HttpError) {
    const code = innerCode(error);
    text = `network error${code ? ` ${code}` : ''}: ${error.message}`;
  } else if (error instanceof Error) {
    text = error.message;
  } else {
    text = String(error);
  }
  return redact(text, token);
}
