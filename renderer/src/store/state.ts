/**
 * The renderer's state and the pure reducer that changes it. Everything the components show
 * comes from here; the store ({@link ./store.ts}) feeds it bridge events and request results.
 */
import type { HostInfo, PhoneState, PublicSettings, SessionInfo } from '../../../contract/bridge.js';
import type { ConnectionStatus } from '../bridge/connection.js';
import { needsYou } from '../lib/tab-badge.js';

/** Side sheets of the top bar. */
export type Panel = 'phone' | 'settings';

/** Everything the UI renders. */
export interface AppState {
  /** Sessions in tab order. */
  sessions: SessionInfo[];
  /** The visible tab, or null when there is none. */
  activeId: string | null;
  host: HostInfo | null;
  phone: PhoneState | null;
  settings: PublicSettings | null;
  connection: ConnectionStatus;
  /** True once the first `sessions.list` answered (before that, no empty state is shown). */
  loaded: boolean;
  /** The "New session" dialog is open. */
  newSessionOpen: boolean;
  /** The open side sheet, if any. */
  panel: Panel | null;
}

/** Everything that can change the state. */
export type Action =
  | { type: 'sessions/loaded'; sessions: SessionInfo[]; restoreActiveId?: string | null }
  | { type: 'sessions/reordered'; ids: string[] }
  | { type: 'session/upserted'; session: SessionInfo }
  | { type: 'session/removed'; id: string }
  | { type: 'tab/activate'; id: string }
  | { type: 'tab/cycle'; delta: number }
  /** 0-based; negative counts from the end (-1 is the last tab). */
  | { type: 'tab/goto'; index: number }
  | { type: 'host/loaded'; host: HostInfo }
  | { type: 'phone/changed'; phone: PhoneState }
  | { type: 'settings/changed'; settings: PublicSettings }
  | { type: 'connection/changed'; status: ConnectionStatus }
  | { type: 'newSession/open' }
  | { type: 'newSession/close' }
  | { type: 'panel/open'; panel: Panel }
  | { type: 'panel/toggle'; panel: Panel }
  | { type: 'panel/close' };

/** The state before anything was loaded. */
export const initialState: AppState = {
  sessions: [],
  activeId: null,
  host: null,
  phone: null,
  settings: null,
  connection: 'connecting',
  loaded: false,
  newSessionOpen: false,
  panel: null,
};

/** The id to show after `removedIndex` was removed from `rest`: the tab that took its place, else the one before. */
function neighbourAfterRemoval(rest: SessionInfo[], removedIndex: number): string | null {
  if (rest.length === 0) return null;
  const index = Math.min(removedIndex, rest.length - 1);
  return rest[index]?.id ?? null;
}

/** `sessions` in the order of `ids`; sessions not listed keep their relative order after them. */
export function orderByIds(sessions: readonly SessionInfo[], ids: readonly string[]): SessionInfo[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return sessions
    .map((s, i) => ({ s, key: rank.get(s.id) ?? ids.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.s);
}

/**
 * The ids after moving the tab `id` to `toIndex` (clamped), e.g. for drag-and-drop or
 * Ctrl-Shift-PageUp/PageDown. Unknown ids give the order unchanged.
 */
export function moveTab(ids: readonly string[], id: string, toIndex: number): string[] {
  const from = ids.indexOf(id);
  if (from === -1) return [...ids];
  const rest = ids.filter((x) => x !== id);
  const to = Math.max(0, Math.min(rest.length, toIndex));
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

/** Applies one action. Pure: returns a new state object whenever something changed. */
export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'sessions/loaded': {
      const sessions = action.sessions;
      const has = (id: string | null | undefined): id is string => sessions.some((s) => s.id === id);
      const restore = action.restoreActiveId;
      const activeId = has(state.activeId)
        ? state.activeId
        : has(restore)
          ? restore
          : (sessions[0]?.id ?? null);
      return { ...state, sessions, loaded: true, activeId };
    }
    case 'sessions/reordered': {
      const sessions = orderByIds(state.sessions, action.ids);
      const same = sessions.every((s, i) => s === state.sessions[i]);
      return same ? state : { ...state, sessions };
    }
    case 'session/upserted': {
      const index = state.sessions.findIndex((s) => s.id === action.session.id);
      if (index === -1) {
        return {
          ...state,
          sessions: [...state.sessions, action.session],
          activeId: state.activeId ?? action.session.id,
        };
      }
      const sessions = state.sessions.slice();
      sessions[index] = action.session;
      return { ...state, sessions };
    }
    case 'session/removed': {
      const index = state.sessions.findIndex((s) => s.id === action.id);
      if (index === -1) return state;
      const sessions = state.sessions.filter((s) => s.id !== action.id);
      const activeId = state.activeId === action.id ? neighbourAfterRemoval(sessions, index) : state.activeId;
      return { ...state, sessions, activeId };
    }
    case 'tab/activate':
      if (!state.sessions.some((s) => s.id === action.id) || state.activeId === action.id) return state;
      return { ...state, activeId: action.id };
    case 'tab/cycle': {
      const count = state.sessions.length;
      if (count === 0) return state;
      const current = Math.max(
        0,
        state.sessions.findIndex((s) => s.id === state.activeId),
      );
      const next = (((current + action.delta) % count) + count) % count;
      return reduce(state, { type: 'tab/activate', id: state.sessions[next]!.id });
    }
    case 'tab/goto': {
      const target = state.sessions.at(action.index);
      return target ? reduce(state, { type: 'tab/activate', id: target.id }) : state;
    }
    case 'host/loaded':
      return { ...state, host: action.host };
    case 'phone/changed':
      return { ...state, phone: action.phone };
    case 'settings/changed':
      return { ...state, settings: action.settings };
    case 'connection/changed':
      return state.connection === action.status ? state : { ...state, connection: action.status };
    case 'newSession/open':
      return { ...state, newSessionOpen: true };
    case 'newSession/close':
      return { ...state, newSessionOpen: false };
    case 'panel/open':
      return { ...state, panel: action.panel };
    case 'panel/toggle':
      return { ...state, panel: state.panel === action.panel ? null : action.panel };
    case 'panel/close':
      return state.panel === null ? state : { ...state, panel: null };
  }
}

/** How many sessions wait on a decision from the user (a permission menu or a question). */
export function attentionCount(sessions: readonly SessionInfo[]): number {
  return sessions.filter(needsYou).length;
}

/** The window title: "Agent Pager", prefixed with "(N) " while N sessions need attention. */
export function documentTitle(attention: number): string {
  return attention > 0 ? `(${attention}) Agent Pager` : 'Agent Pager';
}
