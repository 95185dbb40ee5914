import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repairStoredValues } from '../../../../main/core/settings/recovery.js';
import { defaultSettings, SettingsService } from '../../../../main/core/settings/settings.js';
import { loadPhoneRecord } from '../../../../main/core/telegram/phone-store.js';
import { mapStore } from '../../../support/core-options.js';

let dir: string;
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const asideFile = () => path.join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z');
const goodSession = {
  id: 'a1',
  name: 'api',
  agent: 'shell',
  command: '',
  cwd: '/srv/api',
  createdAt: 1_700_000_000_000,
};
const goodPhone = {
  paired: { chatId: 42, userId: 7, username: 'ann', firstName: 'Ann', botId: 99 },
  paused: true,
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('repairStoredValues', () => {
  it('leaves valid values alone, writes nothing and says nothing', () => {
    const store = mapStore();
    store.set('settings', { ...defaultSettings, idleSeconds: 10 });
    store.set('sessions', [goodSession]);
    store.set('phone', goodPhone);
    expect(repairStoredValues(store, dir, NOW)).toEqual([]);
    expect(store.get('phone')).toEqual(goodPhone);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the valid settings and sessions, moves the bad ones aside, and tells the user', () => {
    const store = mapStore();
    store.set('settings', { idleSeconds: 'soon', notifyMode: 'away', awayAfterMinutes: -3 });
    store.set('sessions', [goodSession, { id: '' }, 'junk']);
    store.set('phone', { paired: { chatId: 'not a number' }, paused: true });
    const notices = repairStoredValues(store, dir, NOW);
    expect(notices.join('\n')).toMatch(/Some settings could not be read.*awayAfterMinutes, idleSeconds/);
    expect(notices.join('\n')).toMatch(/2 saved sessions could not be read and were left out; 1 kept/);
    expect(notices.join('\n')).toMatch(/pair your phone again/);
    expect(notices.at(-1)).toContain('settings.json.corrupt-2026-01-02T03-04-05-678Z');

    const settings = new SettingsService(store);
    expect(settings.get()).toEqual({ ...defaultSettings, notifyMode: 'away' });
    // Read back with the PTY host's fields defaulted (this key is only read to migrate it).
    expect(settings.sessionList().load()).toEqual([{ ...goodSession, conversationId: null, running: false }]);
    expect(loadPhoneRecord({ get: () => store.get('phone'), set: () => undefined })).toEqual({
      paired: null,
      paused: true,
      blocked: false,
    });
    expect(JSON.parse(readFileSync(asideFile(), 'utf8'))).toEqual({
      settings: { idleSeconds: 'soon', awayAfterMinutes: -3 },
      sessions: [{ id: '' }, 'junk'],
      phone: { paired: { chatId: 'not a number' }, paused: true },
    });
    expect(statSync(asideFile()).mode & 0o777).toBe(0o600);
  });

  it('resets values of the wrong type entirely', () => {
    const store = mapStore();
    store.set('settings', 'garbage');
    store.set('sessions', { not: 'a list' });
    const notices = repairStoredValues(store, dir, NOW);
    expect(notices).toContain('Your settings could not be read and were reset to the defaults.');
    expect(notices).toContain('The saved session list could not be read; it starts empty.');
    expect(store.get('settings')).toBeUndefined();
    expect(store.get('sessions')).toEqual([]);
  });
});
