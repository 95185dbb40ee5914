/**
 * Pictures to the chat: a session's screen (`/screen`, the Screen button) and the full body of a
 * permission prompt too long for a message, drawn by `screen-image/` and sent through the
 * {@link Outbox} as a photo — or as a document when Telegram would refuse it as a photo
 * (https://core.telegram.org/bots/api#sendphoto: at most 10 MB, width + height ≤ 10000,
 * width/height ratio ≤ 20). The caption is HTML of at most {@link CAPTION_MAX} characters.
 */
import { InputFile, type Api, type InlineKeyboard } from 'grammy';
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import { MAX_IMAGE_COLS, MAX_IMAGE_ROWS, renderScreenPng, type ScreenImage } from '../screen-image/render.js';
import { snapshotFromText, type ScreenSnapshot } from '../screen-image/snapshot.js';
import { telegramErrorCode } from './errors.js';
import { escapeHtml, fit, formatPrompt, header, TELEGRAM_MESSAGE_MAX } from './format.js';
import type { RelayHost } from './host.js';
import type { Outbox } from './outbox.js';

/** Telegram's caption limit, in characters after entity parsing (https://core.telegram.org/bots/api#sendphoto). */
export const CAPTION_MAX = 1024;
/** Largest photo Telegram takes, in bytes. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Largest file a bot may upload, in bytes (https://core.telegram.org/bots/api#sending-files: 50 MB). */
export const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** Width of a long prompt's picture, in chars (longer lines wrap): readable on a phone. */
export const PROMPT_PICTURE_COLS = 100;

/** True when Telegram takes the image as a photo (else it goes as a document). */
export function fitsAsPhoto(image: ScreenImage): boolean {
  const { width, height } = image;
  return (
    image.png.length <= PHOTO_MAX_BYTES &&
    width + height <= 10_000 &&
    Math.max(width, height) / Math.max(1, Math.min(width, height)) <= 20
  );
}

/** The caption of a screen picture: session header and the screen's last lines that fit. */
export function screenCaption(session: SessionInfo, screen: string | null): string {
  const text = (screen ?? '').replace(/\s+$/, '');
  if (!text) return header('🖥', session);
  const template = `${header('🖥', session)}\n{BODY}`;
  return fit(template, text, 'top', TELEGRAM_MESSAGE_MAX - CAPTION_MAX, (h) => `<pre>${h}</pre>`);
}

/** The caption of a long prompt's picture. */
export function promptPictureCaption(session: SessionInfo): string {
  return `${header('🔐', session)}\n${escapeHtml('The whole request, as a picture (too long for a message).')}`;
}

/** What {@link sendPicture} needs. */
export interface PictureDeps {
  api: Api;
  outbox: Outbox;
  chatId: () => number | null;
  log: (level: 'info' | 'warn', message: string) => void;
  describe: (error: unknown) => string;
}

/** Options of one picture. */
export interface PictureOptions {
  fileName: string;
  /** HTML, at most {@link CAPTION_MAX} visible chars. */
  caption: string;
  keyboard?: InlineKeyboard;
  replyTo?: number;
  /** Runs with the message id once Telegram accepted it. */
  onSent?: (messageId: number) => void;
  /** Runs when Telegram refused it for good (400/413), so the caller can send text instead. */
  onRefused?: () => void;
}

/** Queues a picture to the paired chat: a photo when it fits Telegram's photo limits, else a document. */
export function sendPicture(deps: PictureDeps, image: ScreenImage, options: PictureOptions): void {
  const chatId = deps.chatId();
  if (chatId === null) return;
  if (image.png.length > UPLOAD_MAX_BYTES) {
    options.onRefused?.();
    return;
  }
  const asPhoto = fitsAsPhoto(image);
  deps.outbox.enqueue({
    chatId,
    run: async () => {
      const file = new InputFile(image.png, options.fileName);
      const extra = {
        caption: options.caption,
        parse_mode: 'HTML' as const,
        ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
        ...(options.replyTo
          ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
          : {}),
      };
      const sent = asPhoto
        ? await deps.api.sendPhoto(chatId, file, extra)
        : await deps.api.sendDocument(chatId, file, extra);
      options.onSent?.(sent.message_id);
    },
    onGiveUp: (error) => {
      deps.log('warn', `picture not sent: ${deps.describe(error)}`);
      const code = telegramErrorCode(error);
      if (code === 400 || code === 413) options.onRefused?.();
    },
  });
}

/**
 * Renders a snapshot and queues it as a picture; when drawing fails (or times out), `onRefused`
 * runs instead, so the caller's text fallback goes out.
 */
export function renderAndSend(deps: PictureDeps, snapshot: ScreenSnapshot, options: PictureOptions): void {
  renderScreenPng(snapshot).then(
    (image) => sendPicture(deps, image, options),
    (error: unknown) => {
      deps.log('warn', `screen image failed: ${deps.describe(error)}`);
      options.onRefused?.();
    },
  );
}

/** True for a permission prompt whose body does not fit its message whole. */
export function bodyTooLong(prompt: PromptInfo, session: SessionInfo): boolean {
  const body = prompt.body.trim();
  return (
    prompt.kind === 'permission' &&
    body !== '' &&
    !formatPrompt(prompt, session, null).includes(escapeHtml(body))
  );
}

/** Queues the picture of a prompt's whole body, in reply to the prompt's message. */
export function sendPromptPicture(
  deps: PictureDeps,
  prompt: PromptInfo,
  session: SessionInfo,
  replyTo: number,
  onSent: (messageId: number) => void,
): void {
  const snapshot = snapshotFromText(prompt.body.trim(), {
    maxRows: MAX_IMAGE_ROWS,
    maxCols: PROMPT_PICTURE_COLS,
  });
  renderAndSend(deps, snapshot, {
    fileName: 'request.png',
    caption: promptPictureCaption(session),
    replyTo,
    onSent,
  });
}

/**
 * Queues a session's screen as a picture captioned with its text; `onRefused` (the text fallback)
 * runs instead when the host has no screen image, or drawing or sending fails.
 */
export function sendScreenPicture(
  deps: PictureDeps,
  host: RelayHost,
  session: SessionInfo,
  screen: string | null,
  options: Pick<PictureOptions, 'keyboard' | 'onSent' | 'onRefused'>,
): void {
  if (!host.screenSnapshot) {
    options.onRefused?.();
    return;
  }
  // The snapshot may come from the PTY host (a request); a failed one falls back to text.
  void Promise.resolve()
    .then(() => host.screenSnapshot?.(session.id, { maxRows: MAX_IMAGE_ROWS, maxCols: MAX_IMAGE_COLS }))
    .catch(() => null)
    .then((snapshot) => {
      if (!snapshot) {
        options.onRefused?.();
        return;
      }
      renderAndSend(deps, snapshot, {
        fileName: 'screen.png',
        caption: screenCaption(session, screen),
        ...options,
      });
    });
}
