import { describe, expect, it } from 'vitest';
import { pairingDeepLink } from '../../../../main/core/pairing/deep-link.js';
import { qrSvg } from '../../../../main/core/pairing/qr.js';

describe('pairing deep link and QR', () => {
  it('builds https://t.me/<bot>?start=<token>', () => {
    expect(pairingDeepLink('@my_pager_bot', 'abc-DEF_123')).toBe(
      'https://t.me/my_pager_bot?start=abc-DEF_123',
    );
  });

  it('refuses tokens and usernames Telegram would not accept', () => {
    expect(() => pairingDeepLink('my_pager_bot', 'has space')).toThrow();
    expect(() => pairingDeepLink('my_pager_bot', 'x'.repeat(65))).toThrow();
    expect(() => pairingDeepLink('a/b', 'abc')).toThrow();
  });

  it('renders the link as an SVG QR code', async () => {
    const svg = await qrSvg('https://t.me/my_pager_bot?start=abc');
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });
});
