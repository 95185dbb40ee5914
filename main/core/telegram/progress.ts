/**
 * Live progress and the queue, per session, for the paired chat.
 *
 * Progress: when a turn starts (`main/core/turns.ts`), the chat gets one status message for it,
 * edited in place as tools run and the time passes, and at the end showing the agent's last
 * message with Reply / Screen buttons. Edits are coalesced: a message is edited at most once per
 * {@link STATUS_EDIT_INTERVAL_MS} (Telegram asks for about one message per second per chat,
 * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this; edits count
 * too), every edit renders the latest state when it is sent, and a queued edit of the same
 * message is replaced by the newer one (`coalesce`); prompts are `urgent` in the outbox, so a
 * prompt never waits behind status messages.
 *
 * Queue: text for a session whose agent is busy is not typed into the middle of its output. It
 * waits here (at most {@link MAX_QUEUED} per session), is shown as "queued (n)" with a Cancel
 * button, and is typed and submitted one text per turn once the agent is ready again. This holds
 * for every agent: Claude Code does accept typed input while busy, but it merges texts typed
 * meanwhile into one next turn, so holding them here is what keeps one text per turn.
 */
import { turnUsageLine } from './usage-text.js';
import type { Api } from 'grammy';
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { TurnEvent } from '../turns.js';
import type { RelayHost } from './host.js';
import type { Outbox } from './outbox.js';
import { escapeHtml, lastLines } from './format.js';
import { formatStatus, STATUS_SCREEN_LINES, type StatusTool, type StatusView } from './progress-format.js';
import { cancelQueueKeyboard, statusKeyboard } from './remote-keyboards.js';
import { refusalText, type Relay } from './relay.js';

/** Shortest time between two edits of one status message, in ms. */
export const STATUS_EDIT_INTERVAL_MS = 3000;
/** While a turn runs, its elapsed time is refreshed this often, in ms. */
export const STATUS_TICK_MS = 15_000;
/** Pause after a turn ended before the next queued text is typed, in ms (the input box redraws). */
export const QUEUE_SUBMIT_DELAY_MS = 700;
/** Most texts queued per session. */
export const MAX_QUEUED = 20;
/** An input/finished prompt this soon after its turn's status ended is shown there, not sent again, in ms. */
export const FOLD_WINDOW_MS = 60_000;
/** Tool calls remembered per turn (the message shows the newest few and counts the rest). */
const MAX_TOOLS = 200;

interface Status {
  sessionId: string;
  startedAt: number;
  endedAt: number | null;
  phase: StatusView['phase'];
  tools: (StatusTool & { id: string | null })[];
  result: string;
  messageId: number | null;
  /** The send failed for good: no edits. */
  failed: boolean;
  /** A newer turn of the session has its own status message; this one keeps its final state. */
  retired: boolean;
  editTimer: NodeJS.Timeout | null;
  editQueued: boolean;
  lastEditAt: number;
  lastHtml: string;
  tick: NodeJS.Timeout | null;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  host: RelayHost;
  api: Api;
  outbox: Outbox;
  relay: Relay;
  chatId: () => number | null;
  /** True when status messages should go out now (paired, progress on, not paused). */
  active: () => boolean;
  log: (level: 'info' | 'warn', message: string) => void;
  describe: (error: unknown) => string;
  /** Overrides {@link STATUS_EDIT_INTERVAL_MS} (tests). */
  editIntervalMs?: number;
}

/** What happened to text sent for a session. */
export type SubmitResult = { typed: true } | { queued: number } | { refused: string };

/** Status messages and queues of one paired chat. */
export class Progress {
  private readonly statuses = new Map<string, Status>();
  /** Queued texts per session, each with the chat message it came in (the reaction goes there). */
  private readonly queues = new Map<string, { text: string; messageId: number | null }[]>();
  private readonly drainTimers = new Map<string, NodeJS.Timeout>();
  private readonly editIntervalMs: number;

