import { describe, expect, it } from 'vitest';
import {
  attentionCount,
  documentTitle,
  initialState,
  moveTab,
  orderByIds,
  reduce,
  type Action,
  type AppState,
} from '../../../../renderer/src/store/state.js';
import { promptInfo, sessionInfo } from '../../../support/session-info.js';

function run(actions: Action[], from: AppState = initialState): AppState {
  return actions.reduce(reduce, from);
}

describe('app state reducer', () => {
  it('shows the first tab after the first list and keeps the active one on later lists', () => {
    const a = sessionInfo('a');
    const b = sessionInfo('b');
    let state = run([{ type: 'sessions/loaded', sessions: [a, b] }]);
    expect(state.loaded).toBe(true);
    expect(state.activeId).toBe('a');
    state = run(
      [
        { type: 'tab/activate', id: 'b' },
        { type: 'sessions/loaded', sessions: [a, b] },
      ],
      state,
    );
    expect(state.activeId).toBe('b');
    state = run([{ type: 'sessions/loaded', sessions: [a] }], state);
    expect(state.activeId).toBe('a');
  });

  it('appends new sessions, updates known ones in place', () => {
    let state = run([
      { type: 'sessions/loaded', sessions: [sessionInfo('a')] },
      { type: 'session/upserted', session: sessionInfo('b') },
      { type: 'session/upserted', session: sessionInfo('a', { state: 'needs-attention' }) },
    ]);
    expect(state.sessions.map((s) => [s.id, s.state])).toEqual([
      ['a', 'needs-attention'],
      ['b', 'running'],
    ]);
    expect(state.activeId).toBe('a');
    state = run([{ type: 'session/upserted', session: sessionInfo('c') }], { ...initialState });
    expect(state.activeId).toBe('c');
  });

  it('after closing the visible tab shows the one that took its place, else the one before', () => {
    const list = ['a', 'b', 'c'].map((id) => sessionInfo(id));
    let state = run([
      { type: 'sessions/loaded', sessions: list },
      { type: 'tab/activate', id: 'b' },
      { type: 'session/removed', id: 'b' },
    ]);
    expect(state.activeId).toBe('c');
    state = run([{ type: 'session/removed', id: 'c' }], state);
    expect(state.activeId).toBe('a');
    state = run([{ type: 'session/removed', id: 'a' }], state);
    expect(state.activeId).toBeNull();
    expect(state.sessions).toEqual([]);
  });

  it('keeps the visible tab when another one closes', () => {
    const state = run([
      { type: 'sessions/loaded', sessions: ['a', 'b', 'c'].map((id) => sessionInfo(id)) },
      { type: 'tab/activate', id: 'c' },
      { type: 'session/removed', id: 'a' },
    ]);
    expect(state.activeId).toBe('c');
  });

  it('cycles through tabs in both directions with wrap-around and jumps by index', () => {
    let state = run([{ type: 'sessions/loaded', sessions: ['a', 'b', 'c'].map((id) => sessionInfo(id)) }]);
    state = run([{ type: 'tab/cycle', delta: -1 }], state);
    expect(state.activeId).toBe('c');
    state = run([{ type: 'tab/cycle', delta: 1 }], state);
    expect(state.activeId).toBe('a');
    state = run([{ type: 'tab/goto', index: 1 }], state);
    expect(state.activeId).toBe('b');
    expect(run([{ type: 'tab/goto', index: 8 }], state)).toBe(state);
    expect(run([{ type: 'tab/cycle', delta: 1 }], initialState)).toBe(initialState);
  });

  it('ignores activation of unknown sessions (a stale tray click)', () => {
    const state = run([{ type: 'sessions/loaded', sessions: [sessionInfo('a')] }]);
    expect(run([{ type: 'tab/activate', id: 'zzz' }], state)).toBe(state);
  });

  it('toggles side sheets and opens the new-session dialog', () => {
    let state = run([{ type: 'panel/toggle', panel: 'phone' }]);
    expect(state.panel).toBe('phone');
    state = run([{ type: 'panel/toggle', panel: 'settings' }], state);
    expect(state.panel).toBe('settings');
    state = run([{ type: 'panel/toggle', panel: 'settings' }], state);
    expect(state.panel).toBeNull();
    state = run([{ type: 'newSession/open' }], state);
    expect(state.newSessionOpen).toBe(true);
  });

  it('counts only sessions that wait on a decision (permission, question) into the window title', () => {
    const sessions = [
      sessionInfo('a', { state: 'needs-attention', prompt: promptInfo('a', 'permission') }),
      sessionInfo('b'),
      sessionInfo('c', { state: 'needs-attention', prompt: promptInfo('c', 'question') }),
      sessionInfo('d', { state: 'needs-attention', prompt: promptInfo('d', 'input') }),
      sessionInfo('e', { state: 'needs-attention', prompt: promptInfo('e', 'finished') }),
    ];
    expect(attentionCount(sessions)).toBe(2);
    expect(documentTitle(2)).toBe('(2) Agent Pager');
    expect(documentTitle(1)).toBe('(1) Agent Pager');
    expect(documentTitle(0)).toBe('Agent Pager');
  });

  it('restores the saved selected tab on the first list, unless it is gone', () => {
    const list = [sessionInfo('a'), sessionInfo('b'), sessionInfo('c')];
    expect(run([{ type: 'sessions/loaded', sessions: list, restoreActiveId: 'c' }]).activeId).toBe('c');
    expect(run([{ type: 'sessions/loaded', sessions: list, restoreActiveId: 'zz' }]).activeId).toBe('a');
  });

  it('Ctrl-9 (index -1) goes to the last tab', () => {
    const state = run([
      { type: 'sessions/loaded', sessions: [sessionInfo('a'), sessionInfo('b'), sessionInfo('c')] },
    ]);
    expect(run([{ type: 'tab/goto', index: -1 }], state).activeId).toBe('c');
  });

  it('reorders tabs by id (from another window too), unknown ids ignored, unlisted ones kept after', () => {
    const state = run([
      { type: 'sessions/loaded', sessions: [sessionInfo('a'), sessionInfo('b'), sessionInfo('c')] },
    ]);
    const next = run([{ type: 'sessions/reordered', ids: ['c', 'x', 'a'] }], state);
    expect(next.sessions.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(run([{ type: 'sessions/reordered', ids: ['a', 'b', 'c'] }], state)).toBe(state);
    expect(orderByIds([sessionInfo('a'), sessionInfo('b')], []).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('moveTab moves one id to a clamped index', () => {
    expect(moveTab(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(moveTab(['a', 'b', 'c'], 'c', -5)).toEqual(['c', 'a', 'b']);
    expect(moveTab(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(moveTab(['a', 'b'], 'zz', 0)).toEqual(['a', 'b']);
  });
});
