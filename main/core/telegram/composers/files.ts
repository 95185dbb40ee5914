/**
 * Files from the paired chat: a photo or a document is saved into its session's folder under
 * `.agent-pager/inbox/` (`inbox/inbox.ts`) and its path is typed into the session — submitted
 * together with the caption when there is one ("fix this (Image saved to …)"), else typed only, so
 * the user's next message completes the line. The session is chosen as for text: the session of
 * the message replied to, else the target session. Voice notes and video notes get a clear answer
 * that they are not supported yet; forwarded and late files are refused like text. Install
 * before the replies composer.
 */
import { Composer, type Context } from 'grammy';
import type { SessionInfo } from '../../../../contract/bridge.js';
import { InboxError, MAX_INBOX_FILE_BYTES, sanitiseFileName, saveToInbox } from '../../inbox/inbox.js';
import type { BotDeps } from '../bot-deps.js';
import { escapeHtml } from '../format.js';
import { refusalText } from '../relay.js';
import { LATE_MESSAGE_MS, NOT_TYPED } from './replies.js';

/** The answer to a voice or video note. */
export const VOICE_NOT_SUPPORTED =
  '🎙 Voice messages are not supported yet: please type your message (a reply to one of my messages goes to its session).';

/** Longest caption passed on, in chars (Telegram allows 1024). */
const MAX_CAPTION_CHARS = 1024;

interface IncomingFile {
  fileId: string;
  /** Bytes, when Telegram told us. */
  size: number | null;
  name: string;
  isImage: boolean;
}

function incomingFile(ctx: Context): IncomingFile | null {
  const message = ctx.message;
  if (!message) return null;
  const stamp = new Date((message.date || 0) * 1000).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  if (message.photo && message.photo.length > 0) {
    const largest = [...message.photo].sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
    return {
      fileId: largest.file_id,
      size: largest.file_size ?? null,
      name: `photo-${stamp}.jpg`,
      isImage: true,
    };
  }
  const doc = message.document;
  if (doc) {
    const fallback = `file-${stamp}`;
    return {
      fileId: doc.file_id,
      size: doc.file_size ?? null,
      name: sanitiseFileName(doc.file_name ?? '', fallback),
      isImage: /^image\//.test(doc.mime_type ?? ''),
    };
  }
  return null;
}

/** The session a message goes to, or the text telling the user why there is none. */
function chooseSession(deps: BotDeps, replyTo: number | undefined): SessionInfo | string {
  let sessionId: string | null;
  if (replyTo !== undefined) {
    sessionId = deps.relay.sessionOfMessage(replyTo);
    if (!sessionId)
      return 'I can’t tell which session that message belongs to. Reply to a newer one, or /sessions.';
  } else {
    sessionId = deps.relay.targetSession()?.id ?? null;
    if (!sessionId)
      return 'No session to send it to yet. Pick one with /sessions, or reply to one of its messages.';
  }
  return deps.host.listSessions().find((s) => s.id === sessionId) ?? refusalText('no-session');
}

/** The files composer (paired chat only: install after the guard, before the replies). */
export function filesComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on(['message:voice', 'message:video_note'], () => deps.relay.say(VOICE_NOT_SUPPORTED));
  composer.on(['message:photo', 'message:document'], async (ctx) => {
    const file = incomingFile(ctx);
    if (!file) return;
    // As for text: a forwarded file, or one Telegram kept while this computer was offline, is not typed.
    if (ctx.message.forward_origin)
      return deps.relay.say(NOT_TYPED.forwarded, { replyTo: ctx.message.message_id });
    const lateMs = Date.now() - ctx.message.date * 1000;
    if (lateMs > LATE_MESSAGE_MS)
      return deps.relay.say(NOT_TYPED.late(Math.round(lateMs / 1000)), { replyTo: ctx.message.message_id });
    const session = chooseSession(deps, ctx.message.reply_to_message?.message_id);
    if (typeof session === 'string') return deps.relay.say(session);
    if (session.state === 'exited') return deps.relay.say(refusalText('exited'));
    if (file.size !== null && file.size > MAX_INBOX_FILE_BYTES)
      return deps.relay.say('That file is larger than 20 MB, the most a bot can download from Telegram.');
    let saved: string;
    try {
      const info = await ctx.api.getFile(file.fileId);
      if (!info.file_path) throw new Error('Telegram gave no file path');
      const data = await deps.download(info.file_path, MAX_INBOX_FILE_BYTES);
      saved = await saveToInbox(session.cwd, file.name, data);
    } catch (error) {
      const why =
        error instanceof InboxError
          ? error.message
          : (error as Error).message === 'too large'
            ? 'the file is larger than 20 MB'
            : 'it could not be downloaded from Telegram';
      deps.log('warn', `file not saved for ${session.id}: ${(error as Error).message}`);
      return deps.relay.say(`📎 Not saved: ${escapeHtml(why)}.`, { sessionId: session.id });
    }
    const line = `${file.isImage ? 'Image' : 'File'} saved to ${saved}`;
    const caption = (ctx.message.caption ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_CAPTION_CHARS);
    const refusal = caption
      ? await deps.host.submitText(session.id, `${caption} (${line})`)
      : await deps.host.sendKeys(session.id, `${line} `, null);
    if (refusal)
      return deps.relay.say(
        `📎 Saved to <code>${escapeHtml(saved)}</code>, but ${escapeHtml(refusalText(refusal))}`,
      );
    const relative = saved.startsWith(`${session.cwd}/`) ? saved.slice(session.cwd.length + 1) : saved;
    const next = caption
      ? 'and sent it with your caption'
      : 'and typed its path; your next message completes the line';
    deps.relay.say(
      `📎 Saved <code>${escapeHtml(relative)}</code> in <b>${escapeHtml(session.name)}</b> ${next}.`,
      {
        sessionId: session.id,
      },
    );
  });
  return composer;
}