  constructor(private readonly o: ProgressOptions) {
    this.editIntervalMs = o.editIntervalMs ?? STATUS_EDIT_INTERVAL_MS;
  }

  /** Stops every timer and forgets statuses and queues (unpaired, bot stopped). */
  reset(): void {
    for (const s of this.statuses.values()) this.stopTimers(s);
    for (const t of this.drainTimers.values()) clearTimeout(t);
    this.statuses.clear();
    this.queues.clear();
    this.drainTimers.clear();
  }

  /** Applies a turn event: starts, updates or ends the session's status message; drains the queue. */
  turnEvent(event: TurnEvent): void {
    if (event.kind === 'started') return this.started(event.sessionId, event.at);
    const status = this.statuses.get(event.sessionId);
    if (event.kind === 'tool') {
      if (!status || status.endedAt !== null) return;
      const open = status.tools.find(
        (t) => !t.done && (event.toolUseId ? t.id === event.toolUseId : t.name === event.toolName),
      );
      if (event.phase === 'post' && open) open.done = true;
      else if (event.phase === 'pre' && status.tools.length < MAX_TOOLS)
        status.tools.push({ id: event.toolUseId, name: event.toolName, summary: event.summary, done: false });
      this.changed(status);
      return;
    }
    if (status && status.endedAt === null) {
      status.endedAt = event.at;
      status.phase = event.reason === 'finished' ? 'done' : event.reason;
      status.result = event.result;
      for (const t of status.tools) t.done = true;
      if (status.tick) clearInterval(status.tick);
      status.tick = null;
      this.changed(status, true);
    }
    if (event.reason === 'exited') this.queues.delete(event.sessionId);
    else this.scheduleDrain(event.sessionId);
  }

  /**
   * An input/finished prompt opened: when the session's turn status was just shown, it says
   * the same, so the prompt is not sent as a message of its own (its text fills an empty result);
   * when a newer turn already runs, the prompt is the previous turn's and is not sent either.
   * @returns true when the status message stands for the prompt.
   */
  absorbPrompt(prompt: PromptInfo): boolean {
    if (prompt.kind !== 'input' && prompt.kind !== 'finished') return false;
    const status = this.statuses.get(prompt.sessionId);
    if (!status || status.failed || !this.o.active()) return false;
    // Read from the screen after the next turn began (queued text went in): it is already stale.
    if (status.endedAt === null) return this.o.host.isBusy(prompt.sessionId);
    if (Date.now() - status.endedAt > FOLD_WINDOW_MS) return false;
    if (!status.result.trim() && prompt.body.trim()) {
      status.result = prompt.body.trim();
      this.changed(status, true);
    }
    return true;
  }

  /**
   * A prompt's text changed after it opened: when the session's status message stood for it and
   * shows no result yet, the prompt's body becomes the result.
   */
  promptUpdated(prompt: PromptInfo): void {
    if (prompt.kind !== 'input' && prompt.kind !== 'finished') return;
    const status = this.statuses.get(prompt.sessionId);
    if (!status || status.endedAt === null || status.result.trim() || !prompt.body.trim()) return;
    status.result = prompt.body.trim();
    this.changed(status, true);
  }

