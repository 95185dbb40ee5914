/**
 * Files for the fake Bot API (`telegram-bot-api.ts`): multipart uploads as grammY sends them with
 * `InputFile` (https://core.telegram.org/bots/api#sending-files), parsed with the platform's own
 * `Response.formData()` (undici), and the files users send, served like Telegram's file endpoint
 * `GET /file/bot<token>/<file_path>` after `getFile` (https://core.telegram.org/bots/api#getfile).
 */
import type { FakeChats } from './telegram/chats.js';
import { ApiError, parseTelegramHtmlEntities } from './telegram/html.js';
import type { FakeBot } from './telegram/types.js';

/** A file part of a multipart upload. */
export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** A file a user sent, as the fake keeps it. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  data: Buffer;
}

/**
 * Parses a `multipart/form-data` body: text fields as strings, file parts as {@link UploadedFile}.
 * @throws Error when the body is not valid multipart.
 */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': contentType },
  }).formData();
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    out[key] =
      typeof value === 'string'
        ? value
        : ({ fileName: value.name, data: Buffer.from(await value.arrayBuffer()) } satisfies UploadedFile);
  }
  return out;
}

/**
 * The upload in parameter `field`: a file part, directly or through `attach://<name>` (how grammY
 * names its parts), or null (a file_id or URL string is not supported here).
 */
export function uploadOf(params: Record<string, unknown>, field: string): UploadedFile | null {
  let value = params[field];
  if (typeof value === 'string' && value.startsWith('attach://'))
    value = params[value.slice('attach://'.length)];
  if (value && typeof value === 'object' && 'data' in value && Buffer.isBuffer((value as UploadedFile).data))
    return value as UploadedFile;
  return null;
}

/** Files users sent, by id and by path. */
export class FakeFileStore {
  private readonly files = new Map<string, StoredFile>();
  private next = 1;

  /** Stores a file under a fresh id and path (`<folder>/file_<n>.<ext>`, as Telegram names them). */
  add(data: Buffer, folder: string, ext: string): StoredFile {
    const n = this.next++;
    const file: StoredFile = {
      fileId: `FILE${n}-${'x'.repeat(20)}`,
      fileUniqueId: `U${n}`,
      filePath: `${folder}/file_${n}.${ext}`,
      data,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  byId(fileId: string): StoredFile | null {
    return this.files.get(fileId) ?? null;
  }

  byPath(filePath: string): StoredFile | null {
    for (const f of this.files.values()) if (f.filePath === filePath) return f;
    return null;
  }
}

/** The Bot API methods {@link runFileMethod} carries out. */
export const FILE_METHODS: ReadonlySet<string> = new Set(['sendPhoto', 'sendDocument', 'getFile']);

/** Longest photo or document caption, in chars after entity parsing (Telegram's limit). */
export const CAPTION_MAX = 1024;

/**
 * Carries out sendPhoto, sendDocument (multipart uploads; the caption counts like text) or
 * getFile, storing sent files as bot messages in `chats`.
 * @returns the `result` to answer with.
 * @throws ApiError as Telegram would answer.
 */
export function runFileMethod(
  chats: FakeChats,
  files: FakeFileStore,
  bot: FakeBot,
  method: string,
  params: Record<string, unknown>,
): unknown {
  if (method === 'getFile') {
    const file = files.byId(String(params.file_id ?? ''));
    if (!file) throw new ApiError(400, 'Bad Request: invalid file_id');
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.data.length,
      file_path: file.filePath,
    };
  }
  const chatId = chats.target(params, bot);
  const field = method === 'sendPhoto' ? 'photo' : 'document';
  const upload = uploadOf(params, field);
  if (!upload || upload.data.length === 0)
    throw new ApiError(400, `Bad Request: there is no ${field} in the request`);
  const raw = typeof params.caption === 'string' ? params.caption : '';
  const parseMode = typeof params.parse_mode === 'string' && params.parse_mode ? params.parse_mode : null;
  const parsed = raw && parseMode ? parseTelegramHtmlEntities(raw) : { text: raw, entities: [] };
  if (parsed.text.length > CAPTION_MAX) throw new ApiError(400, 'Bad Request: message caption is too long');
  const list = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
  const replyParams = list(params.reply_parameters) as { message_id?: number } | undefined;
  const markup = list(params.reply_markup) as
    { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  const message = chats.store({
    chatId,
    fromBot: true,
    fromId: bot.id,
    text: parsed.text,
    raw,
    parseMode,
    entities: parsed.entities,
    buttons: (markup?.inline_keyboard ?? []).map((row) =>
      row.map((b) => ({ text: b.text, data: b.callback_data ?? null })),
    ),
    replyToMessageId: replyParams?.message_id ?? null,
    file: { kind: field, data: upload.data, fileName: upload.fileName },
  });
  return {
    ...chats.messageJson(message, { id: chatId, type: chatId > 0 ? 'private' : 'group' }, bot),
    ...(parsed.text ? { caption: parsed.text } : {}),
  };
}
