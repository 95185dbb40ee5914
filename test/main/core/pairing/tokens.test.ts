import { describe, expect, it } from 'vitest';
import {
  PAIRING_TOKEN_TTL_MS,
  PairingTokens,
  START_PARAMETER_PATTERN,
} from '../../../../main/core/pairing/tokens.js';

describe('PairingTokens', () => {
  it('issues 32-char base64url tokens that fit a Telegram start parameter', () => {
    const tokens = new PairingTokens();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { token } = tokens.issue();
      expect(token).toHaveLength(32);
      expect(token).toMatch(START_PARAMETER_PATTERN);
      seen.add(token);
    }
    expect(seen.size).toBe(50);
  });

  it('accepts the open token once; then it is used', () => {
    const tokens = new PairingTokens();
    const { token } = tokens.issue();
    expect(tokens.consume('x'.repeat(32))).toBe('wrong');
    expect(tokens.consume(token)).toBeNull();
    expect(tokens.consume(token)).toBe('used');
  });

  it('expires after 10 minutes on the injected clock', () => {
    let now = 1_000_000;
    const tokens = new PairingTokens({ now: () => now });
    const { token, expiresAt } = tokens.issue();
    expect(expiresAt).toBe(now + PAIRING_TOKEN_TTL_MS);
    now += PAIRING_TOKEN_TTL_MS;
    expect(tokens.openUntil()).toBeNull();
    expect(tokens.consume(token)).toBe('expired');
  });

  it('voids the old token when a new one is issued, and on cancel', () => {
    const tokens = new PairingTokens();
    const first = tokens.issue().token;
    const second = tokens.issue().token;
    expect(tokens.consume(first)).toBe('wrong');
    tokens.cancel();
    expect(tokens.consume(second)).toBe('none');
  });
});