  /**
   * Text from the chat for a session: typed and submitted now when the agent is ready or shows a
   * prompt (and nothing waits before it), else queued. A queued text, once typed, gets the typed
   * reaction on `messageId` (the user's message it came in), like one typed at once.
   */
  async submit(session: SessionInfo, text: string, messageId: number | null = null): Promise<SubmitResult> {
    const queue = this.queues.get(session.id) ?? [];
    // An open prompt (a question, a menu) means the agent waits for the user now, even mid-turn.
    const waiting = this.o.host.openPrompt(session.id) !== null;
    if (queue.length === 0 && (waiting || !this.o.host.isBusy(session.id))) {
      const refusal = await this.o.host.submitText(session.id, text);
      return refusal ? { refused: refusalText(refusal) } : { typed: true };
    }
    if (queue.length >= MAX_QUEUED)
      return {
        refused: `${MAX_QUEUED} texts already wait for ${escapeHtml(session.name)}. /queue shows them.`,
      };
    queue.push({ text, messageId });
    this.queues.set(session.id, queue);
    const status = this.statuses.get(session.id);
    if (status && status.messageId !== null && !status.failed) this.changed(status, true);
    else
      this.o.relay.say(
        `🕒 queued (${queue.length}) for <b>${escapeHtml(session.name)}</b>: typed when it is ready for input.`,
        { sessionId: session.id, keyboard: cancelQueueKeyboard(session.id, queue.length) },
      );
    return { queued: queue.length };
  }

  /**
   * A session's token use changed (Claude Code may write a turn's usage just after its Stop
   * hook): a status message of a finished turn is edited to show it.
   */
  usageChanged(sessionId: string): void {
    const status = this.statuses.get(sessionId);
    if (status && status.endedAt !== null && status.messageId !== null && !status.failed) {
      this.changed(status, true);
    }
  }

  /** The queued texts per session id (a copy). */
  queued(): Map<string, string[]> {
    return new Map([...this.queues].map(([id, items]) => [id, items.map((i) => i.text)]));
  }

  /** Drops the queued texts of one session (all when `sessionId` is null). @returns how many. */
  cancel(sessionId: string | null): number {
    const ids = sessionId === null ? [...this.queues.keys()] : [sessionId];
    let dropped = 0;
    for (const id of ids) {
      dropped += this.queues.get(id)?.length ?? 0;
      this.queues.delete(id);
      const status = this.statuses.get(id);
      if (status) this.changed(status, true);
    }
    return dropped;
  }

