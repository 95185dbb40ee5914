/**
 * The relay: turns prompt events into chat messages and chat actions into writes.
 *
 * It keeps, per relayed prompt, the message it sent (so a prompt is never sent twice and its
 * message can be edited when it is answered or closes), which message belongs to which session
 * (so a reply types into the right one), and the current target session for plain text and the
 * keypad: the session that asked most recently, or the one picked with /sessions, whichever
 * happened last. Every call to Telegram goes through the {@link Outbox}: a new permission or
 * question prompt is urgent (sent before anything else queued), edits of one message coalesce,
 * and a typed reply is acknowledged with a reaction on the user's message rather than another
 * message.
 */
import type { Api, InlineKeyboard } from 'grammy';
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { PromptCloseReason, WriteRefusal } from '../prompts/types.js';
import type { RelayHost } from './host.js';
import type { Outbox } from './outbox.js';
import {
  loadRelayMemory,
  MAX_REMEMBERED_PROMPTS,
  type RelayedPromptRecord,
  type RelayStore,
} from './phone-store.js';
import { editHtml, sendHtml } from './send.js';
import { dataKey, keypadKeyboard, promptKeyboard, waitingKeyboard } from './keyboards.js';
import { escapeHtml, formatAnsweredFromPhone, formatClosed, formatPrompt, formatScreen } from './format.js';
import { bodyTooLong, sendPromptPicture, sendScreenPicture, type PictureDeps } from './pictures.js';

/**
 * Reaction put on a text the user sent once it was typed into a session ("writing hand"; one of
 * the emoji Telegram allows in `ReactionTypeEmoji`, https://core.telegram.org/bots/api#reactiontypeemoji).
 */
export const TYPED_REACTION = '✍';

/** How many sent messages are remembered for reply routing. */
export const REMEMBERED_MESSAGES = 1000;

/** Where a relayed prompt's message stands. */
export type RelayStatus = 'queued' | 'sent' | 'unknown' | 'answered';

/** One relayed prompt: its message, where it stands, and the HTML it was sent with. */
export interface RelayedPrompt {
  promptId: string;
  /** The prompt as relayed (null when learnt from a tap after a restart). */
  prompt: PromptInfo | null;
  sessionId: string;
  options: { label: string }[];
  /** The message text as sent (HTML). */
  html: string;
  messageId: number | null;
  status: RelayStatus;
  /** Set when the prompt closed while its message was in flight: edit it once sent. */
  closedReason: PromptCloseReason | null;
  /** The picture of a too-long body went out (or is on its way). */
  pictureSent?: boolean;
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
  /** Remembers prompt messages across app restarts (phone-store.ts); none: memory only. */
  store?: RelayStore;
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
    case 'audit-failed':
      return 'Nothing was typed: the audit log could not be written on the computer.';
  }
}

/** Prompt relay for one bot and one paired chat. */
export class Relay {
  private readonly prompts = new Map<string, RelayedPrompt>();
  /** message id → session id, insertion-ordered, bounded by {@link REMEMBERED_MESSAGES}. */
  private readonly messageSessions = new Map<number, string>();
  private target: string | null = null;
  /** Per session, its latest finished-turn message (edited when the turn's token use arrives). */
  private readonly lastFinished = new Map<string, { messageId: number; prompt: PromptInfo; html: string }>();

  private readonly pictures: PictureDeps;

  /**
   * Loads the prompt messages remembered for the paired chat (from before an app restart); the
   * messages of prompts that closed meanwhile are edited to say so and lose their buttons.
   */
  constructor(private readonly o: RelayOptions) {
    this.pictures = { api: o.api, outbox: o.outbox, chatId: o.chatId, log: o.log, describe: o.describe };
    const chatId = o.chatId();
    if (!o.store || chatId === null) return;
    const remembered = loadRelayMemory(o.store, chatId);
    for (const r of remembered) {
      this.prompts.set(dataKey(r.promptId), { ...r, prompt: null, closedReason: null });
      if (r.messageId !== null) this.remember(r.messageId, r.sessionId);
    }
    for (const r of remembered) {
      if (o.host.openPrompt(r.sessionId)?.id !== r.promptId) this.promptClosed(r.promptId, 'gone');
    }
  }

  /** Logs that Telegram refused a message's formatting and it went out as plain text. */
  private readonly plainFallback = (error: unknown): void =>
    this.o.log('warn', `formatting refused, sent as plain text: ${this.o.describe(error)}`);

  /** Forgets every prompt, message and target (unpaired, or paired with another chat). */
  reset(): void {
    this.prompts.clear();
    this.messageSessions.clear();
    this.lastFinished.clear();
    this.target = null;
    this.o.store?.set(null);
  }

