/**
 * The queue in the chat: `/queue` lists the texts waiting for busy sessions, `/queue clear` drops
 * them all, and the Cancel button (on a status message or a "queued" notice) drops one session's.
 * Queuing itself happens in `progress.ts` when the replies composer submits text.
 */
import { Composer, type Context } from 'grammy';
import type { BotDeps } from '../bot-deps.js';
import { escapeHtml, MESSAGE_TEXT_MAX, visibleLength } from '../format.js';
import { REMOTE_CALLBACKS } from '../remote-keyboards.js';

/** Longest queued text shown by `/queue`, in chars. */
const QUEUE_ITEM_MAX = 200;

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The queue composer (paired chat only: install after the guard). */
export function queueComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { relay, progress, host } = deps;

  composer.command('queue', (ctx) => {
    if (ctx.match.trim().toLowerCase() === 'clear') {
      const dropped = progress.cancel(null);
      relay.say(dropped ? `🗑 Dropped ${dropped} queued text(s).` : 'Nothing is queued.');
      return;
    }
    const queued = progress.queued();
    if (queued.size === 0) {
      relay.say('Nothing is queued. Text sent while a session works waits here until it is ready.');
      return;
    }
    const names = new Map(host.listSessions().map((s) => [s.id, s.name]));
    const lines: string[] = [];
    for (const [id, texts] of queued) {
      lines.push(`<b>${escapeHtml(names.get(id) ?? id)}</b> (${texts.length}):`);
      texts.forEach((t, i) => lines.push(`${i + 1}. ${escapeHtml(clip(t, QUEUE_ITEM_MAX))}`));
    }
    const footer = '\n\n/queue clear drops them all.';
    while (lines.length > 1 && visibleLength(lines.join('\n') + footer) > MESSAGE_TEXT_MAX) lines.pop();
    relay.say(lines.join('\n') + footer);
  });

  composer.callbackQuery(REMOTE_CALLBACKS.cancelQueue, async (ctx) => {
    const session = relay.sessionByKey(ctx.match[1]!);
    const dropped = session ? progress.cancel(session.id) : 0;
    await ctx.answerCallbackQuery({
      text: dropped ? `Dropped ${dropped} queued text(s).` : 'Nothing was queued.',
    });
    const message = ctx.callbackQuery.message;
    // A "queued" notice says so and loses its button; a status message is re-rendered by Progress.
    if (message && 'text' in message && message.text?.startsWith('🕒'))
      relay.edit(message.message_id, `🕒 ${escapeHtml(message.text.slice(2).trim())}\n\n🗑 cancelled`);
  });
  return composer;
}
