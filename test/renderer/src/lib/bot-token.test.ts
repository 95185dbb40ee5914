import { describe, expect, it } from 'vitest';
import { botTokenFormatError } from '../../../../renderer/src/lib/bot-token.js';

describe('botTokenFormatError', () => {
  it('accepts a token shaped as @BotFather gives it, with spaces around', () => {
    expect(botTokenFormatError(' 123456789:AAHk2x_9fJ-abcdefghijklmnopqrstuvwx ')).toBeNull();
  });

  it('explains what is wrong with anything else', () => {
    expect(botTokenFormatError('')).toMatch(/Paste the token/);
    expect(botTokenFormatError('AAHk2x9fJabcdefghijklmnopqrstuvwxyz')).toMatch(/colon/);
    expect(botTokenFormatError('123:short')).toMatch(/does not look like a bot token/);
    expect(botTokenFormatError('abc:AAHk2x_9fJ-abcdefghijklmnopqrstuvwx')).toMatch(/does not look like/);
  });
});
