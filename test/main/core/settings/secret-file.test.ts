import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileSecretStore,
  ENCRYPTED_FILE,
  PLAIN_FILE,
  type SecretCipher,
} from '../../../../main/core/settings/secret-file.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

/** A reversible stand-in for safeStorage: XOR with a key plus a header; rejects foreign data. */
function xorCipher(key = 0x5a): SecretCipher {
  const header = Buffer.from('XOR1');
  return {
    encrypt: (plain) => Buffer.concat([header, Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key))]),
    decrypt: (data) => {
      if (!data.subarray(0, 4).equals(header)) throw new Error('not ours');
      return Buffer.from(data.subarray(4).map((b) => b ^ key)).toString('utf8');
    },
  };
}

let dir: string;

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'secret-')), 'data');
});
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

describe('createFileSecretStore without a cipher', () => {
  it('stores the token in a plain 0600 file and reports kind "file"', () => {
    const store = createFileSecretStore(dir, null);
    expect(store.kind).toBe('file');
    expect(store.get()).toBeNull();
    store.set(TOKEN);
    const file = path.join(dir, PLAIN_FILE);
    expect(readFileSync(file, 'utf8')).toBe(TOKEN);
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(existsSync(path.join(dir, ENCRYPTED_FILE))).toBe(false);
    expect(createFileSecretStore(dir, null).get()).toBe(TOKEN);
  });
});

describe('createFileSecretStore with a cipher', () => {
  it('stores ciphertext only and reports kind "safe-storage"', () => {
    const store = createFileSecretStore(dir, xorCipher());
    expect(store.kind).toBe('safe-storage');
    store.set(TOKEN);
    const enc = path.join(dir, ENCRYPTED_FILE);
    expect(mode(enc)).toBe(0o600);
    expect(existsSync(path.join(dir, PLAIN_FILE))).toBe(false);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(path.join(dir, name)).includes(TOKEN)).toBe(false);
      expect(readFileSync(path.join(dir, name)).includes(TOKEN.split(':')[1]!)).toBe(false);
    }
    expect(createFileSecretStore(dir, xorCipher()).get()).toBe(TOKEN);
  });

  it('moves a plain file from a run without encryption into the encrypted file on first read', () => {
    createFileSecretStore(dir, null).set(TOKEN);
    const store = createFileSecretStore(dir, xorCipher());
    expect(store.get()).toBe(TOKEN);
    expect(existsSync(path.join(dir, PLAIN_FILE))).toBe(false);
    expect(readFileSync(path.join(dir, ENCRYPTED_FILE)).includes(TOKEN)).toBe(false);
    expect(createFileSecretStore(dir, xorCipher()).get()).toBe(TOKEN);
  });

  it('clearing removes both files', () => {
    createFileSecretStore(dir, xorCipher()).set(TOKEN);
    writeFileSync(path.join(dir, PLAIN_FILE), 'stale', { mode: 0o600 });
    const store = createFileSecretStore(dir, xorCipher());
    store.set(null);
    expect(readdirSync(dir)).toEqual([]);
    expect(store.get()).toBeNull();
    store.set(TOKEN);
    store.set('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads an encrypted file it cannot decrypt as null and leaves it in place', () => {
    createFileSecretStore(dir, xorCipher()).set(TOKEN);
    const foreign: SecretCipher = {
      encrypt: () => Buffer.from('x'),
      decrypt: () => {
        throw new Error('keyring locked');
      },
    };
    expect(createFileSecretStore(dir, foreign).get()).toBeNull();
    expect(existsSync(path.join(dir, ENCRYPTED_FILE))).toBe(true);
    expect(createFileSecretStore(dir, xorCipher()).get()).toBe(TOKEN);
  });
});
