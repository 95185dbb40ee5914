import { describe, expect, it } from 'vitest';
import {
  quitChoiceAt,
  quitDialog,
  quitWithoutAsking,
  rememberedQuitMode,
  type QuitState,
} from '../../../../main/core/desktop/quit-flow.js';

const state = (over: Partial<QuitState> = {}): QuitState => ({
  liveSessions: 2,
  systemShutdown: false,
  onQuit: 'ask',
  ...over,
});

describe('quit flow', () => {
  it('asks nothing with no live session, during a system shutdown, or with a remembered choice', () => {
    expect(quitDialog(state({ liveSessions: 0 }))).toBeNull();
    expect(quitWithoutAsking(state({ liveSessions: 0 }))).toBe('stop');
    expect(quitDialog(state({ systemShutdown: true }))).toBeNull();
    // A shutdown leaves the sessions to the OS; the next start offers to resume them.
    expect(quitWithoutAsking(state({ systemShutdown: true, onQuit: 'stop' }))).toBe('keep');
    expect(quitDialog(state({ onQuit: 'keep' }))).toBeNull();
    expect(quitWithoutAsking(state({ onQuit: 'keep' }))).toBe('keep');
    expect(quitDialog(state({ onQuit: 'stop' }))).toBeNull();
    expect(quitWithoutAsking(state({ onQuit: 'stop' }))).toBe('stop');
  });

  it('asks whether to keep N agents running, Keep on Enter, Cancel on Esc, with a remember box', () => {
    const d = quitDialog(state())!;
    expect(d.message).toBe('Keep 2 agents running in the background?');
    expect(d.buttons.map((b) => b.label)).toEqual(['Keep running', 'Stop and quit', 'Cancel']);
    expect(quitChoiceAt(d, d.defaultId)).toBe('keep');
    expect(quitChoiceAt(d, d.cancelId)).toBe('cancel');
    expect(quitChoiceAt(d, 1)).toBe('stop');
    expect(quitChoiceAt(d, 7)).toBe('cancel');
    expect(d.checkboxLabel).toBe('Remember my choice');
    expect(quitDialog(state({ liveSessions: 1 }))!.message).toBe('Keep 1 agent running in the background?');
  });

  it('remembers a choice only when the box is ticked and the user did not cancel', () => {
    expect(rememberedQuitMode('keep', true)).toBe('keep');
    expect(rememberedQuitMode('stop', true)).toBe('stop');
    expect(rememberedQuitMode('stop', false)).toBeNull();
    expect(rememberedQuitMode('cancel', true)).toBeNull();
  });
});
