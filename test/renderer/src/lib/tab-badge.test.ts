import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../../../renderer/src/lib/tab-badge.js';
import { promptInfo, sessionInfo } from '../../../support/session-info.js';

describe('badgeFor', () => {
  it('tells a decision (needs you) from a finished turn and an idle prompt', () => {
    const open = (kind: Parameters<typeof promptInfo>[1]) =>
      badgeFor(sessionInfo('a', { state: 'needs-attention', prompt: promptInfo('a', kind) }));
    expect(open('permission')).toEqual({ kind: 'needs-you', text: 'needs you' });
    expect(open('question')).toEqual({ kind: 'needs-you', text: 'needs you' });
    expect(open('finished')).toEqual({ kind: 'finished', text: 'finished' });
    expect(open('input')).toEqual({ kind: 'idle', text: 'idle' });
  });

  it('names running, starting, exited and failed sessions', () => {
    expect(badgeFor(sessionInfo('a'))).toEqual({ kind: 'running', text: 'running' });
    expect(badgeFor(sessionInfo('a', { state: 'starting' })).kind).toBe('starting');
    expect(badgeFor(sessionInfo('a', { state: 'exited', exit: { code: 0, signal: null } }))).toEqual({
      kind: 'exited',
      text: 'exited (code 0)',
    });
    expect(badgeFor(sessionInfo('a', { state: 'exited', exit: { code: 1, signal: null } })).kind).toBe(
      'failed',
    );
    expect(badgeFor(sessionInfo('a', { state: 'exited', error: 'no such folder' }))).toEqual({
      kind: 'failed',
      text: 'failed to start',
    });
  });
});