  private started(sessionId: string, at: number): void {
    const old = this.statuses.get(sessionId);
    if (old) this.retire(old);
    this.statuses.delete(sessionId);
    this.pruneGone();
    if (!this.o.active()) return;
    const status: Status = {
      sessionId,
      startedAt: at,
      endedAt: null,
      phase: 'working',
      tools: [],
      result: '',
      messageId: null,
      failed: false,
      retired: false,
      editTimer: null,
      editQueued: false,
      lastEditAt: 0,
      lastHtml: '',
      tick: setInterval(() => this.changed(status), STATUS_TICK_MS),
    };
    status.tick!.unref?.();
    this.statuses.set(sessionId, status);
    const chatId = this.o.chatId();
    if (chatId === null) return;
    this.o.outbox.enqueue({
      chatId,
      run: async () => {
        const { html, keyboard } = await this.render(status);
        const sent = await this.o.api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: keyboard,
        });
        status.messageId = sent.message_id;
        status.lastHtml = html + JSON.stringify(keyboard);
        status.lastEditAt = Date.now();
        this.o.relay.remember(sent.message_id, sessionId);
        // Anything that changed while the message was on its way is shown by one edit.
        this.changed(status);
      },
      onGiveUp: (error) => {
        status.failed = true;
        this.o.log('warn', `status message not sent: ${this.o.describe(error)}`);
      },
    });
  }

  /** Something in the status changed: schedule one coalesced edit (`soon`: no later than one interval). */
  private changed(status: Status, soon = false): void {
    if (status.messageId === null || status.failed || status.editQueued || status.editTimer) return;
    const wait = soon
      ? Math.max(0, status.lastEditAt + this.editIntervalMs - Date.now())
      : Math.max(this.editIntervalMs, status.lastEditAt + this.editIntervalMs - Date.now());
    status.editTimer = setTimeout(() => {
      status.editTimer = null;
      this.enqueueEdit(status);
    }, wait);
    status.editTimer.unref?.();
  }

  private enqueueEdit(status: Status): void {
    const chatId = this.o.chatId();
    if (chatId === null || status.messageId === null || status.failed) return;
    status.editQueued = true;
    this.o.outbox.enqueue({
      chatId,
      coalesce: `edit:${chatId}:${status.messageId}`,
      run: async () => {
        status.editQueued = false;
        const { html, keyboard } = await this.render(status);
        const key = html + JSON.stringify(keyboard);
        if (key === status.lastHtml) return;
        status.lastEditAt = Date.now();
        try {
          await this.o.api.editMessageText(chatId, status.messageId!, html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            reply_markup: keyboard,
          });
          status.lastHtml = key;
        } catch (error) {
          if (/message is not modified/.test((error as Error).message)) return;
          throw error;
        }
      },
      onGiveUp: (error) => {
        status.editQueued = false;
        this.o.log('warn', `status message not edited: ${this.o.describe(error)}`);
      },
    });
  }

  private async render(
    status: Status,
  ): Promise<{ html: string; keyboard: ReturnType<typeof statusKeyboard> }> {
    const session = this.o.host.listSessions().find((s) => s.id === status.sessionId);
    const queued = status.retired ? 0 : (this.queues.get(status.sessionId)?.length ?? 0);
    const screen =
      session && session.agent !== 'claude'
        ? await Promise.resolve(this.o.host.screenText(session.id)).catch(() => null)
        : null;
    const html = formatStatus({
      sessionName: session?.name ?? 'session',
      phase: status.phase,
      elapsedMs: (status.endedAt ?? Date.now()) - status.startedAt,
      tools: status.tools,
      screenTail: screen ? lastLines(screen, STATUS_SCREEN_LINES) : null,
      result: status.result,
      queued,
      usage: session && status.endedAt !== null ? turnUsageLine(session) : '',
    });
    return { html, keyboard: statusKeyboard(status.sessionId, status.endedAt !== null, queued) };
  }

  private scheduleDrain(sessionId: string): void {
    if (!this.queues.get(sessionId)?.length || this.drainTimers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.drainTimers.delete(sessionId);
      void this.drain(sessionId);
    }, QUEUE_SUBMIT_DELAY_MS);
    timer.unref?.();
    this.drainTimers.set(sessionId, timer);
  }

  /** Types the next queued text when the agent is ready (one per turn). */
  private async drain(sessionId: string): Promise<void> {
    const queue = this.queues.get(sessionId);
    if (!queue?.length || this.o.host.isBusy(sessionId)) return;
    const { text, messageId } = queue.shift()!;
    if (queue.length === 0) this.queues.delete(sessionId);
    const refusal = await this.o.host.submitText(sessionId, text);
    if (refusal) {
      const dropped = 1 + this.cancel(sessionId);
      this.o.relay.say(`${refusalText(refusal)} ${dropped} queued text(s) were not typed.`);
      return;
    }
    const session = this.o.host.listSessions().find((s) => s.id === sessionId);
    if (messageId !== null && session) this.o.relay.acknowledgeTyped(messageId, session);
  }

  private pruneGone(): void {
    const ids = new Set(this.o.host.listSessions().map((s) => s.id));
    for (const [id, s] of this.statuses) {
      if (ids.has(id)) continue;
      this.stopTimers(s);
      this.statuses.delete(id);
    }
    for (const id of this.queues.keys()) if (!ids.has(id)) this.queues.delete(id);
  }

  /**
   * A newer turn takes over: the old message's pending edit goes out now (its final state, e.g.
   * the end of the turn, must not be lost), without the queue, which moves to the new message.
   */
  private retire(status: Status): void {
    const pending = status.editTimer !== null;
    this.stopTimers(status);
    status.retired = true;
    if (pending || (this.queues.get(status.sessionId)?.length ?? 0) > 0) this.enqueueEdit(status);
  }

  private stopTimers(status: Status): void {
    if (status.tick) clearInterval(status.tick);
    if (status.editTimer) clearTimeout(status.editTimer);
    status.tick = null;
    status.editTimer = null;
  }
}
