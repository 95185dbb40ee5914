import { describe, expect, it } from 'vitest';
import { PendingOutput } from '../../../../renderer/src/terminal/pending-output.js';

describe('PendingOutput', () => {
  it('holds output that arrives during an attach and releases it in order', () => {
    const pending = new PendingOutput();
    pending.beginAttach();
    expect(pending.accept('a')).toBeNull();
    expect(pending.accept('b')).toBeNull();
    expect(pending.attaching).toBe(true);
    expect(pending.release()).toEqual(['a', 'b']);
    expect(pending.attaching).toBe(false);
    expect(pending.accept('c')).toBe('c');
  });

  it('drops output while discarding, until the next attach begins', () => {
    const pending = new PendingOutput();
    pending.release();
    pending.beginDiscard();
    expect(pending.accept('old')).toBeNull();
    pending.beginAttach();
    expect(pending.accept('new')).toBeNull();
    expect(pending.release()).toEqual(['new']);
    expect(pending.accept('live')).toBe('live');
  });
});
