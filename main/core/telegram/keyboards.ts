/**
 * Inline keyboards and their callback data.
 *
 * Callback data is at most 64 bytes (https://core.telegram.org/bots/api#inlinekeyboardbutton), so
 * it is compact: `a:<promptKey>:<optionIndex>` answers a prompt, `e:<promptKey>` sends Esc for a
 * prompt, `s:<sessionKey>` shows a session's screen, `p:<sessionKey>` picks a session, and
 * `k:<sessionKey>:<key>` sends one key of the keypad. A key is the id itself when it is at most
 * {@link MAX_ID_IN_DATA} chars of `A-Za-z0-9_-`, otherwise a 16-char hash of it; either way the
 * data fits in 64 bytes.
 */
import { createHash } from 'node:crypto';
import { InlineKeyboard } from 'grammy';
import type { PromptOption, SessionInfo } from '../../../contract/bridge.js';
import { clip } from './graphemes.js';

/** Telegram's limit on callback data, in bytes (core.telegram.org/bots/api#inlinekeyboardbutton). */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Longest id used verbatim in callback data, in chars. */
export const MAX_ID_IN_DATA = 40;
/** Longest button label, in chars; longer labels are cut with "…" on a grapheme boundary (the message text has them in full). */
export const BUTTON_LABEL_MAX = 48;

/** The keypad keys and the bytes they write into the PTY. */
export const KEYPAD: readonly { name: string; label: string; keys: string }[] = [
  { name: 'esc', label: 'Esc', keys: '\x1b' },
  { name: 'enter', label: 'Enter', keys: '\r' },
  { name: 'tab', label: 'Tab', keys: '\t' },
  { name: 'up', label: '↑', keys: '\x1b[A' },
  { name: 'down', label: '↓', keys: '\x1b[B' },
  { name: 'cc', label: 'Ctrl-C', keys: '\x03' },
  { name: 'y', label: 'y', keys: 'y' },
  { name: 'n', label: 'n', keys: 'n' },
  { name: '1', label: '1', keys: '1' },
  { name: '2', label: '2', keys: '2' },
  { name: '3', label: '3', keys: '3' },
  { name: '4', label: '4', keys: '4' },
];

/** What a callback query asks for. */
export type CallbackAction =
  | { kind: 'answer'; promptKey: string; option: number }
  | { kind: 'escape'; promptKey: string }
  | { kind: 'screen'; sessionKey: string }
  | { kind: 'pick'; sessionKey: string }
  | { kind: 'key'; sessionKey: string; key: string };

/** A short, callback-data-safe key for an id (prompt or session): the id itself or a hash of it. */
export function dataKey(id: string): string {
  if (id.length <= MAX_ID_IN_DATA && /^[A-Za-z0-9_-]+$/.test(id)) return id;
  return createHash('sha256').update(id).digest('base64url').slice(0, 16);
}

/**
 * Encodes an action as callback data.
 * @throws Error if the result exceeds 64 bytes (cannot happen with keys from {@link dataKey}).
 */
export function encodeCallback(action: CallbackAction): string {
  let data: string;
  switch (action.kind) {
    case 'answer':
      data = `a:${action.promptKey}:${action.option}`;
      break;
    case 'escape':
      data = `e:${action.promptKey}`;
      break;
    case 'screen':
      data = `s:${action.sessionKey}`;
      break;
    case 'pick':
      data = `p:${action.sessionKey}`;
      break;
    case 'key':
      data = `k:${action.sessionKey}:${action.key}`;
      break;
  }
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES)
    throw new Error('callback data over 64 bytes');
  return data;
}

/** Decodes callback data; null when it is not one of ours (e.g. a button of an older version). */
export function decodeCallback(data: string): CallbackAction | null {
  const key = '([A-Za-z0-9_-]{1,40})';
  let m = new RegExp(`^a:${key}:(\\d{1,3})$`).exec(data);
  if (m) return { kind: 'answer', promptKey: m[1]!, option: Number(m[2]) };
  m = new RegExp(`^e:${key}$`).exec(data);
  if (m) return { kind: 'escape', promptKey: m[1]! };
  m = new RegExp(`^([sp]):${key}$`).exec(data);
  if (m) return { kind: m[1] === 's' ? 'screen' : 'pick', sessionKey: m[2]! };
  m = new RegExp(`^k:${key}:([a-z0-9]{1,5})$`).exec(data);
  if (m && KEYPAD.some((k) => k.name === m![2])) return { kind: 'key', sessionKey: m[1]!, key: m[2]! };
  return null;
}

function label(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim() || '(empty)';
  return clip(clean, BUTTON_LABEL_MAX);
}

/** Buttons of a permission or question prompt: one row per option, then Esc and Screen. */
export function promptKeyboard(promptId: string, options: PromptOption[], sessionId: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  const promptKey = dataKey(promptId);
  options.forEach((option, index) => {
    kb.text(
      label(`${index + 1}. ${option.label}`),
      encodeCallback({ kind: 'answer', promptKey, option: index }),
    ).row();
  });
  kb.text('Esc', encodeCallback({ kind: 'escape', promptKey }));
  kb.text('Screen', encodeCallback({ kind: 'screen', sessionKey: dataKey(sessionId) }));
  return kb;
}

/** Buttons of a "waiting for input" message: Screen and Keys. */
export function waitingKeyboard(sessionId: string): InlineKeyboard {
  const sessionKey = dataKey(sessionId);
  return new InlineKeyboard()
    .text('Screen', encodeCallback({ kind: 'screen', sessionKey }))
    .text('Keys', encodeCallback({ kind: 'pick', sessionKey }));
}

/** The keypad for one session: Esc Enter Tab / ↑ ↓ Ctrl-C / y n / 1 2 3 4. */
export function keypadKeyboard(sessionId: string): InlineKeyboard {
  const sessionKey = dataKey(sessionId);
  const kb = new InlineKeyboard();
  const rows = [
    ['esc', 'enter', 'tab'],
    ['up', 'down', 'cc'],
    ['y', 'n'],
    ['1', '2', '3', '4'],
  ];
  for (const row of rows) {
    for (const name of row) {
      const key = KEYPAD.find((k) => k.name === name)!;
      kb.text(key.label, encodeCallback({ kind: 'key', sessionKey, key: key.name }));
    }
    kb.row();
  }
  return kb;
}

/** One button per session (picking one makes it the target of keys and plain text, and shows its keypad). */
export function sessionsKeyboard(sessions: SessionInfo[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const session of sessions) {
    kb.text(label(session.name), encodeCallback({ kind: 'pick', sessionKey: dataKey(session.id) })).row();
  }
  return kb;
}
