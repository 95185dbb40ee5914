/**
 * The bot token on disk, in the user-data folder. With an OS-backed cipher (Electron safeStorage:
 * Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) the file holds ciphertext and
 * the store reports kind 'safe-storage'; without one it is a plain file readable only by the
 * user (mode 0600) and the store reports kind 'file', which the UI shows. Electron-free so it is
 * unit-tested under Node; secrets.ts supplies the safeStorage cipher.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../app-types.js';

/** Encrypts/decrypts strings; decrypt throws on data it cannot read. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** File name of the encrypted token in the data folder. */
export const ENCRYPTED_FILE = 'telegram-token.enc';
/** File name of the plain (0600) token in the data folder. */
export const PLAIN_FILE = 'telegram-token.txt';

function writePrivate(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * A {@link SecretStore} in `dir` (created if missing, mode 0700). `cipher` null means no OS
 * encryption is available. A plain file left from a run without encryption is moved into the
 * encrypted file on the first read once a cipher exists. An encrypted file that cannot be
 * decrypted (keyring changed or locked) reads as null and is left in place.
 */
export function createFileSecretStore(dir: string, cipher: SecretCipher | null): SecretStore {
  const encPath = join(dir, ENCRYPTED_FILE);
  const plainPath = join(dir, PLAIN_FILE);
  const ensureDir = () => mkdirSync(dir, { recursive: true, mode: 0o700 });

  const set = (value: string | null): void => {
    if (value === null || value === '') {
      rmSync(encPath, { force: true });
      rmSync(plainPath, { force: true });
      return;
    }
    ensureDir();
    if (cipher) {
      writePrivate(encPath, cipher.encrypt(value));
      rmSync(plainPath, { force: true });
    } else {
      writePrivate(plainPath, value);
      rmSync(encPath, { force: true });
    }
  };

  return {
    kind: cipher ? 'safe-storage' : 'file',
    get() {
      if (cipher) {
        const enc = readOrNull(encPath);
        if (enc) {
          try {
            return cipher.decrypt(enc);
          } catch {
            return null;
          }
        }
      }
      const plain = readOrNull(plainPath)?.toString('utf8').trim() ?? '';
      if (!plain) return null;
      if (cipher && !existsSync(encPath)) set(plain);
      return plain;
    },
    set,
  };
}
