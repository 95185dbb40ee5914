import { describe, expect, it } from 'vitest';
import {
  countdownText,
  nameInChat,
  pairedLine,
  pairedName,
  pollingText,
} from '../../../../renderer/src/lib/phone-text.js';

describe('phone texts', () => {
  it('counts down in m:ss and says when the code expired', () => {
    const now = 1_000_000;
    expect(countdownText(now + 10 * 60_000, now)).toBe('10:00');
    expect(countdownText(now + 61_000, now)).toBe('1:01');
    expect(countdownText(now + 500, now)).toBe('0:01');
    expect(countdownText(now, now)).toBe('expired');
    expect(countdownText(now - 5000, now)).toBe('expired');
  });

  it('explains offline and conflict polling in plain words, as warnings', () => {
    expect(pollingText('offline')).toMatchObject({ tone: 'warn' });
    expect(pollingText('offline').text).toMatch(/cannot be reached/);
    expect(pollingText('conflict')).toMatchObject({ tone: 'warn' });
    expect(pollingText('conflict').text).toMatch(
      /Another computer is using this bot token.*own bot.*@BotFather/,
    );
    expect(pollingText('running').tone).toBe('ok');
  });

  it('names the paired account by @username, else first name', () => {
    expect(pairedName({ chatId: 1, userId: 1, username: 'ann', firstName: 'Ann' })).toBe('@ann');
    expect(pairedName({ chatId: 1, userId: 1, username: null, firstName: 'Ann' })).toBe('Ann');
  });

  it('says when the paired chat is a group, and whether messages carry the computer name', () => {
    const group = {
      chatId: -5,
      userId: 1,
      username: 'ann',
      firstName: 'Ann',
      chatType: 'group' as const,
      title: 'Team',
    };
    const direct = { ...group, chatId: 1, chatType: 'private' as const, title: null };
    expect(pairedLine(group)).toBe('Paired with @ann in the group “Team”');
    expect(pairedLine(direct)).toBe('Paired with @ann');
    expect(nameInChat('auto', group)).toBe(true);
    expect(nameInChat('auto', direct)).toBe(false);
    expect(nameInChat('auto', null)).toBe(false);
    expect(nameInChat('always', direct)).toBe(true);
    expect(nameInChat('never', group)).toBe(false);
  });
});
