import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatAnsweredFromPhone,
  formatPrompt,
  formatScreen,
  TELEGRAM_MESSAGE_MAX,
  trimText,
  visibleLength,
} from '../../../../main/core/telegram/format.js';
import { parseTelegramHtml } from '../../../fakes/telegram-bot-api.js';
import { makePrompt, makeSession } from './memory-relay-host.js';

describe('format', () => {
  it('escapes HTML so Telegram parses it back to the same text', () => {
    const text = 'a < b && c > d "q"';
    expect(parseTelegramHtml(escapeHtml(text))).toBe(text);
  });

  it('trims in the middle or at the top', () => {
    expect(trimText('abcdefghij', 7, 'middle')).toBe('ab\n…\nij');
    expect(trimText('abcdefghij', 5, 'top')).toBe('…ghij');
    expect(trimText('short', 10, 'top')).toBe('short');
  });

  it('trims emoji text on character boundaries, so Telegram can decode it', () => {
    const emoji = '😀'.repeat(10);
    expect(trimText(emoji, 6, 'top')).toBe('…😀😀');
    expect(trimText(emoji, 9, 'middle')).toBe('😀\n…\n😀');
    const session = makeSession('s1', '🚀'.repeat(60));
    const prompt = makePrompt('p1', 's1', { body: '🔥'.repeat(5000), title: '✨'.repeat(400) });
    const html = formatPrompt(prompt, session, null);
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('keeps title and every option when a huge command is trimmed, with room for the answer line', () => {
    const session = makeSession('s1', 'alpha');
    const body = `echo START ${'x'.repeat(20_000)} END`;
    const prompt = makePrompt('p1', 's1', { body });
    const html = formatPrompt(prompt, session, null);
    const answered = parseTelegramHtml(formatAnsweredFromPhone(html, 'Yes'));
    expect(answered.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_MAX);
    for (const option of prompt.options) expect(answered).toContain(option.label);
    expect(answered).toContain('Bash command');
    expect(answered).toContain('echo START');
    expect(answered).toContain('END');
    expect(visibleLength(html)).toBe(parseTelegramHtml(html).length);
  });

  it('shows the latest screen lines when a waiting session has no message', () => {
    const session = makeSession('s1', 'alpha');
    const screen = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    const text = parseTelegramHtml(
      formatPrompt(makePrompt('p1', 's1', { kind: 'input', body: '', options: [] }), session, screen),
    );
    expect(text).toContain('alpha is waiting');
    expect(text).toContain('line 59');
    expect(text).not.toContain('line 30\n');
    expect(text).toMatch(/Reply to this message/);
  });

  it('fits a huge screen in one message, keeping its end', () => {
    const screen = Array.from({ length: 3000 }, (_, i) => `row ${i} <&>`).join('\n');
    const text = parseTelegramHtml(formatScreen(makeSession('s1', 'alpha'), screen));
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_MAX);
    expect(text).toContain('row 2999 <&>');
  });
});
