import { describe, expect, it } from 'vitest';
import { quitChoiceAt, quitDialog } from '../../../../main/core/desktop/quit-flow.js';

describe('quit flow', () => {
  it('quits at once with no live session or during a system shutdown', () => {
    expect(quitDialog({ liveSessions: 0, systemShutdown: false })).toBeNull();
    expect(quitDialog({ liveSessions: 3, systemShutdown: true })).toBeNull();
  });

  it('asks "Quit Agent Pager?" with the count, Cancel on Enter and Esc', () => {
    const d = quitDialog({ liveSessions: 2, systemShutdown: false })!;
    expect(d.message).toBe('Quit Agent Pager?');
    expect(d.detail).toBe('2 running sessions will be ended.');
    expect(d.buttons.map((b) => b.label)).toEqual(['Quit', 'Cancel']);
    expect(quitChoiceAt(d, d.defaultId)).toBe('cancel');
    expect(quitChoiceAt(d, d.cancelId)).toBe('cancel');
    expect(quitChoiceAt(d, 0)).toBe('quit');
    expect(quitChoiceAt(d, 7)).toBe('cancel');
    expect(quitDialog({ liveSessions: 1, systemShutdown: false })!.detail).toBe(
      '1 running session will be ended.',
    );
  });
});
