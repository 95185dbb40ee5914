import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { certainlyNotDelivered, describeError, redact } from '../../../../main/core/telegram/errors.js';

const TOKEN = '123456789:AAEexampleexampleexampleexample_-12';

/** A network failure as grammY reports it, with node's error code on the inner error. */
function httpError(code: string, message = `request to https://api.telegram.org/bot${TOKEN}/getMe failed`) {
  return new HttpError(message, Object.assign(new Error(`reason: ${code}`), { code }));
}

describe('redact', () => {
  it('masks every occurrence of the token', () => {
    expect(redact(`a ${TOKEN} b ${TOKEN}`, TOKEN)).toBe('a <token> b <token>');
  });

  it('masks any bot<id>:<secret> URL segment even without knowing the token', () => {
    expect(redact('GET https://api.telegram.org/bot42:abc-DEF_9/getUpdates', null)).toBe(
      'GET https://api.telegram.org/bot<token>/getUpdates',
    );
  });

  it('leaves text without a token alone', () => {
    expect(redact('polling failed: ECONNRESET', TOKEN)).toBe('polling failed: ECONNRESET');
  });
});

describe('describeError', () => {
  it('never carries the token of a network error URL', () => {
    const text = describeError(httpError('ECONNREFUSED'), TOKEN);
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('AAEexample');
  });

  it('names the method and Telegram’s answer', () => {
    const error = new GrammyError(
      'Call to sendMessage failed',
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      'sendMessage',
      {},
    );
    expect(describeError(error, TOKEN)).toBe(
      'Telegram sendMessage failed (403: Forbidden: bot was blocked by the user)',
    );
  });
});

describe('certainlyNotDelivered', () => {
  it('is true only where the request cannot have arrived', () => {
    expect(certainlyNotDelivered(httpError('ECONNREFUSED'))).toBe(true);
    expect(certainlyNotDelivered(httpError('ENOTFOUND'))).toBe(true);
    expect(certainlyNotDelivered(httpError('ECONNRESET'))).toBe(false);
    const rateLimited = new GrammyError(
      'Call to sendMessage failed',
      { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 3 } },
      'sendMessage',
      {},
    );
    expect(certainlyNotDelivered(rateLimited)).toBe(true);
    const badGateway = new GrammyError(
      'Call to sendMessage failed',
      { ok: false, error_code: 502, description: 'Bad Gateway' },
      'sendMessage',
      {},
    );
    expect(certainlyNotDelivered(badGateway)).toBe(false);
  });
});
