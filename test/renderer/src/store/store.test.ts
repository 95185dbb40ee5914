import { describe, expect, it } from 'vitest';
import {
  defaultPublicSettings,
  type EventName,
  type EventPayloads,
  type RequestName,
  type RequestParams,
  type RequestResults,
} from '../../../../contract/bridge.js';
import type { ConnectionStatus, RendererBridge } from '../../../../renderer/src/bridge/connection.js';
import { createAppStore } from '../../../../renderer/src/store/store.js';
import { sessionInfo } from '../../../support/session-info.js';

/** An in-memory bridge: answers from `answers`, emits events and status changes on demand. */
function fakeBridge(answers: { [K in RequestName]?: () => RequestResults[K] }) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const calls: string[] = [];
  let status: ConnectionStatus = 'open';
  const bridge: RendererBridge = {
    request<K extends RequestName>(name: K, _params: RequestParams<K>): Promise<RequestResults[K]> {
      calls.push(name);
      const answer = answers[name] as (() => RequestResults[K]) | undefined;
      return answer ? Promise.resolve(answer()) : Promise.reject(new Error(`unexpected ${name}`));
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (p: unknown): void => handler(p as EventPayloads[E]);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  return {
    bridge,
    calls,
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    setStatus(next: ConnectionStatus) {
      status = next;
      for (const l of statusListeners) l(next);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) + statusListeners.size,
  };
}

const host = {
  shell: 'headless' as const,
  platform: 'linux',
  hostname: 'box',
  homeDir: '/home/ann',
  version: '0.1.0',
  userShell: '/bin/bash',
  canPickDirectory: false,
  notices: [],
};
const settings = {
  ...defaultPublicSettings,
  notifyMode: 'always' as const,
  awayAfterMinutes: 5,
  idleSeconds: 20,
  startAtLogin: false,
  resumeOnStart: false,
  onQuit: 'ask' as const,
  defaultCwd: null,
  pageIdle: { claude: true, codex: true, gemini: true, shell: false, custom: true },
};
const phone = {
  token: 'none' as const,
  tokenStorage: 'none' as const,
  botUsername: null,
  error: null,
  polling: 'stopped' as const,
  paired: null,
  pairing: null,
  paused: false,
  blocked: false,
};

describe('app store', () => {
  it('loads everything, then follows events', async () => {
    let list = [sessionInfo('a')];
    const fake = fakeBridge({
      'host.info': () => host,
      'sessions.list': () => list,
      'phone.state': () => phone,
      'settings.get': () => settings,
    });
    const store = createAppStore(fake.bridge);
    let notified = 0;
    store.subscribe(() => notified++);
    await store.load();
    expect(store.getState()).toMatchObject({ host, settings, phone, activeId: 'a', loaded: true });

    fake.emit('session.state', sessionInfo('a', { state: 'needs-attention' }));
    expect(store.getState().sessions[0]?.state).toBe('needs-attention');
    fake.emit('session.state', sessionInfo('b'));
    fake.emit('ui.focusSession', { id: 'b' });
    expect(store.getState().activeId).toBe('b');
    fake.emit('session.removed', { id: 'b' });
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['a']);
    fake.emit('ui.newSession', {});
    expect(store.getState().newSessionOpen).toBe(true);
    fake.emit('ui.showPhone', {});
    expect(store.getState().panel).toBe('phone');
    fake.emit('settings.changed', { ...settings, idleSeconds: 45 });
    expect(store.getState().settings?.idleSeconds).toBe(45);
    expect(notified).toBeGreaterThan(5);

    // After a dropped connection comes back, the list is fetched again.
    list = [sessionInfo('a'), sessionInfo('c')];
    fake.calls.length = 0;
    fake.setStatus('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    fake.setStatus('open');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls).toContain('sessions.list');
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['a', 'c']);
    expect(store.getState().connection).toBe('open');

    store.dispose();
    expect(fake.listenerCount()).toBe(0);
  });
});
