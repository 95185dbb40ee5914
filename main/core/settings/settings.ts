/**
 * Typed settings over a {@link KeyValueStore} (`conf` in the headless host, `electron-store` in
 * Electron). Every value read back is validated: a hand-edited or corrupt file falls back to
 * defaults for the bad keys instead of crashing the app.
 */
import { z } from 'zod';
import {
  bellModes,
  closeOnExitModes,
  computerNameModes,
  computerNameSchema,
  cursorStyles,
  defaultPublicSettings,
  FONT_SIZE_RANGE,
  MAX_PHONE_FOLDERS,
  notifyModes,
  pageIdleSchema,
  quitModes,
  SCROLLBACK_RANGE,
  themeModes,
  type PublicSettings,
} from '../../../contract/bridge.js';
import type { KeyValueStore } from '../app-types.js';
import { Emitter } from '../base/event.js';
import {
  storedSessionSchema,
  type SessionListStore,
  type StoredSession,
} from '../sessions/session-manager.js';

/** Defaults for a new install (shared with the renderer through the contract). */
export const defaultSettings: PublicSettings = defaultPublicSettings;

/** Folders remembered from sessions started at the desk (newest first), offered by `/new`. */
export const MAX_RECENT_FOLDERS = 10;

const publicSettingsSchema = z.object({
  notifyMode: z.enum(notifyModes).catch(defaultSettings.notifyMode),
  awayAfterMinutes: z.number().int().min(1).max(240).catch(defaultSettings.awayAfterMinutes),
  idleSeconds: z.number().int().min(2).max(3600).catch(defaultSettings.idleSeconds),
  startAtLogin: z.boolean().catch(defaultSettings.startAtLogin),
  defaultCwd: z.string().max(4096).nullable().catch(defaultSettings.defaultCwd),
  fontFamily: z.string().max(200).catch(defaultSettings.fontFamily),
  fontSize: z
    .number()
    .int()
    .min(FONT_SIZE_RANGE.min)
    .max(FONT_SIZE_RANGE.max)
    .catch(defaultSettings.fontSize),
  cursorStyle: z.enum(cursorStyles).catch(defaultSettings.cursorStyle),
  scrollback: z
    .number()
    .int()
    .min(SCROLLBACK_RANGE.min)
    .max(SCROLLBACK_RANGE.max)
    .catch(defaultSettings.scrollback),
  theme: z.enum(themeModes).catch(defaultSettings.theme),
  bell: z.enum(bellModes).catch(defaultSettings.bell),
  screenReaderMode: z.boolean().catch(defaultSettings.screenReaderMode),
  copyOnSelect: z.boolean().catch(defaultSettings.copyOnSelect),
  ctrlVPastes: z.boolean().catch(defaultSettings.ctrlVPastes),
  confirmMultilinePaste: z.boolean().catch(defaultSettings.confirmMultilinePaste),
  closeOnExit: z.enum(closeOnExitModes).catch(defaultSettings.closeOnExit),
  progressMessages: z.boolean().catch(defaultSettings.progressMessages),
  phoneFolders: z
    .array(z.string().min(1).max(4096))
    .max(MAX_PHONE_FOLDERS)
    .catch(defaultSettings.phoneFolders),
  computerName: computerNameSchema.catch(defaultSettings.computerName),
  computerNameInChat: z.enum(computerNameModes).catch(defaultSettings.computerNameInChat),
  pageIdle: pageIdleSchema.catch(defaultSettings.pageIdle),
  resumeOnStart: z.boolean().catch(defaultSettings.resumeOnStart),
  onQuit: z.enum(quitModes).catch(defaultSettings.onQuit),
});

const recentFoldersSchema = z.array(z.string().min(1).max(4096)).max(MAX_RECENT_FOLDERS);

/** Settings keys in the store. */
const KEYS = { settings: 'settings', sessions: 'sessions', recentFolders: 'recentFolders' } as const;

/** Reads and writes the public settings. */
export class SettingsService {
  private readonly changed = new Emitter<PublicSettings>({ name: 'settings.change' });

  /** Fires with the new settings after every {@link SettingsService.update}. */
  readonly onChange = this.changed.event;

  /**
   * The settings as last read or written. Read on hot paths (every output batch schedules a
   * prompt check), and `conf` reads its file on every get, so the store is read once.
   */
  private cache: PublicSettings | null = null;

  constructor(private readonly store: KeyValueStore) {}

  /** The current settings (a copy). */
  get(): PublicSettings {
    if (!this.cache) {
      const raw = this.store.get(KEYS.settings);
      this.cache = publicSettingsSchema.parse({
        ...defaultSettings,
        ...(typeof raw === 'object' && raw ? raw : {}),
      });
    }
    return { ...this.cache, pageIdle: { ...this.cache.pageIdle } };
  }

  /** Merges a validated patch, saves, notifies, and returns the new settings. */
  update(patch: Partial<PublicSettings>): PublicSettings {
    const next = publicSettingsSchema.parse({ ...this.get(), ...patch });
    this.store.set(KEYS.settings, next);
    this.cache = next;
    this.changed.fire(next);
    return next;
  }

  /** Folders of sessions started at the desk, newest first (at most {@link MAX_RECENT_FOLDERS}). */
  recentFolders(): string[] {
    const p = recentFoldersSchema.safeParse(this.store.get(KEYS.recentFolders));
    return p.success ? p.data : [];
  }

  /** Remembers a folder a session was started in at the desk (moved to the front). */
  noteFolder(folder: string): void {
    if (!folder || folder.length > 4096) return;
    const next = [folder, ...this.recentFolders().filter((f) => f !== folder)].slice(0, MAX_RECENT_FOLDERS);
    this.store.set(KEYS.recentFolders, next);
  }

  /**
   * The session list as older versions kept it in settings (now the PTY host keeps it in its own
   * file); read once to migrate, then {@link SettingsService.dropLegacySessionList}.
   */
  legacySessionList(): StoredSession[] {
    return this.sessionList().load();
  }

  /** Removes the migrated legacy session list from settings. */
  dropLegacySessionList(): void {
    this.store.delete(KEYS.sessions);
  }

  /** The session list, persisted under "sessions"; invalid entries are dropped. */
  sessionList(): SessionListStore {
    return {
      load: (): StoredSession[] => {
        const raw = this.store.get(KEYS.sessions);
        if (!Array.isArray(raw)) return [];
        return raw.flatMap((item) => {
          const p = storedSessionSchema.safeParse(item);
          return p.success ? [p.data] : [];
        });
      },
      save: (list) => this.store.set(KEYS.sessions, list),
    };
  }

  /** A JSON value under `key`, validated by `schema` (null when missing or invalid). */
  record<T>(key: string, schema: z.ZodType<T>): { get(): T | null; set(v: T | null): void } {
    return {
      get: () => {
        const p = schema.safeParse(this.store.get(key));
        return p.success ? p.data : null;
      },
      set: (v) => (v === null ? this.store.delete(key) : this.store.set(key, v)),
    };
  }
}
