import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../../main/core/app-types.js';
import { defaultSettings, SettingsService } from '../../../../main/core/settings/settings.js';
import type { StoredSession } from '../../../../main/core/sessions/session-manager.js';
import { z } from 'zod';

/** A KeyValueStore over a Map, storing JSON copies like conf does on disk. */
function mapStore(initial: Record<string, unknown> = {}): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>(Object.entries(initial));
  return {
    map,
    get: (k) => (map.has(k) ? JSON.parse(JSON.stringify(map.get(k))) : undefined),
    set: (k, v) => void map.set(k, JSON.parse(JSON.stringify(v))),
    delete: (k) => void map.delete(k),
  };
}

const session = (id: string): StoredSession => ({
  id,
  name: `s-${id}`,
  agent: 'shell',
  command: '',
  cwd: '/tmp',
  createdAt: 1_700_000_000_000,
  conversationId: null,
  running: false,
});

describe('SettingsService', () => {
  it('returns the defaults on a new install', () => {
    expect(new SettingsService(mapStore()).get()).toEqual(defaultSettings);
  });

  it('merges a patch, saves it, and notifies listeners', () => {
    const store = mapStore();
    const settings = new SettingsService(store);
    const seen: unknown[] = [];
    settings.onChange((s) => seen.push(s));
    const next = settings.update({ idleSeconds: 10 });
    expect(next).toEqual({ ...defaultSettings, idleSeconds: 10 });
    settings.update({ notifyMode: 'away' });
    expect(new SettingsService(store).get()).toEqual({
      ...defaultSettings,
      idleSeconds: 10,
      notifyMode: 'away',
    });
    expect(seen).toHaveLength(2);
  });

  it('stops notifying after unsubscribe', () => {
    const settings = new SettingsService(mapStore());
    const seen: unknown[] = [];
    const sub = settings.onChange((s) => seen.push(s));
    sub.dispose();
    settings.update({ startAtLogin: true });
    expect(seen).toEqual([]);
  });

  it('falls back to the default for each corrupt key only', () => {
    const store = mapStore({
      settings: {
        notifyMode: 'sometimes',
        awayAfterMinutes: 15,
        idleSeconds: -4,
        startAtLogin: 'yes',
        defaultCwd: '/home/ann/code',
      },
    });
    expect(new SettingsService(store).get()).toEqual({
      ...defaultSettings,
      awayAfterMinutes: 15,
      defaultCwd: '/home/ann/code',
    });
  });

  it('falls back per key for the terminal settings too, keeping the valid ones', () => {
    const store = mapStore({
      settings: {
        fontSize: 300,
        theme: 'pink',
        cursorStyle: 'block',
        scrollback: 500,
        bell: 'off',
        closeOnExit: 'x',
      },
    });
    expect(new SettingsService(store).get()).toEqual({
      ...defaultSettings,
      cursorStyle: 'block',
      scrollback: 500,
      bell: 'off',
    });
  });

  it('reads a stored value that is not an object as defaults', () => {
    expect(new SettingsService(mapStore({ settings: 'garbage' })).get()).toEqual(defaultSettings);
    expect(new SettingsService(mapStore({ settings: null })).get()).toEqual(defaultSettings);
  });

  it('saves and loads the session list, dropping invalid entries', () => {
    const store = mapStore();
    const list = new SettingsService(store).sessionList();
    expect(list.load()).toEqual([]);
    list.save([session('a'), session('b')]);
    expect(new SettingsService(store).sessionList().load()).toEqual([session('a'), session('b')]);

    store.map.set('sessions', [
      session('a'),
      { ...session('b'), agent: 'vim' },
      { ...session('c'), cwd: '' },
      'junk',
      null,
      session('d'),
    ]);
    expect(list.load().map((s) => s.id)).toEqual(['a', 'd']);
    store.map.set('sessions', { not: 'an array' });
    expect(list.load()).toEqual([]);
  });

  it('keeps validated records, reading invalid ones as null', () => {
    const store = mapStore();
    const rec = new SettingsService(store).record('pairing', z.object({ chatId: z.number() }));
    expect(rec.get()).toBeNull();
    rec.set({ chatId: 42 });
    expect(rec.get()).toEqual({ chatId: 42 });
    store.map.set('pairing', { chatId: 'x' });
    expect(rec.get()).toBeNull();
    rec.set(null);
    expect(store.map.has('pairing')).toBe(false);
  });
});
