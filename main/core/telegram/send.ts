/**
 * Sending and editing our HTML messages so that they always arrive: when Telegram refuses the
 * formatting (400 "can't parse entities", or "strings must be encoded in UTF-8"), the same text is
 * sent again as plain text, without `parse_mode` — a prompt without bold is better than a prompt
 * that never reaches the phone. Other errors are thrown as grammY threw them.
 */
import { GrammyError, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import { headOf, wellFormed } from './graphemes.js';

/** Telegram's limit on message text, in characters after entity parsing. */
const MESSAGE_MAX = 4096;

type SendOptions = NonNullable<Parameters<Api['sendMessage']>[2]>;
type EditOptions = NonNullable<Parameters<Api['editMessageText']>[3]>;

/** True for a 400 that blames the text's formatting or encoding (worth a plain-text retry). */
export function isFormattingError(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /can't parse entities|entities|encoded in UTF-8|UTF-8|unsupported start tag/i.test(error.description)
  );
}

/**
 * The text Telegram would show for our HTML: tags removed, the four entities we emit decoded,
 * numeric entities decoded, made valid Unicode and cut to the message limit.
 */
export function htmlToPlain(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => safeCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const plain = headOf(wellFormed(text), MESSAGE_MAX);
  return plain.trim() ? plain : '(empty message)';
}

function safeCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : '\uFFFD';
}

function plainOptions<T extends { parse_mode?: unknown; entities?: unknown }>(options: T): T {
  const copy = { ...options };
  delete copy.parse_mode;
  delete copy.entities;
  return copy;
}

/**
 * `sendMessage` with `parse_mode: "HTML"`; on a formatting error, once more as plain text.
 * @param onPlain called when the plain-text fallback was used (for the log).
 * @throws what grammY throws for the (last) attempt.
 */
export async function sendHtml(
  api: Api,
  chatId: number,
  html: string,
  options: Omit<SendOptions, 'parse_mode'> = {},
  onPlain?: (error: unknown) => void,
): Promise<Message.TextMessage> {
  try {
    return await api.sendMessage(chatId, html, { ...options, parse_mode: 'HTML' });
  } catch (error) {
    if (!isFormattingError(error)) throw error;
    onPlain?.(error);
    return api.sendMessage(chatId, htmlToPlain(html), plainOptions(options));
  }
}

/**
 * `editMessageText` with `parse_mode: "HTML"`; on a formatting error, once more as plain text.
 * @throws what grammY throws for the (last) attempt.
 */
export async function editHtml(
  api: Api,
  chatId: number,
  messageId: number,
  html: string,
  options: Omit<EditOptions, 'parse_mode'> = {},
  onPlain?: (error: unknown) => void,
): Promise<void> {
  try {
    await api.editMessageText(chatId, messageId, html, { ...options, parse_mode: 'HTML' });
  } catch (error) {
    if (!isFormattingError(error)) throw error;
    onPlain?.(error);
    await api.editMessageText(chatId, messageId, htmlToPlain(html), plainOptions(options));
  }
}
