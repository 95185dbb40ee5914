import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { migratedChat } from '../../../../main/core/telegram/send-faults.js';

describe('migratedChat', () => {
  it('reads the new supergroup id from a 400 answer, and nothing from other failures', () => {
    const moved = new GrammyError(
      'Call to sendMessage failed',
      {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1009 },
      },
      'sendMessage',
      { chat_id: -5, text: 'x' },
    );
    expect(migratedChat(moved)).toEqual({ from: -5, to: -1009 });
    const other = new GrammyError(
      'Call to sendMessage failed',
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'sendMessage',
      { chat_id: -5, text: 'x' },
    );
    expect(migratedChat(other)).toBeNull();
    expect(migratedChat(new Error('boom'))).toBeNull();
  });
});
