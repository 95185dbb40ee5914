/**
 * Options for a core run in-process by tests: a Map-backed settings store, a 0600 token file in
 * the data dir, the hook helper from the source tree, and a Telegram API root where nothing
 * listens (the core must never reach the real Telegram).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CoreOptions, KeyValueStore } from '../../main/core/app-types.js';
import { createFileSecretStore } from '../../main/core/settings/secret-file.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A KeyValueStore over a Map, storing JSON copies like conf does on disk. */
export function mapStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: (k) => (map.has(k) ? JSON.parse(JSON.stringify(map.get(k))) : undefined),
    set: (k, v) => void map.set(k, JSON.parse(JSON.stringify(v))),
    delete: (k) => void map.delete(k),
  };
}

/** Starts the PTY host from source (main/ptyhost/main.ts through tsx). */
export function testPtyHost(): CoreOptions['ptyHost'] {
  return {
    command: process.execPath,
    // The PTY host starts in the home folder, so tsx is named by its file, not its package name.
    args: [
      '--import',
      pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
      path.join(ROOT, 'main/ptyhost/main.ts'),
    ],
    env: {},
  };
}

/** CoreOptions for a headless core with its data in `dataDir`. */
export function testCoreOptions(dataDir: string, extra: Partial<CoreOptions> = {}): CoreOptions {
  return {
    hostKind: 'headless',
    dataDir,
    settings: mapStore(),
    secrets: createFileSecretStore(dataDir, null),
    hookRunner: {
      command: process.execPath,
      env: {},
      helperPath: path.join(ROOT, 'main/core/claude/hook-helper.cjs'),
    },
    // The PTY host from the source tree; tests end it with core.dispose() (stopAgents by default).
    ptyHost: testPtyHost(),
    computerName: 'test-box',
    telegramApiRoot: 'http://127.0.0.1:9',
    version: '0.0.0-test',
    ...extra,
  };
}
