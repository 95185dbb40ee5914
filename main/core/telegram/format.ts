/**
 * Message texts for the chat, in Telegram's HTML parse mode
 * (https://core.telegram.org/bots/api#html-style: only `<`, `>` and `&` need escaping).
 *
 * A message holds at most 4096 characters after entity parsing
 * (https://core.telegram.org/bots/api#sendmessage), of which {@link NAME_LINE_RESERVE} stay free
 * for the computer's name line. The header (session, folder, title) and the
 * options are never cut; only the body is trimmed — in the middle for a command (its start and
 * end both matter), at the top for screen lines and assistant text (the latest lines matter).
 * {@link EDIT_RESERVE_CHARS} is kept free for the line appended when the prompt is answered.
 */
import os from 'node:os';
import { COMPUTER_NAME_MAX, type PromptInfo, type SessionInfo } from '../../../contract/bridge.js';
import type { PromptCloseReason } from '../prompts/types.js';
import { sessionUsageSuffix, turnUsageLine } from './usage-text.js';
import { clip, headOf, tailOf, wellFormed } from './graphemes.js';
import { phoneScreen } from './phone-screen.js';

/** Telegram's maximum message length, in characters after entity parsing. */
export const TELEGRAM_MESSAGE_MAX = 4096;
/**
 * Chars kept free in every message and caption for the computer's name line (`computer-name.ts`):
 * the longest name, its icon, a space and a newline.
 */
export const NAME_LINE_RESERVE = COMPUTER_NAME_MAX + 16;
/** The most our own text of a message may take: Telegram's limit minus {@link NAME_LINE_RESERVE}. */
export const MESSAGE_TEXT_MAX = TELEGRAM_MESSAGE_MAX - NAME_LINE_RESERVE;
/** Characters kept free in a prompt message for the "answered …" line added by an edit. */
export const EDIT_RESERVE_CHARS = 300;
/** Longest option label shown in a message, in chars. */
export const OPTION_TEXT_MAX = 200;
/** Screen lines shown when a waiting session has no message of its own. */
export const WAITING_SCREEN_LINES = 20;

/** Escapes text for HTML parse mode (and replaces lone surrogates, which Telegram refuses). */
export function escapeHtml(text: string): string {
  return wellFormed(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Length of HTML as Telegram counts it: tags removed, entities counted as one char (our own markup only). */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot);/g, '_').length;
}

/**
 * Cuts `text` to at most `max` chars (UTF-16 units), removing from the middle (`middle`) or the
 * start (`top`); cuts fall on grapheme boundaries, so an emoji is never split.
 */
export function trimText(text: string, max: number, where: 'middle' | 'top'): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…';
  if (where === 'top') return `…${tailOf(text, max - 1)}`;
  const marker = '\n…\n';
  const keep = Math.max(0, max - marker.length);
  const head = Math.ceil(keep / 2);
  return `${headOf(text, head)}${marker}${tailOf(text, keep - head)}`;
}

function shortPath(dir: string): string {
  const home = os.homedir();
  return home && (dir === home || dir.startsWith(`${home}/`)) ? `~${dir.slice(home.length)}` : dir;
}

/**
 * Fills `{BODY}` in `template` with `body` (plain text, escaped here, wrapped by `wrap`) trimmed
 * so the whole message stays within the limit minus `reserve`.
 */
export function fit(
  template: string,
  body: string,
  where: 'middle' | 'top',
  reserve: number,
  wrap: (h: string) => string,
): string {
  const rest = visibleLength(template.replace('{BODY}', wrap('')));
  const budget = Math.max(0, MESSAGE_TEXT_MAX - reserve - rest);
  const trimmed = trimText(body, budget, where);
  return template.replace('{BODY}', () => (trimmed ? wrap(escapeHtml(trimmed)) : ''));
}

/** The first line of a session's messages: icon, name (bold), suffix, folder (code). */
export function header(icon: string, session: SessionInfo, suffix = ''): string {
  return `${icon} <b>${escapeHtml(clip(session.name, 80))}</b>${suffix} · <code>${escapeHtml(clip(shortPath(session.cwd), 200))}</code>`;
}

