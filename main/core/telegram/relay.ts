/**
 * The relay: turns prompt events into chat messages and chat actions into writes.
 *
 * It keeps, per relayed prompt, the message it sent (so a prompt is never sent twice and its
 * message can be edited when it is answered or closes), which message belongs to which session
 * (so a reply types into the right one), and the current target session for plain text and the
 * keypad: the session that asked most recently, or the one picked with /sessions, whichever
 * happened last. Every call to Telegram goes through the {@link Outbox}.
 */
import type { Api, InlineKeyboard } from 'grammy';
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { PromptCloseReason, WriteRefusal } from '../prompts/types.js';
import type { RelayHost } from './host.js';
import type { Outbox } from './outbox.js';
import { dataKey, KEYPAD, keypadKeyboard, promptKeyboard, waitingKeyboard } from './keyboards.js';
import { escapeHtml, formatAnsweredFromPhone, formatClosed, formatPrompt, formatScreen } from './format.js';

/** How many sent messages are remembered for reply routing. */
export const REMEMBERED_MESSAGES = 1000;

/** Where a relayed prompt's message stands. */
type RelayStatus = 'queued' | 'sent' | 'unknown' | 'answered';

interface RelayedPrompt {
  promptId: string;
  sessionId: string;
  options: { label: string }[];
  /** The message text as sent (HTML). */
  html: string;
  messageId: number | null;
  status: RelayStatus;
  /** Set when the prompt closed while its message was in flight: edit it once sent. */
  closedReason: PromptCloseReason | null;
}

/** Options of {@link Relay}. */
export interface RelayOptions {
  host: RelayHost;
  api: Api;
  outbox: Outbox;
  /** The paired chat, or null. */
  chatId: () => number | null;
  log: (level: 'info' | 'warn', message: string) => void;
  /** Describes an error for the log without the token. */
  describe: (error: unknown) => string;
}

/** The answer shown on the phone after a tap (callback query answer text). */
export interface TapResult {
  text: string;
}

/** Human text for a refused write. */
export function refusalText(refusal: WriteRefusal): string {
  switch (refusal) {
    case 'no-session':
      return 'That session is gone.';
    case 'exited':
      return 'That session has exited.';
    case 'stale-prompt':
      return 'This prompt is no longer open.';
  }
}

/** Prompt relay for one bot and one paired chat. */
export class Relay {
  private readonly prompts = new Map<string, RelayedPrompt>();
  /** message id → session id, insertion-ordered, bounded by {@link REMEMBERED_MESSAGES}. */
  private readonly messageSessions = new Map<number, string>();
  private target: string | null = null;

  constructor(private readonly o: RelayOptions) {}

  /** Forgets every prompt, message and target (unpaired, or paired with another chat). */
  reset(): void {
    this.prompts.clear();
    this.messageSessions.clear();
    this.target = null;
  }

  /** The session plain text and the keypad go to, if it still exists. */
  targetSession(): SessionInfo | null {
    if (this.target === null) return null;
    return this.o.host.listSessions().find((s) => s.id === this.target) ?? null;
  }

  /** The session a message of ours belongs to, or null when unknown. */
  sessionOfMessage(messageId: number): string | null {
    return this.messageSessions.get(messageId) ?? null;
  }

  /** Finds a session by callback key. */
  sessionByKey(key: string): SessionInfo | null {
    return this.o.host.listSessions().find((s) => dataKey(s.id) === key) ?? null;
  }

  /** Makes a session the target of plain text and the keypad. */
  setTarget(sessionId: string): void {
    this.target = sessionId;
  }

  /** Remembers that one of our messages belongs to a session (a reply to it types there). */
  remember(messageId: number, sessionId: string | undefined): void {
    if (!sessionId) return;
    this.messageSessions.set(messageId, sessionId);
    while (this.messageSessions.size > REMEMBERED_MESSAGES) {
      const oldest = this.messageSessions.keys().next().value;
      if (oldest === undefined) break;
      this.messageSessions.delete(oldest);
    }
  }

