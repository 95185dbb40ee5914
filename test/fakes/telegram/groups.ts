/**
 * Group chats in the fake Bot API: which bots are members, which bot spoke last, and which bots a
 * user's group message reaches. As Telegram does for bots with privacy mode on (the default,
 * https://core.telegram.org/bots/features#privacy-mode), a bot gets: commands naming it
 * (`/cmd@its_bot`), commands naming no bot if it was the last bot to send a message to the group
 * (or no member bot spoke yet), replies to its own messages, and service messages; a bot with
 * `readsAllGroupMessages` (privacy mode off) gets everything. Bots never get other bots' messages.
 * A group no bot was added to (`addMember`) is a legacy group: its messages reach the default bot.
 */
import type { FakeBot } from './types.js';

/** Membership and the last speaker of each group. */
export class FakeGroups {
  private readonly members = new Map<number, Set<number>>();
  private readonly lastBot = new Map<number, number>();

  /** Adds a bot to a group. */
  addMember(chatId: number, botId: number): void {
    const set = this.members.get(chatId) ?? new Set<number>();
    set.add(botId);
    this.members.set(chatId, set);
  }

  /** True when bots were added to this group (its membership is enforced). */
  known(chatId: number): boolean {
    return this.members.has(chatId);
  }

  /** True when the bot is a member of the group. */
  isMember(chatId: number, botId: number): boolean {
    return this.members.get(chatId)?.has(botId) ?? false;
  }

  /** A bot sent a message to the group. */
  spoke(chatId: number, botId: number): void {
    if (this.known(chatId)) this.lastBot.set(chatId, botId);
  }

  /** The member bots, in `bots` order. */
  membersOf(chatId: number, bots: FakeBot[]): FakeBot[] {
    return bots.filter((b) => this.isMember(chatId, b.id));
  }

  /**
   * The bots a user's message in a known group reaches (see the module doc).
   * @param text the message text (a caption does not count as a command).
   * @param replyToFromId the sender of the message it replies to, or null.
   */
  recipients(chatId: number, bots: FakeBot[], text: string, replyToFromId: number | null): FakeBot[] {
    const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
    const last = this.lastBot.get(chatId);
    return this.membersOf(chatId, bots).filter((bot) => {
      if (bot.readsAllGroupMessages || replyToFromId === bot.id) return true;
      if (!command) return false;
      if (command[1]) return command[1].toLowerCase() === bot.username.toLowerCase();
      return last === undefined || !this.isMember(chatId, last) || last === bot.id;
    });
  }
}
