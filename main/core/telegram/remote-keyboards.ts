/**
 * Buttons of the remote features and their callback data (64 bytes at most,
 * https://core.telegram.org/bots/api#inlinekeyboardbutton; keys from `dataKey`, see keyboards.ts):
 * `r:<sessionKey>` Reply (makes the session the target of plain text), `q:<sessionKey>` cancels
 * that session's queued texts, `n:<agent>` picks an agent in `/new`, `f:<agent>:<folderKey>` picks
 * its folder and starts it, `c:<sessionKey>` confirms `/close`, `x:<sessionKey>` keeps the session.
 */
import { InlineKeyboard } from 'grammy';
import { agentKinds, agentLabels, type AgentKind } from '../../../contract/bridge.js';
import { dataKey, encodeCallback } from './keyboards.js';

const KEY = '([A-Za-z0-9_-]{1,40})';
const AGENT = `(${agentKinds.join('|')})`;

/** Callback data patterns, for `composer.callbackQuery(…)`; groups: the keys named above. */
export const REMOTE_CALLBACKS = {
  reply: new RegExp(`^r:${KEY}$`),
  cancelQueue: new RegExp(`^q:${KEY}$`),
  newAgent: new RegExp(`^n:${AGENT}$`),
  newFolder: new RegExp(`^f:${AGENT}:${KEY}$`),
  close: new RegExp(`^c:${KEY}$`),
  keep: new RegExp(`^x:${KEY}$`),
} as const;

function data(text: string): string {
  if (Buffer.byteLength(text, 'utf8') > 64) throw new Error('callback data over 64 bytes');
  return text;
}

function screenData(sessionId: string): string {
  return encodeCallback({ kind: 'screen', sessionKey: dataKey(sessionId) });
}

/**
 * Buttons of a turn's status message: Reply and Screen once the turn ended (Screen alone while it
 * runs), and Cancel while texts are queued.
 */
export function statusKeyboard(sessionId: string, ended: boolean, queued: number): InlineKeyboard {
  const key = dataKey(sessionId);
  const kb = new InlineKeyboard();
  if (ended) kb.text('Reply', data(`r:${key}`));
  kb.text('Screen', screenData(sessionId));
  if (queued > 0) kb.row().text(`Cancel queued (${queued})`, data(`q:${key}`));
  return kb;
}

/** The Cancel button of a "queued" notice. */
export function cancelQueueKeyboard(sessionId: string, queued: number): InlineKeyboard {
  return new InlineKeyboard().text(`Cancel queued (${queued})`, data(`q:${dataKey(sessionId)}`));
}

/** One button per installed agent. */
export function agentsKeyboard(agents: readonly AgentKind[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const agent of agents) kb.text(agentLabels[agent], data(`n:${agent}`)).row();
  return kb;
}

/** One button per folder (label: the folder's last two path parts). */
export function foldersKeyboard(agent: AgentKind, folders: readonly string[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const folder of folders) {
    const parts = folder.split(/[\\/]/).filter(Boolean);
    const label = parts.slice(-2).join('/') || folder;
    kb.text(label.length > 48 ? `…${label.slice(-47)}` : label, data(`f:${agent}:${dataKey(folder)}`)).row();
  }
  return kb;
}

/** "Close it" / "Keep it" for `/close`. */
export function closeKeyboard(sessionId: string): InlineKeyboard {
  const key = dataKey(sessionId);
  return new InlineKeyboard().text('Close it', data(`c:${key}`)).text('Keep it', data(`x:${key}`));
}