  /**
   * Queues a message to the paired chat. `sessionId` ties it to a session for replies.
   * Nothing happens when no chat is paired.
   */
  say(html: string, options: { keyboard?: InlineKeyboard; sessionId?: string; replyTo?: number } = {}): void {
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      run: async () => {
        const sent = await this.o.api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
          ...(options.replyTo
            ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
            : {}),
        });
        this.remember(sent.message_id, options.sessionId);
      },
      onGiveUp: (error) => this.o.log('warn', `message not sent: ${this.o.describe(error)}`),
    });
  }

  /**
   * Queues an edit of one of our messages (text and buttons; no keyboard removes them);
   * "message is not modified" counts as done.
   */
  edit(messageId: number, html: string, keyboard?: InlineKeyboard): void {
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      run: async () => {
        try {
          await this.o.api.editMessageText(chatId, messageId, html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            reply_markup: keyboard ?? { inline_keyboard: [] },
          });
        } catch (error) {
          if (/message is not modified/.test((error as Error).message)) return;
          throw error;
        }
      },
      onGiveUp: (error) => this.o.log('warn', `message not edited: ${this.o.describe(error)}`),
    });
  }

  /**
   * A prompt opened: send it once to the paired chat (a second call for the same prompt id does
   * nothing). The caller checks pairing and pause.
   * @param onSent runs once Telegram accepted the message.
   */
  promptOpened(prompt: PromptInfo, session: SessionInfo, onSent?: () => void): void {
    const key = dataKey(prompt.id);
    if (this.prompts.has(key) || this.o.chatId() === null) return;
    const html = formatPrompt(prompt, session, this.o.host.screenText(session.id));
    const keyboard =
      prompt.kind === 'permission' || prompt.kind === 'question'
        ? promptKeyboard(prompt.id, prompt.options, session.id)
        : waitingKeyboard(session.id);
    const record: RelayedPrompt = {
      promptId: prompt.id,
      sessionId: session.id,
      options: prompt.options.map((o) => ({ label: o.label })),
      html,
      messageId: null,
      status: 'queued',
      closedReason: null,
    };
    this.prompts.set(key, record);
    this.target = session.id;
    const chatId = this.o.chatId()!;
    this.o.outbox.enqueue({
      id: `prompt:${key}`,
      run: async () => {
        const sent = await this.o.api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: keyboard,
        });
        record.messageId = sent.message_id;
        if (record.status === 'queued') record.status = 'sent';
        this.remember(sent.message_id, session.id);
        onSent?.();
        if (record.closedReason) {
          this.prompts.delete(key);
          this.edit(sent.message_id, formatClosed(html, record.closedReason));
        }
      },
      onGiveUp: (error) => {
        if (record.closedReason) this.prompts.delete(key);
        // Telegram may have delivered it: never send again; a tap on it still works (the
        // callback carries the prompt key), and its id is learnt then.
        if (record.status === 'queued') record.status = 'unknown';
        this.o.log('warn', `prompt ${prompt.id} may not have been delivered: ${this.o.describe(error)}`);
      },
    });
  }

  /**
   * A prompt closed at the desk (or its session ended): a queued message is dropped, a sent one
   * is edited to say so and loses its buttons. Prompts answered from the phone are already edited.
   */
  promptClosed(promptId: string, reason: PromptCloseReason): void {
    const key = dataKey(promptId);
    const record = this.prompts.get(key);
    if (!record) return;
    if (record.status === 'queued') {
      if (this.o.outbox.cancel(`prompt:${key}`)) {
        this.prompts.delete(key);
      } else {
        record.closedReason = reason; // in flight: edited as soon as it is sent
      }
      return;
    }
    this.prompts.delete(key);
    if (record.status === 'answered' || record.messageId === null) return;
    this.edit(record.messageId, formatClosed(record.html, reason));
  }

  private findOpen(promptKey: string): { record: RelayedPrompt | null; session: SessionInfo | null } {
    const record = this.prompts.get(promptKey) ?? null;
    if (record) {
      const session = this.o.host.listSessions().find((s) => s.id === record.sessionId) ?? null;
      return { record, session };
    }
    const session =
      this.o.host.listSessions().find((s) => s.prompt && dataKey(s.prompt.id) === promptKey) ?? null;
    return { record: null, session };
  }

  /**
   * A tap on an option (`option` ≥ 0) or on Esc (`option` null) of a prompt message.
   * Writes through the host only when the prompt is still the open one; edits the message to
   * "<option> — answered from phone" and removes its buttons.
   * @param message the tapped message's id and plain text (the text is the edit's base when the
   *   prompt's record was lost, e.g. after a restart).
   */
  tapPrompt(
    promptKey: string,
    option: number | null,
    message: { id: number; text: string } | null,
  ): TapResult {
    const { record, session } = this.findOpen(promptKey);
    const stale: TapResult = { text: 'This prompt is no longer open.' };
    if (record?.status === 'answered' || !session) return stale;
    const prompt = this.o.host.openPrompt(session.id);
    const promptId = record?.promptId ?? prompt?.id;
    if (!promptId || !prompt || dataKey(prompt.id) !== promptKey) return stale;
    let label: string;
    let refusal: WriteRefusal | null;
    if (option === null) {
      label = 'Esc';
      refusal = this.o.host.sendKeys(session.id, '\x1b', promptId);
    } else {
      const chosen = prompt.options[option];
      if (!chosen) return stale;
      label = chosen.label;
      refusal = this.o.host.answerPrompt(session.id, promptId, option);
    }
    if (refusal) return { text: refusalText(refusal) };
    const html = record?.html ?? escapeHtml(message?.text ?? '');
    const messageId = record?.messageId ?? message?.id ?? null;
    if (record) {
      record.status = 'answered';
      record.messageId = messageId;
    } else {
      this.prompts.set(promptKey, {
        promptId,
        sessionId: session.id,
        options: prompt.options.map((o) => ({ label: o.label })),
        html,
        messageId,
        status: 'answered',
        closedReason: null,
      });
    }
    if (messageId !== null) this.edit(messageId, formatAnsweredFromPhone(html, label));
    return { text: `Sent: ${label}` };
  }

  /** Sends a session's screen as a monospace message (replies to it type into that session). */
  sendScreen(session: SessionInfo): void {
    this.say(formatScreen(session, this.o.host.screenText(session.id)), {
      sessionId: session.id,
      keyboard: waitingKeyboard(session.id),
    });
  }

  /** Sends the keypad for a session and makes it the target. */
  sendKeypad(session: SessionInfo): void {
    this.target = session.id;
    this.say(`⌨️ Keys for <b>${escapeHtml(session.name)}</b>`, {
      sessionId: session.id,
      keyboard: keypadKeyboard(session.id),
    });
  }

  /** A keypad tap: writes the key's bytes into the session (not bound to a prompt). */
  tapKey(sessionKey: string, keyName: string): TapResult {
    const session = this.sessionByKey(sessionKey);
    const key = KEYPAD.find((k) => k.name === keyName);
    if (!session || !key) return { text: 'That session is gone.' };
    const refusal = this.o.host.sendKeys(session.id, key.keys, null);
    if (refusal) return { text: refusalText(refusal) };
    this.target = session.id;
    return { text: `Sent ${key.label} to ${session.name}` };
  }
}