/** The last `count` non-empty-trailing lines of a screen text. */
export function lastLines(screen: string, count: number): string {
  const lines = screen.replace(/\s+$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}

/**
 * The message for a newly opened prompt.
 * - permission/question: session and folder, title, body (a permission's body — the command — in
 *   a `<pre>` block), and the options numbered.
 * - input/finished: "<session> is waiting", the prompt's body (the last assistant message) or
 *   else the last screen lines, and a hint that a reply types into the session.
 * @param screen the session's screen text, used when an input/finished prompt has no body.
 */
export function formatPrompt(prompt: PromptInfo, session: SessionInfo, screen: string | null): string {
  if (prompt.kind === 'permission' || prompt.kind === 'question') {
    const icon = prompt.kind === 'permission' ? '🔐' : '❓';
    const options = prompt.options
      .map((o, i) => `${i + 1}. ${escapeHtml(clip(o.label.replace(/\s+/g, ' ').trim(), OPTION_TEXT_MAX))}`)
      .join('\n');
    const title = prompt.title.trim() ? `\n<b>${escapeHtml(clip(prompt.title.trim(), 300))}</b>` : '';
    const template = `${header(icon, session)}${title}\n{BODY}${options ? `\n${options}` : ''}`;
    const wrap = prompt.kind === 'permission' ? (h: string) => `<pre>${h}</pre>` : (h: string) => h;
    return fit(template, prompt.body.trim(), 'middle', EDIT_RESERVE_CHARS, wrap);
  }
  const hint = `<i>Reply to this message to type into ${escapeHtml(clip(session.name, 80))}.</i>`;
  const usage = prompt.kind === 'finished' ? turnUsageLine(session) : '';
  const template = `${header('💬', session, ' is waiting')}\n{BODY}\n${usage ? `${usage}\n` : ''}${hint}`;
  const body = prompt.body.trim();
  if (body) return fit(template, body, 'top', EDIT_RESERVE_CHARS, (h) => h);
  const lines = screen ? lastLines(phoneScreen(screen), WAITING_SCREEN_LINES) : '';
  return fit(template, lines, 'top', EDIT_RESERVE_CHARS, (h) => `<pre>${h}</pre>`);
}

/** A prompt message after it was answered from the phone: the original plus "✅ <option> — answered from phone". */
export function formatAnsweredFromPhone(originalHtml: string, optionLabel: string): string {
  return `${originalHtml}\n\n✅ <b>${escapeHtml(clip(optionLabel, 100))}</b> — answered from phone`;
}

/**
 * A prompt message after the prompt closed elsewhere: the original plus a line saying how.
 * ('answered-from-phone' never gets here: that tap already edited its message.)
 */
export function formatClosed(originalHtml: string, reason: PromptCloseReason): string {
  const line =
    reason === 'answered-here'
      ? '☑️ answered at the desk'
      : reason === 'session-exited'
        ? '⏹ session ended'
        : '☑️ no longer open';
  return `${originalHtml}\n\n${line}`;
}

/**
 * A session's screen as a monospace block under its name, simplified for a phone's width
 * (`phone-screen.ts`) and trimmed at the top to fit one message.
 */
export function formatScreen(session: SessionInfo, screen: string | null): string {
  const text = screen === null ? '' : phoneScreen(screen);
  if (!text.trim()) return `${header('🖥', session)}\n<i>(screen is empty)</i>`;
  return fit(`${header('🖥', session)}\n{BODY}`, text, 'top', 0, (h) => `<pre>${h}</pre>`);
}

const STATE_LABEL: Record<SessionInfo['state'], string> = {
  starting: 'starting',
  running: 'running',
  'needs-attention': 'needs you',
  exited: 'exited',
};

/** The `/sessions` list: one line per session with its state and open prompt. */
export function formatSessions(sessions: SessionInfo[]): string {
  if (sessions.length === 0) return 'No sessions are open.';
  const lines = sessions.map((s) => {
    const prompt = s.prompt ? ` — ${escapeHtml(clip(s.prompt.title || s.prompt.kind, 80))}` : '';
    return `• <b>${escapeHtml(clip(s.name, 80))}</b> (${STATE_LABEL[s.state]})${sessionUsageSuffix(s)}${prompt}`;
  });
  const footer = '\n\nPick one for its keypad; plain text then goes to it.';
  while (lines.length > 1 && visibleLength(lines.join('\n') + footer) > MESSAGE_TEXT_MAX) lines.pop();
  return lines.join('\n') + footer;
}

/** The `/help` text. */
export const HELP_TEXT = [
  '<b>Agent Pager</b> relays your coding sessions’ prompts here.',
  'Tap a button to answer. Reply to a message to type into its session; plain text goes to the session that asked last. Text for a busy session waits and is typed when it is ready.',
  '',
  '/sessions — list sessions and pick one',
  '/screen [name] — show a session’s screen',
  '/keys — keypad for the picked session',
  '/new — start a session · /close &lt;name&gt; — end one',
  '/queue — texts waiting for a busy session (/queue clear drops them)',
  '/progress on|off — live status message per turn',
  '/pause — stop notifications · /resume — start again',
  '/unpair — unlink this chat',
  '/help — this text',
  '',
  'In a group shared by several computers, each message starts with its computer’s name: reply to it to type there, and add the bot’s name to a command (/sessions@bot) to ask one computer.',
].join('\n');
