/**
 * The bot token's {@link SecretStore} for the Electron shell: Electron `safeStorage` encrypts it
 * when the OS offers a real key store; otherwise it falls back to a 0600 file and says so
 * (kind 'file'). On Linux, safeStorage reports "available" even with its `basic_text` backend,
 * whose key is a hard-coded constant (Electron docs, safeStorage.getSelectedStorageBackend), so
 * that backend counts as unavailable here rather than pretending to protect the token.
 * Call after `app.whenReady()` (safeStorage needs it on Linux).
 */
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/app-types.js';
import { createFileSecretStore, type SecretCipher } from '../core/settings/secret-file.js';

/** True when safeStorage gives real OS-backed encryption on this machine. */
export function osEncryptionAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  }
  return true;
}

/** The secret store in `dataDir` (the app's userData folder). */
export function createSecretStore(dataDir: string): SecretStore {
  const cipher: SecretCipher | null = osEncryptionAvailable()
    ? {
        encrypt: (plain) => safeStorage.encryptString(plain),
        decrypt: (data) => safeStorage.decryptString(data),
      }
    : null;
  return createFileSecretStore(dataDir, cipher);
}
