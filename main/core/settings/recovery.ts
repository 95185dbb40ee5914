/**
 * Checks the values in the settings store once at start, before anything reads them: the public
 * settings, the saved session list and the phone record. What is invalid is saved aside to
 * `settings.json.corrupt-<time>` (a JSON object of the bad values by key), what is valid is kept,
 * and each repair gives the user one sentence (shown once in the window, see `HostInfo.notices`).
 */
import path from 'node:path';
import { publicSettingsPatchSchema } from '../../../contract/bridge.js';
import type { KeyValueStore } from '../app-types.js';
import { storedSessionSchema } from '../sessions/session-manager.js';
import { phoneRecordSchema } from '../telegram/phone-store.js';
import { corruptName, SETTINGS_FILE, writePrivateFile } from './data-files.js';

/** Store keys checked here (as used by SettingsService and phone.ts). */
export const CHECKED_KEYS = { settings: 'settings', sessions: 'sessions', phone: 'phone' } as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Repairs the stored values of `store` (whose file is `<dataDir>/settings.json`) and returns the
 * sentences to show the user (empty when everything was valid).
 * @throws Error from `fs` when the bad values cannot be written aside (the data dir is not writable).
 */
export function repairStoredValues(store: KeyValueStore, dataDir: string, now = Date.now()): string[] {
  const aside: Record<string, unknown> = {};
  const notices: string[] = [];

  const settings = store.get(CHECKED_KEYS.settings);
  if (settings !== undefined) {
    const shape = publicSettingsPatchSchema.shape;
    if (!isObject(settings)) {
      aside[CHECKED_KEYS.settings] = settings;
      store.delete(CHECKED_KEYS.settings);
      notices.push('Your settings could not be read and were reset to the defaults.');
    } else {
      const bad = Object.keys(shape).filter(
        (k) => k in settings && !shape[k as keyof typeof shape].safeParse(settings[k]).success,
      );
      if (bad.length > 0) {
        aside[CHECKED_KEYS.settings] = Object.fromEntries(bad.map((k) => [k, settings[k]]));
        const kept = Object.fromEntries(Object.entries(settings).filter(([k]) => !bad.includes(k)));
        store.set(CHECKED_KEYS.settings, kept);
        notices.push(`Some settings could not be read and were reset to the defaults: ${bad.join(', ')}.`);
      }
    }
  }

  const sessions = store.get(CHECKED_KEYS.sessions);
  if (sessions !== undefined) {
    const list = Array.isArray(sessions) ? sessions : [];
    const good = list.filter((s) => storedSessionSchema.safeParse(s).success);
    const badCount = Array.isArray(sessions) ? list.length - good.length : 1;
    if (badCount > 0) {
      aside[CHECKED_KEYS.sessions] = Array.isArray(sessions)
        ? list.filter((s) => !storedSessionSchema.safeParse(s).success)
        : sessions;
      store.set(CHECKED_KEYS.sessions, good);
      notices.push(
        Array.isArray(sessions)
          ? `${badCount} saved session${badCount === 1 ? '' : 's'} could not be read and ${badCount === 1 ? 'was' : 'were'} left out; ${good.length} kept.`
          : 'The saved session list could not be read; it starts empty.',
      );
    }
  }

  const phone = store.get(CHECKED_KEYS.phone);
  if (phone !== undefined && !phoneRecordSchema.safeParse(phone).success) {
    aside[CHECKED_KEYS.phone] = phone;
    const paused = isObject(phone) && typeof phone.paused === 'boolean' ? phone.paused : false;
    store.set(CHECKED_KEYS.phone, { paired: null, paused });
    notices.push('The paired phone could not be read: pair your phone again.');
  }

  if (notices.length > 0) {
    const file = corruptName(path.join(dataDir, SETTINGS_FILE), now);
    writePrivateFile(file, JSON.stringify(aside, null, 2));
    notices.push(`The values that could not be read were kept in ${path.basename(file)}.`);
  }
  return notices;
}
