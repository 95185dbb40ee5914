/**
 * One-time pairing tokens: the secret carried by the deep link that binds a Telegram chat to
 * this computer.
 *
 * - 24 random bytes (192 bits, above the 128 we require) encoded as base64url → exactly 32 chars
 *   of `A-Za-z0-9_-`. Telegram's deep-link `start` parameter allows 1–64 chars of exactly that
 *   alphabet (https://core.telegram.org/bots/features#deep-linking), so it travels unchanged.
 * - Single use, valid for {@link PAIRING_TOKEN_TTL_MS}; issuing a new token voids the previous one.
 * - Compared in constant time (SHA-256 of both sides, then `crypto.timingSafeEqual`), so neither
 *   content nor length leaks through timing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a pairing token stays valid after it was issued, in ms (10 minutes). */
export const PAIRING_TOKEN_TTL_MS = 10 * 60 * 1000;

/** Random bytes per token; 24 bytes encode to 32 base64url chars with no padding. */
export const PAIRING_TOKEN_BYTES = 24;

/** Telegram deep-link start parameter: 1–64 chars of `A-Za-z0-9_-` (core.telegram.org/bots/features#deep-linking). */
export const START_PARAMETER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** An issued token and its expiry (epoch ms). */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/**
 * Why a presented token was refused: `none` (no token open, e.g. cancelled or never issued),
 * `wrong` (does not match), `used` (matched a token already consumed), `expired`.
 */
export type TokenRefusal = 'none' | 'wrong' | 'used' | 'expired';

/** Options of {@link PairingTokens}. */
export interface PairingTokensOptions {
  /** Current time in epoch ms; defaults to `Date.now`. */
  now?: () => number;
  /** Validity in ms; defaults to {@link PAIRING_TOKEN_TTL_MS}. */
  ttlMs?: number;
  /** Random source (bytes); defaults to `crypto.randomBytes`. */
  random?: (size: number) => Buffer;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Holds at most one open pairing token. Not persisted: a restart voids any open offer. */
export class PairingTokens {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly random: (size: number) => Buffer;
  private open: { digest: Buffer; expiresAt: number } | null = null;
  /** Digest of the last consumed token, to tell "used" from "wrong" in the refusal. */
  private lastUsed: Buffer | null = null;

  constructor(options: PairingTokensOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? PAIRING_TOKEN_TTL_MS;
    this.random = options.random ?? randomBytes;
  }

  /** Issues a new token, voiding any previous one. */
  issue(): IssuedToken {
    const token = this.random(PAIRING_TOKEN_BYTES).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.open = { digest: digest(token), expiresAt };
    return { token, expiresAt };
  }

  /** Voids the open token, if any. */
  cancel(): void {
    this.open = null;
  }

  /** Expiry (epoch ms) of the open token, or null when none is open or it has expired. */
  openUntil(): number | null {
    if (!this.open || this.now() >= this.open.expiresAt) return null;
    return this.open.expiresAt;
  }

  /**
   * Checks a presented token and, when it matches the open one and has not expired, consumes it
   * (it can never be used again).
   * @returns null when accepted, or why it was refused.
   */
  consume(candidate: string): TokenRefusal | null {
    const presented = digest(candidate);
    if (this.lastUsed && timingSafeEqual(presented, this.lastUsed)) return 'used';
    if (!this.open) return 'none';
    if (!timingSafeEqual(presented, this.open.digest)) return 'wrong';
    if (this.now() >= this.open.expiresAt) {
      this.open = null;
      return 'expired';
    }
    this.open = null;
    this.lastUsed = presented;
    return null;
  }
}
