/**
 * The open pairing offer shown on the desk: a one-time token (see tokens.ts), the bot's deep links
 * carrying it (a private chat, and a group), and the private link as a QR code. Opening a new offer voids the previous one; an offer
 * removes itself when it expires (reported through `onExpired`) or is used.
 */
import type { PhoneState } from '../../../contract/bridge.js';
import { pairingDeepLink } from './deep-link.js';
import { qrSvg } from './qr.js';
import { PairingTokens, type TokenRefusal } from './tokens.js';

/** What the desk shows of an open offer (`PhoneState.pairing`). */
export type PairingOfferView = NonNullable<PhoneState['pairing']>;

/** Options of {@link PairingOffer}. */
export interface PairingOfferOptions {
  /** Clock for the tokens, epoch ms; defaults to `Date.now`. */
  now?: () => number;
  /** Called when the offer that expires at `expiresAt` (epoch ms) runs out unused. */
  onExpired(expiresAt: number): void;
}

/** At most one open pairing offer. */
export class PairingOffer {
  private readonly tokens: PairingTokens;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PairingOfferOptions) {
    this.tokens = new PairingTokens({ now: options.now });
  }

  /** Opens a fresh offer for the bot `@botUsername` (voiding any earlier one). */
  async open(botUsername: string): Promise<PairingOfferView> {
    const { token, expiresAt } = this.tokens.issue();
    const deepLink = pairingDeepLink(botUsername, token);
    const groupLink = pairingDeepLink(botUsername, token, 'startgroup');
    const svg = await qrSvg(deepLink);
    this.stopTimer();
    this.timer = setTimeout(() => this.options.onExpired(expiresAt), Math.max(0, expiresAt - Date.now()));
    this.timer.unref();
    return { deepLink, groupLink, qrSvg: svg, expiresAt };
  }

  /** Closes the offer; its token no longer pairs. */
  close(): void {
    this.tokens.cancel();
    this.stopTimer();
  }

  /**
   * Checks a presented token; a match uses the offer up.
   * @returns null when it matched, or why it was refused.
   */
  consume(token: string): TokenRefusal | null {
    const refusal = this.tokens.consume(token);
    if (!refusal) this.stopTimer();
    return refusal;
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
