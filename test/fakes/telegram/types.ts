/** Public types of the fake Bot API (see `test/fakes/telegram-bot-api.ts`). */
import type { FakeEntity } from './html.js';

export type { FakeEntity } from './html.js';

/** A Telegram user as the fake reports it in updates. */
export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
}

/** A chat as the fake reports it in updates. */
export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  username?: string;
  title?: string;
}

/** One inline keyboard button as stored (only the fields the app uses). */
export interface FakeButton {
  text: string;
  data: string | null;
}

/** What a user message carries besides text (as Telegram sends it: no `text`, maybe a `caption`). */
export type FakeMediaKind = 'photo' | 'voice' | 'sticker' | 'document';

/** One message in a chat, from a user or from the bot. */
export interface FakeMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  /** Sender user id (the bot's id for bot messages). */
  fromId: number;
  /** Plain text: HTML parsed away when sent with `parse_mode: "HTML"`. */
  text: string;
  /** The raw text as sent (with markup). */
  raw: string;
  parseMode: string | null;
  /** Formatting of `text`: parsed from HTML, or given as `entities`; [] when none. */
  entities: FakeEntity[];
  /** Inline keyboard rows, [] when none. */
  buttons: FakeButton[][];
  replyToMessageId: number | null;
  /** How often it was edited (text or markup). */
  edits: number;
  /** Epoch ms when it was stored (its `date`, which may lie in the past: see `ageMs`). */
  at: number;
  /** Epoch ms of the last edit, null when never edited. */
  editedAt: number | null;
  /** The bot's reaction emoji on it ([] when none). */
  reactions: string[];
  /** Epoch ms of the bot's last `setMessageReaction` on it, null when none. */
  reactedAt: number | null;
  /** Set for user messages that are not text. */
  media?: FakeMediaKind;
  /** The bytes of a photo or document the bot sent, or of a file a user sent (`text` is its caption). */
  file?: FakeFile;
}

/** A file carried by a message. */
export interface FakeFile {
  kind: 'photo' | 'document' | 'voice';
  data: Buffer;
  fileName: string | null;
}

/** One API call the fake received (also failed ones). */
export interface FakeCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** Epoch ms when the request arrived. */
  at: number;
  /** HTTP status answered (0 when the connection was dropped or is still held). */
  status: number;
  /** The error description answered, if the call failed. */
  description?: string;
}

/** A scripted failure for the next call of a method. */
export type FakeFailure =
  | { status: 429; retryAfter: number }
  /** `afterStore`: the call is carried out (a message stored) before the 5xx is answered. */
  | { status: 500 | 502 | 503 | 504; afterStore?: boolean }
  | { status: 400 | 401 | 403 | 409; description?: string }
  /** Carries the call out (message stored), then destroys the socket before answering. */
  | { dropResponse: true }
  /** Never answers: the request hangs until the client gives up (a timeout). */
  | { hang: true };

/** What a user saw when the bot answered a callback query. */
export interface FakeCallbackAnswer {
  text: string | null;
  showAlert: boolean;
}

/** A bot the fake knows: its token and identity. */
export interface FakeBot {
  token: string;
  id: number;
  username: string;
  firstName: string;
  /** Privacy mode off: the bot gets every message of its groups (default: off, as Telegram). */
  readsAllGroupMessages?: boolean;
}

/** Options of `FakeTelegramBotApi`. */
export interface FakeTelegramBotApiOptions {
  /** Bots the fake knows; default one bot `agent_pager_test_bot`. The first is the default. */
  bots?: FakeBot[];
  /**
   * How long after a tap its callback query can still be answered, in ms; later answers get 400
   * "query is too old…" (Telegram's window is a few seconds to tens of seconds). Default 15 000.
   */
  callbackAnswerWindowMs?: number;
  /** Delay before answering each call other than getUpdates, in ms (a real network). Default 0. */
  latencyMs?: number;
}

/** Options of a user's message. */
export interface UserMessageOptions {
  /** The message replies to this one (`reply_to_message`). */
  replyTo?: number;
  /** A quote of part of the replied-to message (`quote`, with `replyTo`). */
  quote?: string;
  /** Formatting of the text (bold, code…), as Telegram sends it. */
  entities?: FakeEntity[];
  /** Forwarded from this user (`forward_origin`). */
  forwardedFrom?: FakeUser;
  /** How long ago the user sent it, in ms (delivered late: `date` lies in the past). */
  ageMs?: number;
  /**
   * The bot that gets it. Default: in a private chat the default bot; in a group the bots
   * Telegram would deliver it to (`groups.ts`).
   */
  to?: FakeBot;
}

/** Options of a user's tap. */
export interface UserTapOptions {
  /** How long ago the user tapped, in ms: an answer is refused once past the answer window. */
  ageMs?: number;
  /** The tapped message is too old for the bot to see (`InaccessibleMessage`, `date: 0`). */
  inaccessible?: boolean;
}
