import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PairingOffer } from '../../../../main/core/pairing/offer.js';
import { PAIRING_TOKEN_TTL_MS } from '../../../../main/core/pairing/tokens.js';

/** The one-time token carried by a deep link's `start` parameter. */
const tokenOf = (deepLink: string): string => new URL(deepLink).searchParams.get('start')!;

describe('PairingOffer', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('offers a deep link to the bot with a QR code of it; its token pairs once', async () => {
    const expired: number[] = [];
    const offer = new PairingOffer({ onExpired: (at) => expired.push(at) });
    const view = await offer.open('pager_bot');
    expect(view.deepLink).toMatch(/^https:\/\/t\.me\/pager_bot\?start=[A-Za-z0-9_-]{32}$/);
    expect(view.qrSvg).toContain('<svg');
    expect(view.expiresAt).toBe(Date.now() + PAIRING_TOKEN_TTL_MS);
    expect(offer.consume(tokenOf(view.deepLink))).toBeNull();
    expect(offer.consume(tokenOf(view.deepLink))).toBe('used');
    vi.advanceTimersByTime(PAIRING_TOKEN_TTL_MS + 1);
    expect(expired).toEqual([]);
  });

  it('reports the expiry of an unused offer, whose token then no longer pairs', async () => {
    const expired: number[] = [];
    const offer = new PairingOffer({ onExpired: (at) => expired.push(at) });
    const view = await offer.open('pager_bot');
    vi.advanceTimersByTime(PAIRING_TOKEN_TTL_MS + 1);
    expect(expired).toEqual([view.expiresAt]);
    expect(offer.consume(tokenOf(view.deepLink))).toBe('expired');
  });

  it('voids the previous token when a new offer opens, and every token when closed', async () => {
    const offer = new PairingOffer({ onExpired: () => undefined });
    const first = await offer.open('pager_bot');
    const second = await offer.open('pager_bot');
    expect(offer.consume(tokenOf(first.deepLink))).not.toBeNull();
    offer.close();
    expect(offer.consume(tokenOf(second.deepLink))).toBe('none');
  });
});
