/**
 * The text of a turn's live status message (HTML parse mode, like `format.ts`): a header with
 * the session, what it is doing and the elapsed time, the latest tool calls (Claude) or the last
 * screen lines (other agents), "queued (n)" while text waits, and at the end the agent's last
 * message. It always fits one Telegram message (4096 chars, https://core.telegram.org/bots/api#sendmessage):
 * the tool list keeps its newest lines and the result is trimmed at the top.
 */
import { escapeHtml, MESSAGE_TEXT_MAX, trimText, visibleLength } from './format.js';

/** Tool lines shown; older ones are counted ("… 3 earlier"). */
export const STATUS_TOOL_LINES = 8;
/** Screen lines shown for agents without hooks. */
export const STATUS_SCREEN_LINES = 6;
/** Longest result shown, in chars (the rest of the message needs room too). */
export const STATUS_RESULT_MAX = 3000;

/** One tool call of the turn. */
export interface StatusTool {
  name: string;
  summary: string;
  done: boolean;
}

/** Everything a status message shows. */
export interface StatusView {
  sessionName: string;
  phase: 'working' | 'done' | 'exited' | 'not-started';
  /** Since the turn started, in ms. */
  elapsedMs: number;
  /** Every tool call of the turn so far, oldest first. */
  tools: StatusTool[];
  /** The last screen lines (agents without hooks), or null. */
  screenTail: string | null;
  /** The agent's last message (at the end), may be ''. */
  result: string;
  /** Texts waiting in the queue. */
  queued: number;
  /** Token use of the finished turn and the session (usage-text.ts), plain text; '' or absent for none. */
  usage?: string;
}

/** "12s", "3m 05s", "1h 02m". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The status message for a view, at most 4096 visible chars. */
export function formatStatus(view: StatusView): string {
  const name = `<b>${escapeHtml(clip(view.sessionName, 80))}</b>`;
  const elapsed = formatElapsed(view.elapsedMs);
  const head =
    view.phase === 'working'
      ? `⏳ ${name} is working · ${elapsed}`
      : view.phase === 'done'
        ? `💬 ${name} is waiting · turn took ${elapsed}`
        : view.phase === 'exited'
          ? `⏹ ${name} ended · after ${elapsed}`
          : `💬 ${name} is waiting`;
  const parts: string[] = [head];
  const shown = view.tools.slice(-STATUS_TOOL_LINES);
  const hidden = view.tools.length - shown.length;
  if (hidden > 0) parts.push(`<i>… ${hidden} earlier</i>`);
  for (const t of shown) {
    const summary = t.summary ? `: ${escapeHtml(clip(t.summary, 160))}` : '';
    parts.push(`${t.done ? '✓' : '▸'} <code>${escapeHtml(clip(t.name, 60))}</code>${summary}`);
  }
  if (view.phase === 'working' && view.screenTail?.trim())
    parts.push(`<pre>${escapeHtml(trimText(view.screenTail.replace(/\s+$/, ''), 1200, 'top'))}</pre>`);
  if (view.queued > 0) parts.push(`🕒 queued (${view.queued})`);
  if (view.phase !== 'working' && view.usage) parts.push(escapeHtml(view.usage));
  if (view.phase !== 'working') {
    parts.push(`<i>Reply to this message to type into ${escapeHtml(clip(view.sessionName, 80))}.</i>`);
  }
  let html = parts.join('\n');
  if (view.phase !== 'working' && view.result.trim()) {
    const budget = Math.min(STATUS_RESULT_MAX, MESSAGE_TEXT_MAX - visibleLength(html) - 2);
    if (budget > 20) {
      const lines = html.split('\n');
      lines.splice(lines.length - 1, 0, '', escapeHtml(trimText(view.result.trim(), budget, 'top')));
      html = lines.join('\n');
    }
  }
  return html;
}
