import { describe, expect, it } from 'vitest';
import {
  bridgeSocketUrl,
  resolveToken,
  TOKEN_STORAGE_KEY,
  type TokenStorage,
} from '../../../../renderer/src/bridge/token.js';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('access token', () => {
  it('takes the token from the URL, stores it and removes it from the address', () => {
    const storage = memoryStorage();
    const result = resolveToken('http://127.0.0.1:4100/?token=abc123&x=1#top', storage);
    expect(result).toEqual({ token: 'abc123', cleanedUrl: '/?x=1#top' });
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123');
  });

  it('uses the stored token after a reload without the query', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' });
    expect(resolveToken('http://127.0.0.1:4100/', storage)).toEqual({ token: 'kept', cleanedUrl: null });
  });

  it('prefers a fresh URL token over a stale stored one, and reports none when there is none', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(resolveToken('http://h/?token=new', storage).token).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
    expect(resolveToken('http://h/', memoryStorage())).toEqual({ token: null, cleanedUrl: null });
  });

  it('builds ws:// or wss:// URLs for the page host', () => {
    expect(bridgeSocketUrl('http://127.0.0.1:4100/', 'a b')).toBe('ws://127.0.0.1:4100/bridge?token=a%20b');
    expect(bridgeSocketUrl('https://box.example:8443/app/', 't')).toBe(
      'wss://box.example:8443/bridge?token=t',
    );
  });
});
