/**
 * One bot's updates in the fake Bot API, and its long polling: `getUpdates` with `offset`,
 * `limit`, `timeout` and a remembered `allowed_updates`. Telegram keeps updates per bot, and only
 * one `getUpdates` per bot token may be pending: a second one ends the first with 409 `Conflict:
 * terminated by other getUpdates request` (https://core.telegram.org/bots/api#getupdates). Bots
 * with different tokens poll side by side.
 */
import type http from 'node:http';
import { ApiError } from './html.js';

/** Update kinds Telegram sends when `allowed_updates` was never given (all but these three). */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

/** One update as delivered. */
export interface Update {
  update_id: number;
  [key: string]: unknown;
}

interface Poller {
  res: http.ServerResponse;
  timer: NodeJS.Timeout;
  offset: number;
  limit: number;
}

/** The 409 Telegram answers to a getUpdates ended by another. */
export function conflictError(): ApiError {
  return new ApiError(
    409,
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  );
}

/** The updates and pending long polls of one bot token. */
export class UpdateQueue {
  private readonly updates: Update[] = [];
  private confirmedBelow = 0;
  /** `allowed_updates` of the last getUpdates that gave one (null: never given). */
  allowedUpdates: string[] | null = null;
  private pollers: Poller[] = [];

  constructor(private readonly reply: (res: http.ServerResponse, status: number, body: unknown) => void) {}

  /** Ends every pending poll with `error` (or, when null, with what is there). */
  endAll(error: ApiError | null): void {
    for (const p of [...this.pollers]) this.endPoll(p, error);
  }

  /** Forgets the pending polls without answering (their sockets are being destroyed). */
  drop(): void {
    for (const p of this.pollers) clearTimeout(p.timer);
    this.pollers = [];
  }

  private deliverable(offset: number): Update[] {
    const allowed = this.allowedUpdates;
    return this.updates.filter((u) => {
      if (u.update_id < offset) return false;
      const kind = Object.keys(u).find((k) => k !== 'update_id') ?? '';
      return allowed && allowed.length > 0 ? allowed.includes(kind) : !NOT_BY_DEFAULT.has(kind);
    });
  }

  private endPoll(poller: Poller, error: ApiError | null): void {
    clearTimeout(poller.timer);
    this.pollers = this.pollers.filter((p) => p !== poller);
    if (error) {
      this.reply(poller.res, error.status, {
        ok: false,
        error_code: error.status,
        description: error.description,
      });
      return;
    }
    this.reply(poller.res, 200, { ok: true, result: this.deliverable(poller.offset).slice(0, poller.limit) });
  }

  /** Handles a getUpdates: confirms below `offset`, ends any other pending poll with 409, then waits. */
  poll(params: Record<string, unknown>, res: http.ServerResponse): void {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeoutSec = Math.max(0, Number(params.timeout ?? 0));
    const allowed =
      typeof params.allowed_updates === 'string'
        ? JSON.parse(params.allowed_updates)
        : params.allowed_updates;
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.map(String);
    if (offset > this.confirmedBelow) {
      this.confirmedBelow = offset;
      for (let i = this.updates.length - 1; i >= 0; i--) {
        if (this.updates[i]!.update_id < offset) this.updates.splice(i, 1);
      }
    }
    this.endAll(conflictError());
    const poller: Poller = {
      res,
      offset,
      limit,
      timer: setTimeout(() => this.endPoll(poller, null), timeoutSec * 1000),
    };
    res.on('close', () => {
      clearTimeout(poller.timer);
      this.pollers = this.pollers.filter((p) => p !== poller);
    });
    this.pollers.push(poller);
    if (this.deliverable(offset).length > 0) this.endPoll(poller, null);
  }

  /** Queues an update and answers the pending poll that can take it. */
  push(update: Update): void {
    this.updates.push(update);
    for (const p of [...this.pollers]) {
      if (this.deliverable(p.offset).length > 0) this.endPoll(p, null);
    }
  }
}