  /** Saves the prompts whose messages went out (or may have), newest last, bounded. */
  private persist(): void {
    const chatId = this.o.chatId();
    if (!this.o.store || chatId === null) return;
    const prompts: RelayedPromptRecord[] = [];
    for (const r of this.prompts.values()) {
      if (r.status === 'queued' || r.closedReason) continue;
      const { promptId, sessionId, options, html, messageId, status } = r;
      prompts.push({ promptId, sessionId, options, html: html.slice(0, 8192), messageId, status });
    }
    this.o.store.set({ chatId, prompts: prompts.slice(-MAX_REMEMBERED_PROMPTS) });
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
      chatId,
      run: async () => {
        const sent = await sendHtml(
          this.o.api,
          chatId,
          html,
          {
            link_preview_options: { is_disabled: true },
            ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
            ...(options.replyTo
              ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
              : {}),
          },
          this.plainFallback,
        );
        this.remember(sent.message_id, options.sessionId);
      },
      onGiveUp: (error) => this.o.log('warn', `message not sent: ${this.o.describe(error)}`),
    });
  }

  /**
   * Says that a text from the user was typed into `session`: a {@link TYPED_REACTION} reaction on
   * their message (the chat stays quiet). Where reactions are refused (e.g. turned off in that
   * chat), a short message says it instead.
   */
  acknowledgeTyped(messageId: number, session: SessionInfo): void {
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      chatId,
      run: async () => {
        await this.o.api.setMessageReaction(chatId, messageId, [{ type: 'emoji', emoji: TYPED_REACTION }]);
      },
      onGiveUp: (error) => {
        this.o.log('info', `reaction refused, confirming by message: ${this.o.describe(error)}`);
        this.say(`→ typed into <b>${escapeHtml(session.name)}</b>`, { sessionId: session.id });
      },
    });
  }

  /**
   * Queues an edit of one of our messages (text and buttons; no keyboard removes them);
   * "message is not modified" counts as done. A queued edit of the same message is replaced
   * (only the latest text is sent).
   */
  edit(messageId: number, html: string, keyboard?: InlineKeyboard): void {
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      chatId,
      coalesce: `edit:${chatId}:${messageId}`,
      run: async () => {
        try {
          await editHtml(
            this.o.api,
            chatId,
            messageId,
            html,
            {
              link_preview_options: { is_disabled: true },
              reply_markup: keyboard ?? { inline_keyboard: [] },
            },
            this.plainFallback,
          );
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
    const keyboard =
      prompt.kind === 'permission' || prompt.kind === 'question'
        ? promptKeyboard(prompt.id, prompt.options, session.id)
        : waitingKeyboard(session.id);
    const record: RelayedPrompt = {
      promptId: prompt.id,
      prompt,
      sessionId: session.id,
      options: prompt.options.map((o) => ({ label: o.label })),
      html: '',
      messageId: null,
      status: 'queued',
      closedReason: null,
    };
    this.prompts.set(key, record);
    this.target = session.id;
    const chatId = this.o.chatId()!;
    this.o.outbox.enqueue({
      id: `prompt:${key}`,
      chatId,
      // Asks for a decision now: never behind informational messages or edits.
      urgent: prompt.kind === 'permission' || prompt.kind === 'question',
      run: async () => {
        // Built when sent, so the screen text is the freshest (and fetched from the PTY host once).
        if (!record.html)
          record.html = formatPrompt(prompt, session, await this.o.host.screenText(session.id));
        const html = record.html;
        const sent = await sendHtml(
          this.o.api,
          chatId,
          html,
          { link_preview_options: { is_disabled: true }, reply_markup: keyboard },
          this.plainFallback,
        );
        record.messageId = sent.message_id;
        if (record.status === 'queued') record.status = 'sent';
        this.remember(sent.message_id, session.id);
        onSent?.();
        // The newest version: Claude's hook may have given the full command while this was sent.
        this.sendLongBody(record, record.prompt ?? prompt, session);
        // Token use that arrives after the message (even while it was on its way) is added by an edit.
        if (prompt.kind === 'finished') {
          this.lastFinished.set(session.id, { messageId: sent.message_id, prompt, html });
          this.usageChanged(session.id);
        }
        if (record.closedReason) {
          this.prompts.delete(key);
          this.edit(sent.message_id, formatClosed(html, record.closedReason));
        }
        this.persist();
      },
      onGiveUp: (error) => {
        if (record.closedReason) this.prompts.delete(key);
        // Telegram may have delivered it: never send again; a tap on it still works (the
        // callback carries the prompt key), and its id is learnt then.
        if (record.status === 'queued') record.status = 'unknown';
        this.persist();
        this.o.log('warn', `prompt ${prompt.id} may not have been delivered: ${this.o.describe(error)}`);
      },
    });
  }

  /**
   * A session's token use changed: its sent finished-turn message is edited to show it (Claude
   * Code may write the turn's last usage just after the message went out).
   */
  usageChanged(sessionId: string): void {
    const last = this.lastFinished.get(sessionId);
    const session = this.o.host.listSessions().find((s) => s.id === sessionId);
    if (!last || !session) return;
    // The screen text comes from the PTY host; a failed read leaves the message as it is.
    void Promise.resolve(this.o.host.screenText(sessionId)).then(
      (screen) => {
        if (this.lastFinished.get(sessionId) !== last) return;
        const html = formatPrompt(last.prompt, session, screen);
        if (html === last.html) return;
        last.html = html;
        const record = this.prompts.get(dataKey(last.prompt.id));
        if (record) record.html = html;
        this.edit(
          last.messageId,
          html,
          record && record.status !== 'answered' ? waitingKeyboard(sessionId) : undefined,
        );
      },
      (error: unknown) => this.o.log('warn', `usage not shown: ${this.o.describe(error)}`),
    );
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
    this.persist();
    if (record.status === 'answered' || record.messageId === null) return;
    this.edit(record.messageId, formatClosed(record.html, reason));
  }

  /**
   * What a tap on a prompt's button refers to: the relayed prompt's record (null when it was
   * lost, e.g. after a restart) and the session it belongs to (null when gone).
   */
  lookupPrompt(promptKey: string): { record: RelayedPrompt | null; session: SessionInfo | null } {
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
   * Records that a prompt was answered from the phone and edits its message to say so (HTML from
   * the record, when there is one). Without a record, `fallback` edits the message instead.
   */
  markAnswered(
    promptKey: string,
    prompt: PromptInfo,
    label: string,
    messageId: number | null,
    fallback: (() => void) | null,
  ): void {
    const record = this.prompts.get(promptKey);
    if (record) {
      record.status = 'answered';
      record.messageId = record.messageId ?? messageId;
      this.persist();
      if (record.messageId !== null) this.edit(record.messageId, formatAnsweredFromPhone(record.html, label));
      return;
    }
    this.prompts.set(promptKey, {
      promptId: prompt.id,
      prompt: null,
      sessionId: prompt.sessionId,
      options: prompt.options.map((o) => ({ label: o.label })),
      html: '',
      messageId,
      status: 'answered',
      closedReason: null,
    });
    this.persist();
    fallback?.();
  }

  /** Queues a call that changes one of our messages; "message is not modified" counts as done. */
  editWith(describe: string, run: (api: Api, chatId: number) => Promise<unknown>): void {
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      chatId,
      run: async () => {
        try {
          await run(this.o.api, chatId);
        } catch (error) {
          if (/message is not modified/.test((error as Error).message)) return;
          throw error;
        }
      },
      onGiveUp: (error) => this.o.log('warn', `${describe}: ${this.o.describe(error)}`),
    });
  }

  /**
   * A permission prompt whose body does not fit its message (a long diff or script) also gets the
   * whole body as a picture, in reply to the prompt's message; once per prompt.
   */
  private sendLongBody(record: RelayedPrompt, prompt: PromptInfo, session: SessionInfo): void {
    if (record.pictureSent || record.messageId === null || !bodyTooLong(prompt, session)) return;
    record.pictureSent = true;
    sendPromptPicture(this.pictures, prompt, session, record.messageId, (id) =>
      this.remember(id, session.id),
    );
  }

  /**
   * A relayed prompt changed (Claude Code's hook gave a permission's full command): a body now too
   * long for the message gets its picture.
   */
  promptUpdated(prompt: PromptInfo, session: SessionInfo): void {
    const record = this.prompts.get(dataKey(prompt.id));
    if (!record) return;
    // Kept for a message still on its way: once sent, the picture is judged on this version.
    record.prompt = prompt;
    if (record.status === 'sent') this.sendLongBody(record, prompt, session);
  }

  /**
   * Sends a session's screen as a picture with its text as the caption (replies to it type into
   * that session); as a monospace message when the host has no screen image or drawing fails.
   */
  async sendScreen(session: SessionInfo): Promise<void> {
    const screen = await this.o.host.screenText(session.id);
    const options = { sessionId: session.id, keyboard: waitingKeyboard(session.id) };
    const asText = () => this.say(formatScreen(session, screen), options);
    sendScreenPicture(this.pictures, this.o.host, session, screen, {
      keyboard: options.keyboard,
      onSent: (id) => this.remember(id, session.id),
      onRefused: asText,
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
}
