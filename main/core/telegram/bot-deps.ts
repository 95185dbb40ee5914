/**
 * What the bot's composers need from the phone service: the relay (built before the bot), the
 * host, the pairing record and the few actions a chat may trigger. One object, built by
 * `bot-stack.ts` from what `phone-service.ts` gives it.
 */
import type { PairedChatType } from '../../../contract/bridge.js';
import type { TokenRefusal } from '../pairing/tokens.js';
import type { RelayHost } from './host.js';
import type { Relay } from './relay.js';
import type { Progress } from './progress.js';
import type { PairedChat } from './phone-store.js';

/** The chat and user presenting a pairing token. */
export interface PairingCandidate {
  chatId: number;
  userId: number;
  username: string | null;
  firstName: string;
  /** A private chat with the bot, or a group it was added to with the `startgroup` link. */
  chatType: PairedChatType;
  /** The group's title (null in a private chat), at most 256 chars. */
  title: string | null;
}

/** Dependencies of the composers. */
export interface BotDeps {
  relay: Relay;
  /** Live status messages and the queue while a session is busy. */
  progress: Progress;
  host: RelayHost;
  /** The paired chat, or null. */
  paired(): PairedChat | null;
  /** Tries a pairing token; binds the chat when accepted. @returns null when paired, or why not. */
  pair(candidate: PairingCandidate, token: string): TokenRefusal | null;
  /** Unpairs (from the chat's /unpair). */
  unpair(): void;
  setPaused(paused: boolean): void;
  /** Resumes notifications and tells the chat what was raised while paused (`/resume`). */
  resume(): void;
  /**
   * Downloads a file the user sent, by the `file_path` getFile gave (`download.ts`).
   * @throws Error "too large" past `maxBytes` (bytes), or "download failed: …".
   */
  download(filePath: string, maxBytes: number): Promise<Buffer>;
  /** Every update from the paired chat and user calls this (a chat that blocked the bot writes again). */
  ownerSeen(): void;
  /** The paired group `from` became the supergroup `to` (Telegram's migration service messages). */
  migrated(from: number, to: number): void;
  /** Logs a line (the service redacts the token). Never pass message contents. */
  log(level: 'info' | 'warn' | 'error', message: string): void;
}
