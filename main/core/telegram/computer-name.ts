/**
 * This computer's name on the chat's messages, so a chat shared by several computers (each with
 * its own bot, since Telegram allows one poller per token) tells them apart.
 *
 * - The name is the one set in Settings, else the host name, cleaned and cut to
 *   {@link COMPUTER_NAME_MAX} chars ({@link effectiveComputerName}).
 * - It is shown by mode ({@link nameShown}): `always`, `never`, or `auto` — in a group or
 *   supergroup (several computers' bots can sit there), not in a private chat (there each bot is
 *   its own chat, and its name already tells the computers apart).
 * - It is added once, for every message, by a grammY API transformer
 *   ({@link computerNameTransformer}) on the Apis that talk to the paired chat: the text of
 *   `sendMessage`/`editMessageText` and the caption of `sendPhoto`/`sendDocument`/
 *   `editMessageCaption` get a first line `🖥 <b>name</b>`. Formatters keep
 *   `NAME_LINE_RESERVE` chars free for it (`format.ts`), so the body is what gets trimmed,
 *   never the name; a text that would still exceed Telegram's limit (4096 chars of text, 1024 of
 *   caption: https://core.telegram.org/bots/api#sendmessage, #sendphoto) has its body cut as plain
 *   text. The name is read on every call, so a change in Settings shows on the next message.
 */
import type { Transformer } from 'grammy';
import { COMPUTER_NAME_MAX, type ComputerNameMode, type PairedChatType } from '../../../contract/bridge.js';
import { escapeHtml, visibleLength } from './format.js';
import { clip, headOf } from './graphemes.js';
import { htmlToPlain } from './send.js';

/** Telegram's text limit (sendMessage), in chars after entity parsing. */
const TEXT_MAX = 4096;
/** Telegram's caption limit (sendPhoto, sendDocument), in chars after entity parsing. */
const CAPTION_MAX = 1024;
/** The icon before the name. */
export const NAME_ICON = '🖥';

/** Characters never shown in a name: control, line and paragraph separators, bidi overrides. */
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The name the chat shows: the Settings name, else the host name (cleaned, since a host name is
 * not validated by us), cut to {@link COMPUTER_NAME_MAX} chars; "this computer" when both are empty.
 */
export function effectiveComputerName(setting: string, hostName: string): string {
  const clean = (s: string) => s.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const name = clean(setting) || clean(hostName) || 'this computer';
  return clip(name, COMPUTER_NAME_MAX);
}

/** Whether messages to a chat of `chatType` carry the name under `mode`. */
export function nameShown(mode: ComputerNameMode, chatType: PairedChatType): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return chatType !== 'private';
}

/**
 * `body` with the name line first. `html`: the body is Telegram HTML (the name is escaped and
 * bold), else plain text. When the result would exceed `max` visible chars, the body is cut
 * (as plain text, ending in "…") so the name stays whole.
 * @returns the new text and whether it is still HTML.
 */
export function withNameLine(
  name: string,
  body: string,
  html: boolean,
  max: number,
): { text: string; html: boolean } {
  const line = html ? `${NAME_ICON} <b>${escapeHtml(name)}</b>\n` : `${NAME_ICON} ${name}\n`;
  const visible = (s: string) => (html ? visibleLength(s) : s.length);
  if (visible(line) + visible(body) <= max) return { text: line + body, html };
  const plain = html ? htmlToPlain(body) : body;
  const room = Math.max(1, max - visible(line) - 1);
  const cut = plain.length > room ? `${headOf(plain, room)}…` : plain;
  return { text: line + (html ? escapeHtml(cut) : cut), html };
}

/** Options of {@link computerNameTransformer}. */
export interface NameTransformerOptions {
  /** The paired chat, or null: only messages to it carry the name. */
  chatId(): number | null;
  /** The name to show now, or null when it is not shown (mode, chat type). */
  shownName(): string | null;
}

type Payload = Record<string, unknown>;

/** Adds the name line to one payload's `field` (text or caption), unless it carries explicit entities. */
function addName(payload: Payload, field: 'text' | 'caption', name: string, max: number): Payload {
  const body = payload[field];
  const entities = field === 'text' ? payload.entities : payload.caption_entities;
  if (typeof body !== 'string' || entities !== undefined) return payload;
  const html = typeof payload.parse_mode === 'string' && payload.parse_mode.toUpperCase() === 'HTML';
  if (!html && payload.parse_mode !== undefined) return payload;
  return { ...payload, [field]: withNameLine(name, body, html, max).text };
}

/**
 * A grammY API transformer that puts the name line on every text and caption sent to the paired
 * chat while the name is shown (see the module doc). Other methods and chats pass unchanged.
 */
export function computerNameTransformer(o: NameTransformerOptions): Transformer {
  return (prev, method, payload, signal) => {
    const p = payload as Payload;
    const chatId = o.chatId();
    if (chatId === null || Number(p.chat_id) !== chatId) return prev(method, payload, signal);
    const name = o.shownName();
    if (name === null) return prev(method, payload, signal);
    let next: Payload = p;
    if (method === 'sendMessage' || method === 'editMessageText') next = addName(p, 'text', name, TEXT_MAX);
    else if (method === 'sendPhoto' || method === 'sendDocument' || method === 'editMessageCaption')
      next = addName(p, 'caption', name, CAPTION_MAX);
    return prev(method, next as typeof payload, signal);
  };
}
