/**
 * Text rules of the fake Bot API, as strict as Telegram's:
 * - HTML parse mode (https://core.telegram.org/bots/api#html-style): the supported tags only,
 *   balanced; `&lt;` `&gt;` `&amp;` `&quot;` and numeric entities (decimal and hex) only; the
 *   result is plain text plus message entities with offsets and lengths in UTF-16 code units, like
 *   Telegram's `MessageEntity`.
 * - strings must be valid UTF-8: Telegram answers 400 "strings must be encoded in UTF-8" for
 *   invalid bytes and, since a JSON string with a lone surrogate (`"\ud83d"`) decodes to no valid
 *   UTF-8, for unpaired surrogates too.
 */

/** A Bot API error the fake answers with (status, `description`, optional `parameters`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/** A message entity as Telegram reports it (offsets in UTF-16 code units). */
export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

const TAG_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  pre: 'pre',
  a: 'text_link',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Description Telegram gives for text that is not valid UTF-8. */
export const NOT_UTF8 = 'Bad Request: strings must be encoded in UTF-8';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has a lone (unpaired) UTF-16 surrogate, i.e. cannot be encoded as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Walks a decoded request body and rejects any string that is not valid Unicode.
 * @throws ApiError 400 {@link NOT_UTF8}.
 */
export function assertUtf8Strings(value: unknown, depth = 0): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new ApiError(400, NOT_UTF8);
  } else if (Buffer.isBuffer(value)) {
    return; // an uploaded file's bytes (multipart), not text
  } else if (Array.isArray(value)) {
    for (const item of value) assertUtf8Strings(item, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      assertUtf8Strings(k, depth + 1);
      assertUtf8Strings(v, depth + 1);
    }
  }
}

/**
 * Decodes a request body as UTF-8, refusing invalid bytes the way Telegram does.
 * @throws ApiError 400 {@link NOT_UTF8}.
 */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, NOT_UTF8);
  }
}

function attribute(inner: string, name: string): string | null {
  const m =
    new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(inner) ??
    new RegExp(`\\b${name}\\s*=\\s*'([^']*)'`).exec(inner);
  return m ? m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}

/**
 * Parses Telegram's HTML style to plain text and entities.
 * @throws ApiError 400 "can't parse entities" on unknown tags, unbalanced tags, a bare `<` or an
 *   unknown entity.
 */
export function parseTelegramHtmlEntities(html: string): { text: string; entities: FakeEntity[] } {
  const stack: { name: string; start: number; entity: FakeEntity | null }[] = [];
  const entities: FakeEntity[] = [];
  let out = '';
  let i = 0;
  const bad = (why: string): never => {
    throw new ApiError(400, `Bad Request: can't parse entities: ${why} at byte offset ${i}`);
  };
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) bad('unclosed start tag');
      const inner = html.slice(i + 1, end);
      const closing = inner.startsWith('/');
      const name = (closing ? inner.slice(1) : inner).split(/\s/)[0]!.toLowerCase();
      const type = TAG_TYPES[name];
      if (!type) bad(`unsupported start tag "${name}"`);
      if (closing) {
        const open = stack.pop();
        if (open?.name !== name) bad(`unmatched end tag "${name}"`);
        if (open!.entity && out.length > open!.start) {
          open!.entity.length = out.length - open!.start;
          entities.push(open!.entity);
        }
      } else {
        const entity: FakeEntity = { type: type!, offset: out.length, length: 0 };
        if (name === 'a') entity.url = attribute(inner, 'href') ?? bad('a tag without href');
        if (name === 'span' && attribute(inner, 'class') !== 'tg-spoiler')
          bad('span without tg-spoiler class');
        if (name === 'blockquote' && /\bexpandable\b/.test(inner)) entity.type = 'expandable_blockquote';
        const parent = stack[stack.length - 1];
        if (name === 'code' && parent?.name === 'pre' && parent.entity) {
          const language = /class\s*=\s*"language-([^"]+)"/.exec(inner)?.[1];
          if (language) parent.entity.language = language;
          stack.push({ name, start: out.length, entity: null });
        } else {
          stack.push({ name, start: out.length, entity });
        }
      }
      i = end + 1;
    } else if (ch === '&') {
      const end = html.indexOf(';', i);
      const name = end < 0 ? '' : html.slice(i + 1, end);
      if (NAMED_ENTITIES[name] !== undefined) {
        out += NAMED_ENTITIES[name];
      } else if (/^#\d{1,7}$/.test(name) || /^#x[0-9a-f]{1,6}$/i.test(name)) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bad('invalid numeric entity');
        out += String.fromCodePoint(code);
      } else {
        bad('unsupported entity');
      }
      i = end + 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  if (stack.length > 0) bad(`unclosed tag "${stack[stack.length - 1]!.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

/**
 * Parses Telegram's HTML style (https://core.telegram.org/bots/api#html-style) to plain text.
 * @throws ApiError 400 on unknown tags, unbalanced tags, a bare `<` or an unknown entity.
 */
export function parseTelegramHtml(html: string): string {
  return parseTelegramHtmlEntities(html).text;
}

/**
 * Checks entities given explicitly (`entities` instead of `parse_mode`) against their text.
 * @throws ApiError 400 when one is malformed or reaches past the text.
 */
export function checkEntities(value: unknown, text: string): FakeEntity[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ApiError(400, "Bad Request: can't parse entities JSON object");
  return list.map((e: Partial<FakeEntity>) => {
    if (
      typeof e?.type !== 'string' ||
      !Number.isInteger(e.offset) ||
      !Number.isInteger(e.length) ||
      e.offset! < 0 ||
      e.length! <= 0 ||
      e.offset! + e.length! > text.length
    ) {
      throw new ApiError(400, "Bad Request: can't parse entities: entity beyond the end of the text");
    }
    return { ...e } as FakeEntity;
  });
}
