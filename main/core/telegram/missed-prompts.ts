/**
 * Prompts raised while notifications were paused: remembered (newest {@link MAX_MISSED}) so
 * `/resume` can say what happened meanwhile and offer the ones still open with their buttons.
 */
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import { escapeHtml, MESSAGE_TEXT_MAX, visibleLength } from './format.js';
import type { RelayHost } from './host.js';
import type { Relay } from './relay.js';

/** Most prompts remembered while paused. */
export const MAX_MISSED = 50;

/** A prompt that was not sent because notifications were paused. */
export interface MissedPrompt {
  prompt: PromptInfo;
  sessionName: string;
}

/** The list of prompts missed while paused. */
export class MissedPrompts {
  private list: MissedPrompt[] = [];

  /** Remembers a prompt (the oldest is dropped beyond {@link MAX_MISSED}). */
  add(prompt: PromptInfo, session: SessionInfo): void {
    this.list = this.list.filter((m) => m.prompt.id !== prompt.id);
    this.list.push({ prompt: structuredClone(prompt), sessionName: session.name });
    if (this.list.length > MAX_MISSED) this.list.splice(0, this.list.length - MAX_MISSED);
  }

  /** Returns and forgets every missed prompt, oldest first. */
  take(): MissedPrompt[] {
    const taken = this.list;
    this.list = [];
    return taken;
  }
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The `/resume` summary: one line per missed prompt, marked open (its message follows with
 * buttons) or closed meanwhile. Fits one message (older lines are counted, not listed).
 * @param isOpen whether a missed prompt is still the open one of its session.
 */
export function formatMissed(missed: MissedPrompt[], isOpen: (p: PromptInfo) => boolean): string {
  const head = `🔔 Notifications resumed. While paused, ${missed.length} prompt${missed.length === 1 ? ' was' : 's were'} raised:`;
  const lines = missed.map((m) => {
    const what = clip(m.prompt.title || m.prompt.kind, 100);
    const state = isOpen(m.prompt) ? 'still open ↓' : 'closed meanwhile';
    return `• <b>${escapeHtml(clip(m.sessionName, 60))}</b> — ${escapeHtml(what)} (${state})`;
  });
  let dropped = 0;
  while (lines.length > 1 && visibleLength([head, ...lines].join('\n')) > MESSAGE_TEXT_MAX - 60) {
    lines.shift();
    dropped += 1;
  }
  return [head, ...(dropped ? [`<i>… ${dropped} older</i>`] : []), ...lines].join('\n');
}

/**
 * What `/resume` sends: a summary of the prompts raised while paused (or that there were none),
 * then each one still open as its own message with its buttons.
 */
export function resumeMissed(relay: Relay, host: RelayHost, missed: MissedPrompt[]): void {
  if (missed.length === 0) {
    relay.say('🔔 Notifications resumed. No prompts were raised while paused.');
    return;
  }
  const isOpen = (p: PromptInfo) => host.openPrompt(p.sessionId)?.id === p.id;
  relay.say(formatMissed(missed, isOpen));
  for (const m of missed) {
    const session = host.listSessions().find((s) => s.id === m.prompt.sessionId);
    const prompt = host.openPrompt(m.prompt.sessionId);
    if (session && prompt && prompt.id === m.prompt.id)
      relay.promptOpened(prompt, session, () => host.promptRelayed?.(prompt.sessionId, prompt.id));
  }
}
